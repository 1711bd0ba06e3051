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

    /**
     * Regression: two processes on one database file (AUTO_SERVER: a command-line import while the server runs) each
     * kept the counts under a lock of their own; two writes replacing the same record both took away its old version.
     * Now the lock is a row of the database, and the counts stay those of the records.
     */
    @Test
    void keptCountsStayRightWithTwoStoresWritingOneFile(@TempDir Path dir) throws Exception {
        try (H2gisFeatureStore one = H2gisFeatureStore.open(dir); H2gisFeatureStore two = H2gisFeatureStore.open(dir)) {
            one.migrate();
            vn.anttmap.model.Tally tally = yearTally("t");
            one.keep(tally);
            two.keep(tally);
            java.util.Random seed = new java.util.Random(9);
            List<vn.anttmap.model.Feature> start = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                start.add(randomIncident(seed, "i" + i));
            }
            one.write(new WriteBatch().upsert(Layer.INCIDENTS, start));
            one.countKept(tally, 2023, (k, n) -> {
            });
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (H2gisFeatureStore store : List.of(one, two)) {
                java.util.Random r = new java.util.Random(store == one ? 1 : 2);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 150; i++) {
                        store.write(new WriteBatch().upsert(Layer.INCIDENTS, List.of(randomIncident(r, "i" + r.nextInt(5)))));
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            java.util.Map<String, List<Long>> kept = new java.util.TreeMap<>();
            two.countKept(tally, 2023, (k, n) -> {
                if (java.util.Arrays.stream(n).anyMatch(x -> x != 0)) {
                    kept.put(k, java.util.Arrays.stream(n).boxed().toList());
                }
            });
            java.util.Map<String, List<Long>> counted = new java.util.TreeMap<>();
            one.countEach(Layer.INCIDENTS, vn.anttmap.model.FeatureQuery.ALL, "area_id", tally.counts(2023), (k, n) -> {
                if (java.util.Arrays.stream(n).anyMatch(x -> x != 0)) {
                    counted.put(k, java.util.Arrays.stream(n).boxed().toList());
                }
            });
            assertThat(kept).isEqualTo(counted);
        }
    }

    @Test
    void fileStoreIsCreatedInTheDataDirectoryAndKeepsDataAcrossOpens(@TempDir Path dir) {
        Path dataDir = dir.resolve("nested/data");
        try (H2gisFeatureStore s = H2gisFeatureStore.open(dataDir)) {
            assertThat(s.migrate()).isEqualTo(10); // migrations 1 to 9, and 13 (10 to 12 are on other branches)
            s.write(new WriteBatch().upsert(Layer.CAMERAS, List.of(vn.anttmap.TestFeatures.camera("c1", 105.785, 19.445, "a", "w"))));
        }
        assertThat(Files.exists(dataDir.resolve(H2gisFeatureStore.FILE_NAME + ".mv.db"))).isTrue();
        try (H2gisFeatureStore s = H2gisFeatureStore.open(dataDir)) {
            assertThat(s.migrate()).isZero();
            assertThat(s.counts().get(Layer.CAMERAS)).isEqualTo(1L);
        }
    }

    /** A write through one store object on the file (a CLI import beside the server) changes the other's stamp. */
    @Test
    void aWriteByASecondStoreOnTheFileChangesTheFirstOnesStamp(@TempDir Path dir) {
        try (H2gisFeatureStore server = H2gisFeatureStore.open(dir); H2gisFeatureStore cli = H2gisFeatureStore.open(dir)) {
            server.migrate();
            long before = server.changeStamp(List.of(Layer.CAMERAS));
            cli.write(new WriteBatch().upsert(Layer.CAMERAS, List.of(vn.anttmap.TestFeatures.camera("c1", 105.785, 19.445, "a", "w"))));
            assertThat(server.changeStamp(List.of(Layer.CAMERAS))).isGreaterThan(before);
            assertThat(server.dataVersion()).as("the in-process version does not see it").isZero();
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
