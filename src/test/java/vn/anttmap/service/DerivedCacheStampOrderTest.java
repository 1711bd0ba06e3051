package vn.anttmap.service;

import org.junit.jupiter.api.Test;
import vn.anttmap.model.Layer;
import vn.anttmap.store.FeatureStore;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review finding: with read replicas, requests see change stamps a little behind the newest (a replica not yet
 * caught up) between requests that see the newest. A kept value must serve a request whose stamp is older than its
 * own, and such a request must not empty the cache: before, every switch between the two dropped every kept value.
 */
class DerivedCacheStampOrderTest {
    @Test
    void anOlderStampIsServedTheNewerValueAndEmptiesNothing() {
        Deque<Long> stamps = new ArrayDeque<>(List.of(5L, 4L, 5L, 6L));
        FeatureStore store = (FeatureStore) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{FeatureStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("changeStamp")) {
                        return stamps.removeFirst();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        DerivedCache<String, String> cache = new DerivedCache<>("test", store, List.of(Layer.CAMERAS), 10);
        AtomicInteger computed = new AtomicInteger();
        assertThat(cache.get("k", () -> "at 5 #" + computed.incrementAndGet())).isEqualTo("at 5 #1");
        assertThat(cache.get("k", () -> "at 4 #" + computed.incrementAndGet())).as("stamp 4: the value kept at 5")
                .isEqualTo("at 5 #1");
        assertThat(cache.get("k", () -> "at 5 #" + computed.incrementAndGet())).as("stamp 5 again: still kept")
                .isEqualTo("at 5 #1");
        assertThat(cache.get("k", () -> "at 6 #" + computed.incrementAndGet())).as("a newer stamp computes anew")
                .isEqualTo("at 6 #2");
    }
}
