package vn.anttmap.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.anttmap.model.Layer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract on the embedded store, in memory; plus what only the file store does. */
class H2gisFeatureStoreTest extends FeatureStoreContract {

    @Override
    protected FeatureStore openFresh() {
        return H2gisFeatureStore.inMemory("contract-" + UUID.randomUUID());
    }

    @Override
    protected StoreKind expectedKind() {
        return StoreKind.H2GIS;
    }

    @Test
    void fileStoreIsCreatedInTheDataDirectoryAndKeepsDataAcrossOpens(@TempDir Path dir) {
        Path dataDir = dir.resolve("nested/data");
        try (H2gisFeatureStore s = H2gisFeatureStore.open(dataDir)) {
            assertThat(s.migrate()).isEqualTo(7);
            s.write(new WriteBatch().upsert(Layer.CAMERAS, List.of(vn.anttmap.TestFeatures.camera("c1", 105.785, 19.445, "a", "w"))));
        }
        assertThat(Files.exists(dataDir.resolve(H2gisFeatureStore.FILE_NAME + ".mv.db"))).isTrue();
        try (H2gisFeatureStore s = H2gisFeatureStore.open(dataDir)) {
            assertThat(s.migrate()).isZero();
            assertThat(s.counts().get(Layer.CAMERAS)).isEqualTo(1L);
        }
    }

    @Test
    void aSecondProcessStyleOpenWorksAlongsideTheFirst(@TempDir Path dir) {
        try (H2gisFeatureStore server = H2gisFeatureStore.open(dir); H2gisFeatureStore cli = H2gisFeatureStore.open(dir)) {
            server.migrate();
            server.write(new WriteBatch().upsert(Layer.CAMERAS, List.of(vn.anttmap.TestFeatures.camera("c1", 105.785, 19.445, "a", "w"))));
            assertThat(cli.counts().get(Layer.CAMERAS)).isEqualTo(1L);
        }
    }
}
