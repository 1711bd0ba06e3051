package vn.anttmap.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TileCacheTest {

    /** Regression: the tile cache was bounded by 4,096 entries, whatever they weighed (600 MB of z14 tiles). */
    @Test
    void theLeastRecentlyUsedGoWhenTheBytesPassTheLimit() {
        TileCache<byte[]> cache = new TileCache<>(1_000, b -> b.length);
        cache.put("a", new byte[400]);
        cache.put("b", new byte[400]);
        assertThat(cache.get("a")).hasSize(400); // a is now more recent than b
        cache.put("c", new byte[400]);
        assertThat(cache.get("b")).isNull();
        assertThat(cache.get("a")).isNotNull();
        assertThat(cache.get("c")).isNotNull();
        assertThat(cache.heldBytes()).isEqualTo(800);
    }

    @Test
    void anEntryHeavierThanTheLimitIsNotKeptAndReplacingOneCountsItOnce() {
        TileCache<byte[]> cache = new TileCache<>(1_000, b -> b.length);
        cache.put("a", new byte[300]);
        cache.put("huge", new byte[1_001]);
        assertThat(cache.get("huge")).isNull();
        assertThat(cache.get("a")).isNotNull();
        cache.put("a", new byte[500]);
        assertThat(cache.heldBytes()).isEqualTo(500);
        assertThat(cache.size()).isEqualTo(1);
        cache.put("a", new byte[2_000]); // too heavy now: the old one goes too, nothing stale stays
        assertThat(cache.get("a")).isNull();
        assertThat(cache.heldBytes()).isZero();
    }

    @Test
    void aNewDataVersionEmptiesIt() {
        TileCache<byte[]> cache = new TileCache<>(1_000, b -> b.length);
        cache.atVersion(7);
        cache.put("t/7", new byte[300]);
        cache.atVersion(7);
        assertThat(cache.get("t/7")).isNotNull();
        cache.atVersion(8);
        assertThat(cache.size()).isZero();
        assertThat(cache.heldBytes()).isZero();
    }
}
