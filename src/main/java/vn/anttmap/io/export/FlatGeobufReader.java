package vn.anttmap.io.export;

import org.locationtech.jts.geom.Geometry;
import org.wololo.flatgeobuf.ColumnMeta;
import org.wololo.flatgeobuf.GeometryConversions;
import org.wololo.flatgeobuf.HeaderMeta;
import org.wololo.flatgeobuf.PackedRTree;
import org.wololo.flatgeobuf.generated.ColumnType;
import org.wololo.flatgeobuf.generated.Feature;
import org.wololo.flatgeobuf.generated.GeometryType;
import vn.anttmap.geo.GeometryChecks;
import vn.anttmap.io.RawRecord;
import vn.anttmap.model.Bilingual;
import vn.anttmap.model.InvalidInputException;
import vn.anttmap.model.Problem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a FlatGeobuf file (as {@link FlatGeobufWriter} or GDAL writes it, with or without its spatial index): every
 * feature with its geometry and properties. Geometries must be EPSG:4326 (or carry no CRS). A {@code feature_id} (or
 * {@code id}) column gives each record's id. Locations in problems are "feature N" (1-based, in file order).
 */
public final class FlatGeobufReader {
    private static final byte[] MAGIC = {0x66, 0x67, 0x62, 0x03};

    private FlatGeobufReader() {
    }

    public static List<RawRecord> read(String source, InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        if (bytes.length < 8 || bytes[0] != MAGIC[0] || bytes[1] != MAGIC[1] || bytes[2] != MAGIC[2] || bytes[3] != MAGIC[3]) {
            throw new InvalidInputException(source, new Problem("file", null, Bilingual.of("không phải tệp FlatGeobuf",
                    "not a FlatGeobuf file (no 'fgb' signature)")));
        }
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        HeaderMeta header;
        try {
            header = HeaderMeta.read(bb);
        } catch (RuntimeException | IOException e) {
            throw new InvalidInputException(source, new Problem("header", null, Bilingual.of("không đọc được phần đầu tệp FlatGeobuf",
                    "unreadable FlatGeobuf header: " + e.getMessage())));
        }
        if (header.srid != 0 && header.srid != 4326) {
            throw new InvalidInputException(source, new Problem("header", "crs", Bilingual.of("hình học dùng hệ tọa độ EPSG:"
                    + header.srid + "; hãy xuất lại theo EPSG:4326", "geometries are in EPSG:" + header.srid + "; export them in EPSG:4326")));
        }
        long position = header.offset;
        if (header.indexNodeSize > 0 && header.featuresCount > 0) {
            position += PackedRTree.calcSize((int) header.featuresCount, header.indexNodeSize);
        }
        List<RawRecord> out = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        int n = 0;
        while (position + 4 <= bytes.length) {
            String location = "feature " + (++n);
            int size = bb.getInt((int) position);
            if (size <= 0 || position + 4 + size > bytes.length) {
                problems.add(new Problem(location, null, Bilingual.of("tệp bị cắt cụt", "the file is cut short")));
                break;
            }
            ByteBuffer slice = bb.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            slice.position((int) position + 4).limit((int) position + 4 + size);
            try {
                Feature f = Feature.getRootAsFeature(slice.slice().order(ByteOrder.LITTLE_ENDIAN));
                out.add(record(location, f, header));
            } catch (RuntimeException e) {
                problems.add(new Problem(location, null, Bilingual.of("không đọc được đối tượng", "unreadable feature: " + e)));
            }
            position += 4 + size;
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(source, problems);
        }
        return out;
    }

    private static RawRecord record(String location, Feature f, HeaderMeta header) {
        Geometry g = null;
        if (f.geometry() != null) {
            int type = header.geometryType != GeometryType.Unknown ? header.geometryType : f.geometry().type();
            Geometry read = GeometryConversions.deserialize(f.geometry(), type);
            if (read != null) {
                g = GeometryChecks.WGS84.createGeometry(read);
                g.setSRID(4326);
            }
        }
        List<ColumnMeta> columns = f.columnsLength() > 0 ? featureColumns(f) : header.columns;
        Map<String, Object> values = new LinkedHashMap<>();
        String id = null;
        ByteBuffer p = f.propertiesAsByteBuffer();
        if (p != null) {
            p = p.slice().order(ByteOrder.LITTLE_ENDIAN);
            while (p.remaining() >= 2) {
                int column = Short.toUnsignedInt(p.getShort());
                if (columns == null || column >= columns.size()) {
                    throw new IllegalStateException("property of column " + column + ", which the header does not declare");
                }
                ColumnMeta c = columns.get(column);
                Object v = value(p, c.type);
                if (c.name.equals("feature_id") || (c.name.equals("id") && id == null)) {
                    id = v == null ? null : v.toString();
                } else {
                    values.put(c.name, v);
                }
            }
        }
        return new RawRecord(location, id, g, values);
    }

    private static List<ColumnMeta> featureColumns(Feature f) {
        List<ColumnMeta> list = new ArrayList<>();
        for (int i = 0; i < f.columnsLength(); i++) {
            ColumnMeta c = new ColumnMeta();
            c.name = f.columns(i).name();
            c.type = (byte) f.columns(i).type();
            list.add(c);
        }
        return list;
    }

    /** One value of a column's type, as the specification lays it out (little-endian; strings with a length). */
    private static Object value(ByteBuffer p, byte type) {
        return switch (type) {
            case ColumnType.Byte -> (long) p.get();
            case ColumnType.UByte -> (long) Byte.toUnsignedInt(p.get());
            case ColumnType.Bool -> p.get() != 0;
            case ColumnType.Short -> (long) p.getShort();
            case ColumnType.UShort -> (long) Short.toUnsignedInt(p.getShort());
            case ColumnType.Int -> (long) p.getInt();
            case ColumnType.UInt -> Integer.toUnsignedLong(p.getInt());
            case ColumnType.Long, ColumnType.ULong -> p.getLong();
            case ColumnType.Float -> (double) p.getFloat();
            case ColumnType.Double -> p.getDouble();
            case ColumnType.String, ColumnType.Json, ColumnType.DateTime -> {
                byte[] s = new byte[p.getInt()];
                p.get(s);
                yield new String(s, StandardCharsets.UTF_8);
            }
            case ColumnType.Binary -> {
                byte[] b = new byte[p.getInt()];
                p.get(b);
                yield java.util.Base64.getEncoder().encodeToString(b);
            }
            default -> throw new IllegalStateException("unknown column type " + type);
        };
    }
}
