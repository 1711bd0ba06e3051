package vn.anttmap.io;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;
import vn.anttmap.model.Feature;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A vector tile of points written straight as protocol buffers (MVT 2.1): the same tile {@link MvtTiles} describes
 * (property {@code id}, every non-null property, dates as ISO 8601 text, points within the tile and its buffer of
 * 1/16), without building a geometry and a tag map per feature. Values are typed as PostGIS's ST_AsMVT types them:
 * text as string, whole numbers as uint (sint when negative), other numbers as double, booleans as bool.
 *
 * <p>Points are added one at a time ({@link #add}) in any order; the tile writes them by id (then in the order added),
 * so the same records make the same bytes (and ETag) however the store happened to read them.
 */
public final class PointTile {
    private final String layerName;
    private final Envelope tile;
    private final int extent;
    private final int buffer;
    private final double sx;
    private final double sy;
    private Row[] rows = new Row[256];
    private int size;
    /** The side of a cluster cell in tile units, or 0 for every point as it is. */
    private int clusterUnits;

    /** The properties of a cluster (a cell holding several points): {@code cluster} (true) and {@code point_count}. */
    public static final List<String> CLUSTER_FIELDS = List.of("cluster", "point_count");

    /** A point kept for the tile: its id, tile coordinates, and its property names and values (parallel). */
    private record Row(String id, long px, long py, List<String> names, Object[] values) {
    }

    /**
     * An empty tile.
     *
     * @param tile the tile's bounds in Web Mercator metres
     */
    PointTile(String layerName, Envelope tile, int extent) {
        this.layerName = layerName;
        this.tile = tile;
        this.extent = extent;
        this.buffer = extent / 16; // as ST_AsMVTGeom's default buffer of 256 in 4096
        this.sx = extent / tile.getWidth();
        this.sy = extent / tile.getHeight();
    }

    static byte[] encode(String layerName, List<Feature> features, Envelope tile, int extent) {
        PointTile out = new PointTile(layerName, tile, extent);
        for (Feature f : features) {
            if (!(f.geometry() instanceof Point p) || p.isEmpty()) {
                continue;
            }
            List<String> names = new ArrayList<>(f.properties().size());
            Object[] values = new Object[f.properties().size()];
            for (Map.Entry<String, Object> e : f.properties().entrySet()) {
                values[names.size()] = e.getValue();
                names.add(e.getKey());
            }
            out.add(f.id(), p.getX(), p.getY(), names, values);
        }
        return out.encode();
    }

    /**
     * Adds a point if it falls within the tile or its buffer (else leaves it out).
     *
     * @param lon    the point, EPSG:4326
     * @param names  property names, parallel to {@code values}: pass the same list for every point of a layer (its
     *               key indexes are then looked up once)
     * @param values property values, typed as in {@link Feature}; {@code null} ones, and one named {@code id}, are left
     *               out. Kept, not copied.
     */
    public void add(String id, double lon, double lat, List<String> names, Object[] values) {
        double clamped = Math.max(-85.05112878, Math.min(85.05112878, lat));
        double mx = Math.toRadians(lon) * MvtTiles.R;
        double my = Math.log(Math.tan(Math.PI / 4 + Math.toRadians(clamped) / 2)) * MvtTiles.R;
        long px = Math.round((mx - tile.getMinX()) * sx);
        long py = Math.round((tile.getMaxY() - my) * sy);
        if (px < -buffer || py < -buffer || px > extent + buffer || py > extent + buffer) {
            return;
        }
        if (size == rows.length) {
            rows = java.util.Arrays.copyOf(rows, size * 2);
        }
        rows[size++] = new Row(id, px, py, names, values);
    }

    /**
     * Gathers the points by cells of {@code units} × {@code units} tile units (aligned on the tile's corner): a cell
     * holding one point keeps it as it is; a cell holding several becomes one point at their mean position (rounded
     * half up) with {@link #CLUSTER_FIELDS} only ({@code cluster} true, {@code point_count} how many), and no id.
     * Features come in the order of their first point by id. The same as {@code FeatureStore#mvt} with a cell size.
     *
     * @return this tile
     */
    public PointTile clustered(int units) {
        if (units < 1) {
            throw new IllegalArgumentException("a cluster cell is at least one tile unit, not " + units);
        }
        this.clusterUnits = units;
        return this;
    }

    /** The tile: empty (no bytes) when no point was kept. */
    public byte[] encode() {
        if (size == 0) {
            return new byte[0]; // as ST_AsMVT and the general encoder: an empty tile has no layer
        }
        Row[] sorted = java.util.Arrays.copyOf(rows, size);
        java.util.Arrays.sort(sorted, (a, b) -> a.id().compareTo(b.id())); // stable: equal ids keep the order added
        if (clusterUnits > 0) {
            sorted = clusters(sorted, clusterUnits);
        }
        Writer w = new Writer(sorted.length);
        for (Row row : sorted) {
            w.feature(row);
        }
        return w.tile(layerName, extent);
    }

    /** The rows (sorted by id) gathered by cell, in the order of each cell's first row. */
    private static Row[] clusters(Row[] sorted, int units) {
        Map<Long, long[]> cells = new java.util.LinkedHashMap<>(); // cell → {count, sum x, sum y, first row}
        for (int i = 0; i < sorted.length; i++) {
            Row r = sorted[i];
            long key = (Math.floorDiv(r.px(), units) << 32) ^ (Math.floorDiv(r.py(), units) & 0xFFFFFFFFL);
            long[] c = cells.get(key);
            if (c == null) {
                cells.put(key, new long[]{1, r.px(), r.py(), i});
            } else {
                c[0]++;
                c[1] += r.px();
                c[2] += r.py();
            }
        }
        Row[] out = new Row[cells.size()];
        int k = 0;
        for (long[] c : cells.values()) {
            out[k++] = c[0] == 1 ? sorted[(int) c[3]]
                    : new Row(null, mean(c[1], c[0]), mean(c[2], c[0]), CLUSTER_FIELDS, new Object[]{Boolean.TRUE, c[0]});
        }
        return out;
    }

    /** sum / n rounded half up, as the database's floor(avg + 0.5). */
    private static long mean(long sum, long n) {
        return (long) Math.floor((double) sum / n + 0.5);
    }

    /**
     * Writes features, gathering the layer's keys and values as it goes (each kept once, numbered in order of first
     * use). Per-feature work is in its own small method, which the JIT compiles after a few tiles.
     */
    private static final class Writer {
        final Map<String, Integer> keys = new HashMap<>();
        final List<String> keyList = new ArrayList<>();
        final ValueIndex values;
        final Buf features;
        final Buf one = new Buf(256);
        int[] tags = new int[32];
        // Key indexes by position in the names list last seen (the same list for every point of a stored layer).
        List<String> cachedNames;
        int[] cachedKeys = new int[0];

        Writer(int points) {
            values = new ValueIndex(2 * points + 16);
            features = new Buf(64 * points + 16);
        }

        void feature(Row row) {
            if (row.names() != cachedNames) {
                cachedNames = row.names();
                cachedKeys = new int[cachedNames.size()];
                java.util.Arrays.fill(cachedKeys, -1);
            }
            int n = 0;
            if (row.id() != null) { // a cluster has none
                put(n++, key("id"));
                put(n++, values.indexOf(row.id()));
            }
            Object[] vs = row.values();
            for (int i = 0; i < vs.length; i++) {
                Object v = vs[i];
                if (v == null) {
                    continue;
                }
                int k = cachedKeys[i];
                if (k < 0) {
                    String name = cachedNames.get(i);
                    if (name.equals("id")) {
                        continue;
                    }
                    k = key(name);
                    cachedKeys[i] = k;
                }
                put(n++, k);
                put(n++, values.indexOf(v instanceof Number || v instanceof Boolean ? v : Values.format(v)));
            }
            one.reset();
            // tags (2), packed
            int tagLen = 0;
            for (int i = 0; i < n; i++) {
                tagLen += Buf.varintSize(tags[i]);
            }
            one.key(2, 2);
            one.varint(tagLen);
            for (int i = 0; i < n; i++) {
                one.varint(tags[i]);
            }
            one.key(3, 0);
            one.varint(1); // POINT
            long zx = zigzag(row.px());
            long zy = zigzag(row.py());
            one.key(4, 2);
            one.varint(1 + Buf.varintSize(zx) + Buf.varintSize(zy));
            one.varint(9); // MoveTo, one point
            one.varint(zx);
            one.varint(zy);
            features.key(2, 2);
            features.varint(one.size);
            features.bytes(one.data, 0, one.size);
        }

        private int key(String name) {
            Integer i = keys.get(name);
            if (i == null) {
                i = keyList.size();
                keys.put(name, i);
                keyList.add(name);
            }
            return i;
        }

        private void put(int at, int tag) {
            if (at == tags.length) {
                tags = java.util.Arrays.copyOf(tags, tags.length * 2);
            }
            tags[at] = tag;
        }

        byte[] tile(String layerName, int extent) {
            Buf layer = new Buf(features.size + 64 * (keyList.size() + values.size()) + 64);
            layer.key(15, 0);
            layer.varint(2);
            layer.string(1, layerName);
            layer.bytes(features.data, 0, features.size);
            for (String k : keyList) {
                layer.string(3, k);
            }
            for (int i = 0; i < values.size(); i++) {
                Object v = values.get(i);
                one.reset();
                if (v instanceof Boolean b) {
                    one.key(7, 0);
                    one.varint(b ? 1 : 0);
                } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                    long l = ((Number) v).longValue();
                    one.key(l >= 0 ? 5 : 6, 0);
                    one.varint(l >= 0 ? l : zigzag(l));
                } else if (v instanceof Number num) {
                    one.key(3, 1);
                    one.fixed64(Double.doubleToLongBits(num.doubleValue()));
                } else {
                    one.string(1, v.toString());
                }
                layer.key(4, 2);
                layer.varint(one.size);
                layer.bytes(one.data, 0, one.size);
            }
            layer.key(5, 0);
            layer.varint(extent);
            Buf out = new Buf(layer.size + 8);
            out.key(3, 2);
            out.varint(layer.size);
            out.bytes(layer.data, 0, layer.size);
            return java.util.Arrays.copyOf(out.data, out.size);
        }
    }

    /**
     * The layer's values, each once (by {@code equals}, as a {@link HashMap} would key them), numbered in order of
     * first use: open addressing over two arrays, without a boxed index and an entry object per value (a tile of
     * incidents looks up about 20,000 values, most of them new).
     */
    private static final class ValueIndex {
        private Object[] slots;
        private int[] numbers;
        private Object[] byNumber;
        private int size;

        ValueIndex(int expected) {
            int capacity = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
            slots = new Object[capacity];
            numbers = new int[capacity];
            byNumber = new Object[Math.max(16, expected)];
        }

        int size() {
            return size;
        }

        Object get(int number) {
            return byNumber[number];
        }

        /** The value's number, numbering it if new. */
        int indexOf(Object v) {
            int mask = slots.length - 1;
            int h = v.hashCode();
            int i = (h ^ (h >>> 16)) & mask;
            for (Object at = slots[i]; at != null; at = slots[i]) {
                if (at.equals(v)) {
                    return numbers[i];
                }
                i = (i + 1) & mask;
            }
            slots[i] = v;
            numbers[i] = size;
            if (size == byNumber.length) {
                byNumber = java.util.Arrays.copyOf(byNumber, size * 2);
            }
            byNumber[size] = v;
            if (++size * 2 > slots.length) {
                grow();
            }
            return size - 1;
        }

        private void grow() {
            Object[] oldSlots = slots;
            int[] oldNumbers = numbers;
            slots = new Object[oldSlots.length * 2];
            numbers = new int[oldSlots.length * 2];
            int mask = slots.length - 1;
            for (int j = 0; j < oldSlots.length; j++) {
                Object v = oldSlots[j];
                if (v == null) {
                    continue;
                }
                int h = v.hashCode();
                int i = (h ^ (h >>> 16)) & mask;
                while (slots[i] != null) {
                    i = (i + 1) & mask;
                }
                slots[i] = v;
                numbers[i] = oldNumbers[j];
            }
        }
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    /** A growable byte buffer with the protocol-buffer writes this needs. */
    private static final class Buf {
        byte[] data;
        int size;

        Buf(int capacity) {
            data = new byte[Math.max(16, capacity)];
        }

        void reset() {
            size = 0;
        }

        private void room(int n) {
            if (size + n > data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, size + n));
            }
        }

        void key(int field, int wireType) {
            varint(((long) field << 3) | wireType);
        }

        void varint(long v) {
            room(10);
            while ((v & ~0x7FL) != 0) {
                data[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            data[size++] = (byte) v;
        }

        void fixed64(long v) {
            room(8);
            for (int i = 0; i < 8; i++) {
                data[size++] = (byte) (v >>> (8 * i));
            }
        }

        void bytes(byte[] b, int off, int len) {
            room(len);
            System.arraycopy(b, off, data, size, len);
            size += len;
        }

        void string(int field, String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            key(field, 2);
            varint(b.length);
            bytes(b, 0, b.length);
        }

        static int varintSize(long v) {
            int n = 1;
            while ((v & ~0x7FL) != 0) {
                v >>>= 7;
                n++;
            }
            return n;
        }
    }
}
