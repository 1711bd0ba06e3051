package vn.anttmap.api;

import org.junit.jupiter.api.AfterAll;
import vn.anttmap.store.FeatureStore;
import vn.anttmap.store.h2gis.H2gisFeatureStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@link DashboardContract} on the embedded store: both nodes open one file. */
class H2DashboardTest extends DashboardContract {
    Path dir;

    @Override
    FeatureStore openStore() {
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("antt-dashboard-");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return H2gisFeatureStore.open(dir);
    }

    @AfterAll
    void removeDirectory() throws IOException {
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
