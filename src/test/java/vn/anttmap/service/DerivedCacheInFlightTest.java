package vn.anttmap.service;

import org.junit.jupiter.api.Test;
import vn.anttmap.model.Layer;
import vn.anttmap.store.h2gis.H2gisFeatureStore;

import java.util.EnumSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A value asked for while another thread computes it is computed once: the page's first load after a start waits for
 * what {@link PageWarmer} is computing instead of computing it again beside it.
 */
class DerivedCacheInFlightTest {

    @Test
    void aSecondAskerWaitsForTheComputationInFlight() throws Exception {
        try (H2gisFeatureStore store = H2gisFeatureStore.inMemory("in-flight-" + UUID.randomUUID())) {
            store.migrate();
            DerivedCache<String, String> cache = new DerivedCache<>("test", store, EnumSet.of(Layer.CAMERAS), 10);
            AtomicInteger computed = new AtomicInteger();
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> cache.get("sectors", () -> {
                computed.incrementAndGet();
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "value";
            }));
            started.await();
            CompletableFuture<String> second = new CompletableFuture<>();
            Thread asker = new Thread(() -> second.complete(cache.get("sectors", () -> {
                computed.incrementAndGet();
                return "computed again";
            })));
            asker.start();
            // Patiently, until the second asker is parked on the first one's computation.
            while (asker.getState() != Thread.State.WAITING && asker.isAlive()) {
                Thread.onSpinWait();
            }
            release.countDown();
            assertThat(first.get()).isEqualTo("value");
            assertThat(second.get()).isEqualTo("value");
            assertThat(computed).hasValue(1);
        }
    }

    @Test
    void aFailureIsNotKept() throws Exception {
        try (H2gisFeatureStore store = H2gisFeatureStore.inMemory("in-flight-" + UUID.randomUUID())) {
            store.migrate();
            DerivedCache<String, String> cache = new DerivedCache<>("test", store, EnumSet.of(Layer.CAMERAS), 10);
            try {
                cache.get("k", () -> {
                    throw new IllegalStateException("broken");
                });
            } catch (IllegalStateException expected) {
                assertThat(expected).hasMessage("broken");
            }
            assertThat(cache.get("k", () -> "then computed")).isEqualTo("then computed");
        }
    }
}
