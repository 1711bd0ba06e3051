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
 */
final class PointTile {
    private PointTile() {
    }

    static byte[] encode(String layerName, List<Feature> features, Envelope tile, int extent) {
        Map<String, Integer> keys = new HashMap<>();
        List<String> keyList = new ArrayList<>();
        Map<Object, Integer> values = new HashMap<>();
        List<Object> valueList = new ArrayList<>();
        Buf featureBytes = new Buf(64 * features.size() + 16);
        Buf one = new Buf(256);
        int buffer = extent / 16; // as ST_AsMVTGeom's default buffer of 256 in 4096
        double sx = extent / tile.getWidth();
        double sy = extent / tile.getHeight();
        int[] tags = new int[32];
        for (Feature f : features) {
            if (!(f.geometry() instanceof Point p) || p.isEmpty()) {
                continue;
            }
            double lat = Math.max(-85.05112878, Math.min(85.05112878, p.getY()));
            double mx = Math.toRadians(p.getX()) * MvtTiles.R;
            double my = Math.log(Math.tan(Math.PI / 4 + Math.toRadians(lat) / 2)) * MvtTiles.R;
            long px = Math.round((mx - tile.getMinX()) * sx);
            long py = Math.round((tile.getMaxY() - my) * sy);
            if (px < -buffer || py < -buffer || px > extent + buffer || py > extent + buffer) {
                continue;
            }
            int n = 0;
            tags = tag(tags, n, keys, keyList, "id");
            tags = tag(tags, n + 1, values, valueList, f.id());
            n += 2;
            for (Map.Entry<String, Object> e : f.properties().entrySet()) {
                Object v = e.getValue();
                if (v == null || e.getKey().equals("id")) {
                    continue;
                }
                tags = tag(tags, n, keys, keyList, e.getKey());
                tags = tag(tags, n + 1, values, valueList, v instanceof Number || v instanceof Boolean ? v : Values.format(v));
                n += 2;
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
            long zx = zigzag(px);
            long zy = zigzag(py);
            one.key(4, 2);
            one.varint(1 + Buf.varintSize(zx) + Buf.varintSize(zy));
            one.varint(9); // MoveTo, one point
            one.varint(zx);
            one.varint(zy);
            featureBytes.key(2, 2);
            featureBytes.varint(one.size);
            featureBytes.bytes(one.data, 0, one.size);
        }
        Buf layer = new Buf(featureBytes.size + 64 * (keyList.size() + valueList.size()) + 64);
        layer.key(15, 0);
        layer.varint(2);
        layer.string(1, layerName);
        layer.bytes(featureBytes.data, 0, featureBytes.size);
        for (String k : keyList) {
            layer.string(3, k);
        }
        for (Object v : valueList) {
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
        if (featureBytes.size == 0) {
            return new byte[0]; // as ST_AsMVT and the general encoder: an empty tile has no layer
        }
        Buf out = new Buf(layer.size + 8);
        out.key(3, 2);
        out.varint(layer.size);
        out.bytes(layer.data, 0, layer.size);
        return java.util.Arrays.copyOf(out.data, out.size);
    }

    private static <T> int[] tag(int[] tags, int at, Map<T, Integer> index, List<T> list, T value) {
        Integer i = index.get(value);
        if (i == null) {
            i = list.size();
            index.put(value, i);
            list.add(value);
        }
        int[] t = at < tags.length ? tags : java.util.Arrays.copyOf(tags, tags.length * 2);
        t[at] = i;
        return t;
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
