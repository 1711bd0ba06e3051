package vn.anttmap.service;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.anttmap.App;
import vn.anttmap.api.TestData;
import vn.anttmap.auth.Principal;
import vn.anttmap.io.RawRecord;
import vn.anttmap.model.Layer;
import vn.anttmap.store.H2gisFeatureStore;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Two writers holding the same version of a record: one wins, the other is told the record changed. */
class EditConcurrencyTest {
    App.Services services;

    @BeforeEach
    void setUp() throws IOException {
        H2gisFeatureStore store = H2gisFeatureStore.inMemory("edits-" + UUID.randomUUID());
        store.migrate();
        services = App.services(store, Clock.systemUTC());
        TestData.loadFixtures(services.importer());
    }

    @AfterEach
    void tearDown() {
        services.close();
    }

    /**
     * Regression: two PUTs with the same If-Match both answered 200 (found with curl on an organisation), the first
     * write silently lost. Now exactly one succeeds each round and the other gets 409 with the current version.
     */
    @Test
    void twoWritersWithTheSameVersionDoNotBothWin() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                var current = services.edits().get(Layer.INCIDENTS, "i1").orElseThrow();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<String>> outcomes = new ArrayList<>();
                for (String description : List.of("A" + round, "B" + round)) {
                    outcomes.add(pool.submit(() -> {
                        go.await();
                        try {
                            services.edits().update(Principal.ADMIN_LOCAL, Layer.INCIDENTS, "i1", new RawRecord("edit", "i1",
                                    current.feature().geometry(), Map.of("occurred_at", "2023-03-05T20:00:00Z", "category",
                                    "crime", "severity", "it_nghiem_trong", "channel", "hotline_113", "description", description)),
                                    current.version());
                            return "ok";
                        } catch (EditService.EditException e) {
                            return Integer.toString(e.status);
                        }
                    }));
                }
                go.countDown();
                List<String> got = new ArrayList<>();
                for (Future<String> f : outcomes) {
                    got.add(f.get());
                }
                assertThat(got).as("round " + round).containsExactlyInAnyOrder("ok", "409");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
