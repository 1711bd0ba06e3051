package vn.anttmap.api;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Recently used entries, bounded by the bytes they hold rather than by their number: a cache of 4,096 tiles held
 * up to 600 MB of z14 incident tiles (100–150 KB each, and their gzipped copies), more than a server started with
 * {@code -Xmx512m} has. The least recently used go first. Safe for several threads.
 */
final class TileCache<V> {
    private final long limitBytes;
    private final ToLongFunction<V> weigh;
    private final LinkedHashMap<String, Entry<V>> map = new LinkedHashMap<>(256, 0.75f, true);
    private long held;
    private long version = Long.MIN_VALUE;
    private final vn.anttmap.model.CacheStats.Counter counts = new vn.anttmap.model.CacheStats.Counter("tiles");

    private record Entry<V>(V value, long bytes) {
    }

    /**
     * @param limitBytes the most the entries may weigh together
     * @param weigh      an entry's weight in bytes, fixed once it is put
     */
    TileCache(long limitBytes, ToLongFunction<V> weigh) {
        this.limitBytes = limitBytes;
        this.weigh = weigh;
    }

    /**
     * Empties the cache when the data has changed since it was last asked (entries are keyed by data version, so
     * those of an older one would never be asked for again, only wait to be pushed out).
     */
    synchronized void atVersion(long version) {
        // Only forward: a smaller version (a replica a little behind) must not empty what the newer one keeps.
        if (version > this.version) {
            map.clear();
            held = 0;
            this.version = version;
        }
    }

    /** The entry, or {@code null}; counted as a hit or a miss ({@link #stats}). */
    synchronized V get(String key) {
        Entry<V> e = map.get(key);
        if (e == null) {
            counts.miss();
            return null;
        }
        counts.hit();
        return e.value();
    }

    /** Lookups by {@link #get} since the cache was made: found (hits) and not (misses). */
    vn.anttmap.model.CacheStats stats() {
        return counts.stats();
    }

    /** Keeps the entry, unless it alone weighs more than the limit; then drops the least recently used over it. */
    synchronized void put(String key, V value) {
        long bytes = weigh.applyAsLong(value);
        Entry<V> old = map.remove(key);
        if (old != null) {
            held -= old.bytes();
        }
        if (bytes > limitBytes) {
            return;
        }
        map.put(key, new Entry<>(value, bytes));
        held += bytes;
        Iterator<Map.Entry<String, Entry<V>>> eldest = map.entrySet().iterator();
        while (held > limitBytes && eldest.hasNext()) {
            held -= eldest.next().getValue().bytes();
            eldest.remove();
        }
    }

    synchronized long heldBytes() {
        return held;
    }

    synchronized int size() {
        return map.size();
    }
}
