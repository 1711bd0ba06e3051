package vn.anttmap.api;

import org.junit.jupiter.api.io.TempDir;
import vn.anttmap.store.FeatureStore;
import vn.anttmap.store.h2gis.H2gisFeatureStore;

import java.nio.file.Path;
import java.util.List;

/** {@link SessionRevocationContract} on the embedded store: both nodes and the CLI open one file (AUTO_SERVER). */
class H2SessionRevocationTest extends SessionRevocationContract {
    @TempDir
    Path dir;

    @Override
    FeatureStore openStore() {
        return H2gisFeatureStore.open(dir);
    }

    @Override
    List<String> storeArgs() {
        return List.of("--data-dir", dir.toString());
    }
}
