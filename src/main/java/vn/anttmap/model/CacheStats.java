package vn.anttmap.model;

/**
 * How often a cache had what was asked ({@code hits}) and how often it had to compute or read it ({@code misses}),
 * counted since the process started. {@code name} names the cache's kind ({@code scorecards}, {@code tiles}), never a
 * key of it: several caches of one kind report under one name and are added up.
 */
public record CacheStats(String name, long hits, long misses) {
    /** A pair of counters a cache keeps: {@link #hit()} or {@link #miss()} per lookup, read by {@link #stats()}. */
    public static final class Counter {
        private final String name;
        private final java.util.concurrent.atomic.AtomicLong hits = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong misses = new java.util.concurrent.atomic.AtomicLong();

        public Counter(String name) {
            this.name = java.util.Objects.requireNonNull(name);
        }

        public void hit() {
            hits.incrementAndGet();
        }

        public void miss() {
            misses.incrementAndGet();
        }

        public CacheStats stats() {
            return new CacheStats(name, hits.get(), misses.get());
        }
    }
}
