package vn.anttmap.service;

import vn.anttmap.model.Layer;
import vn.anttmap.store.FeatureStore;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Values derived from some layers of the store (camera views, coverage, scorecards), kept until one of those layers
 * changes: each is kept with the layers' change stamp ({@link FeatureStore#changeStamp}) read before it was computed,
 * and served only while the stamp is still that one, so a write by this process, another process or any SQL client
 * (PostGIS) is seen on the next read. A value computed while a write commits is kept under the stamp from before the
 * write, so the next read computes it again. Failures are not kept. Holds at most {@code maxEntries} values (all are
 * dropped when it is full, and whenever the stamp moves on). A value being computed under a stamp is computed once:
 * another thread asking for it meanwhile (a page load while {@link PageWarmer} computes it) waits for that
 * computation instead of running its own beside it.
 *
 * @param <K> what a value is computed from, besides the layers (an area and a year): equal keys, equal values
 */
public final class DerivedCache<K, V> {
    private record Kept<V>(long stamp, V value) {
    }

    private record Computing<V>(long stamp, java.util.concurrent.CompletableFuture<V> value) {
    }

    private final FeatureStore store;
    private final List<Layer> layers;
    private final int maxEntries;
    private final ConcurrentHashMap<K, Kept<V>> kept = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<K, Computing<V>> computing = new ConcurrentHashMap<>();
    private volatile long lastStamp = Long.MIN_VALUE;
    private final vn.anttmap.model.CacheStats.Counter counts;

    /**
     * @param name what the cache holds, for its {@linkplain #stats() counts} ({@code scorecards}, {@code sectors});
     *             caches of one kind share a name
     */
    public DerivedCache(String name, FeatureStore store, Collection<Layer> layers, int maxEntries) {
        this.counts = new vn.anttmap.model.CacheStats.Counter(name);
        this.store = store;
        this.layers = List.copyOf(layers);
        this.maxEntries = maxEntries;
    }

    /** The layers' change stamp now (one small read of the database): pass it to {@link #get(Object, long, Supplier)}. */
    public long stamp() {
        long s = store.changeStamp(layers);
        // Stamps only grow; a smaller one comes from a replica a little behind (or announcements not yet heard), whose
        // request is served a newer value when one is kept: never empty the cache for it.
        if (s > lastStamp) {
            lastStamp = s;
            kept.clear(); // older values are never served again
        }
        return s;
    }

    /** The value of {@code key}, computed by {@code compute} now if it was not kept under the current stamp. */
    public V get(K key, Supplier<V> compute) {
        return get(key, stamp(), compute);
    }

    /**
     * The value of {@code key} kept under {@code stamp} (read by {@link #stamp()} before this call; several values may
     * share one read), else computed by {@code compute} and kept under it.
     */
    public V get(K key, long stamp, Supplier<V> compute) {
        Kept<V> k = kept.get(key);
        if (k != null && k.stamp() >= stamp) {
            counts.hit();
            return k.value();
        }
        Computing<V> mine = new Computing<>(stamp, new java.util.concurrent.CompletableFuture<>());
        Computing<V> other = computing.putIfAbsent(key, mine);
        if (other != null && other.stamp() == stamp) {
            // Served by another thread's computation: not computed again, so a hit.
            counts.hit();
            try {
                return other.value().join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }
        counts.miss();
        try {
            V value = compute.get();
            if (kept.size() >= maxEntries) {
                kept.clear();
            }
            // A value of a newer stamp (another thread's) stays.
            kept.merge(key, new Kept<>(stamp, value), (old, now) -> old.stamp() > now.stamp() ? old : now);
            mine.value().complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.value().completeExceptionally(e);
            throw e;
        } finally {
            if (other == null) {
                computing.remove(key, mine);
            }
        }
    }

    /**
     * Lookups since the cache was made: hits (a kept value served, or one another thread was computing) and misses
     * (computed by the caller).
     */
    public vn.anttmap.model.CacheStats stats() {
        return counts.stats();
    }

    /** How many values are kept (for tests). */
    int size() {
        return kept.size();
    }
}
