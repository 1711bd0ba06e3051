package vn.anttmap.io.export;

import com.google.flatbuffers.FlatBufferBuilder;
import org.locationtech.jts.geom.Envelope;
import org.wololo.flatgeobuf.ColumnMeta;
import org.wololo.flatgeobuf.GeometryConversions;
import org.wololo.flatgeobuf.HeaderMeta;
import org.wololo.flatgeobuf.generated.ColumnType;
import org.wololo.flatgeobuf.generated.Feature;
import org.wololo.flatgeobuf.generated.GeometryType;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import vn.anttmap.io.Values;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one layer as FlatGeobuf (EPSG:4326, no spatial index). Property values: integers as Long, reals as Double,
 * booleans as Bool, everything else as String (ISO 8601 for days and instants).
 */
public final class FlatGeobufWriter {
    private static final byte[] MAGIC = {0x66, 0x67, 0x62, 0x03, 0x66, 0x67, 0x62, 0x00};

    private FlatGeobufWriter() {
    }

    public static void write(ExportLayer layer, OutputStream unbuffered) throws IOException {
        // One write per feature: buffered here, whoever the caller is (a file written straight took 40 s for 200,000).
        OutputStream out = new java.io.BufferedOutputStream(unbuffered, 1 << 16);
        // A stored layer streams: its column types come from its fields, and the header leaves the count (0:
        // unknown, which the format allows without an index) and the extent out. A computed layer is in memory.
        vn.anttmap.model.Layer stored = layer.features() instanceof List ? null
                : vn.anttmap.model.Layer.byName(layer.name()).orElse(null);
        if (stored == null) {
            layer = new ExportLayer(layer.name(), layer.geometryType(), layer.properties(), layer.list());
        }
        List<ColumnMeta> columns = new ArrayList<>();
        List<Byte> types = new ArrayList<>();
        ColumnMeta idColumn = column("feature_id", (byte) ColumnType.String);
        columns.add(idColumn);
        types.add((byte) ColumnType.String);
        for (String p : layer.properties()) {
            byte t = stored != null ? type(stored, p) : type(layer, p);
            columns.add(column(p, t));
            types.add(t);
        }
        HeaderMeta header = new HeaderMeta();
        header.name = layer.name();
        header.geometryType = geometryType(layer.geometryType());
        header.srid = 4326;
        header.columns = columns;
        header.featuresCount = stored != null ? 0 : layer.list().size();
        header.indexNodeSize = 0;
        Envelope e = new Envelope();
        if (stored == null) {
            layer.features().forEach(f -> {
                if (f.geometry() != null) {
                    e.expandToInclude(f.geometry().getEnvelopeInternal());
                }
            });
        }
        header.envelope = e.isNull() ? null : e;
        out.write(MAGIC);
        HeaderMeta.write(header, out, new FlatBufferBuilder(1024));
        for (vn.anttmap.model.Feature f : layer.features()) {
            FlatBufferBuilder b = new FlatBufferBuilder(1024);
            ByteArrayOutputStream props = new ByteArrayOutputStream();
            writeProperty(props, 0, (byte) ColumnType.String, f.id());
            for (int i = 0; i < layer.properties().size(); i++) {
                Object v = f.get(layer.properties().get(i));
                if (v != null) {
                    writeProperty(props, i + 1, types.get(i + 1), v);
                }
            }
            int geometry = f.geometry() == null || f.geometry().isEmpty() ? 0
                    : header.geometryType == GeometryType.MultiLineString
                    ? multiLineString(b, (org.locationtech.jts.geom.MultiLineString) as(f.geometry(), header.geometryType))
                    : GeometryConversions.serialize(b, as(f.geometry(), header.geometryType), header.geometryType);
            int properties = Feature.createPropertiesVector(b, props.toByteArray());
            int feature = Feature.createFeature(b, geometry, properties, 0);
            b.finishSizePrefixed(feature);
            ByteBuffer buf = b.dataBuffer();
            byte[] bytes = new byte[buf.remaining()];
            buf.get(bytes);
            out.write(bytes);
        }
        out.flush();
    }

    private static ColumnMeta column(String name, byte type) {
        ColumnMeta c = new ColumnMeta();
        c.name = name;
        c.type = type;
        c.nullable = true;
        return c;
    }

    private static byte type(ExportLayer layer, String p) {
        for (vn.anttmap.model.Feature f : layer.features()) {
            Object v = f.get(p);
            if (v instanceof Integer || v instanceof Long) {
                return (byte) ColumnType.Long;
            }
            if (v instanceof Double) {
                return (byte) ColumnType.Double;
            }
            if (v instanceof Boolean) {
                return (byte) ColumnType.Bool;
            }
            if (v != null) {
                return (byte) ColumnType.String;
            }
        }
        return (byte) ColumnType.String;
    }

    /**
     * A MultiLineString with its {@code ends} always written: GDAL 3.6 reads none without them ("Unexpected nullptr:
     * MultiLineString ends data"), and the library leaves them out for a single line.
     */
    static int multiLineString(FlatBufferBuilder b, org.locationtech.jts.geom.MultiLineString m) {
        double[] xy = new double[2 * m.getNumPoints()];
        long[] ends = new long[m.getNumGeometries()];
        int k = 0;
        for (int i = 0; i < m.getNumGeometries(); i++) {
            for (org.locationtech.jts.geom.Coordinate c : m.getGeometryN(i).getCoordinates()) {
                xy[2 * k] = c.x;
                xy[2 * k + 1] = c.y;
                k++;
            }
            ends[i] = k;
        }
        int xyOffset = org.wololo.flatgeobuf.generated.Geometry.createXyVector(b, xy);
        int endsOffset = org.wololo.flatgeobuf.generated.Geometry.createEndsVector(b, ends);
        org.wololo.flatgeobuf.generated.Geometry.startGeometry(b);
        org.wololo.flatgeobuf.generated.Geometry.addXy(b, xyOffset);
        org.wololo.flatgeobuf.generated.Geometry.addEnds(b, endsOffset);
        return org.wololo.flatgeobuf.generated.Geometry.endGeometry(b);
    }

    /** A stored field's column type: numbers and booleans as themselves, days, instants and codes as text. */
    private static byte type(vn.anttmap.model.Layer layer, String p) {
        return layer.field(p).map(f -> switch (f.type()) {
            case INTEGER -> (byte) ColumnType.Long;
            case DOUBLE -> (byte) ColumnType.Double;
            case BOOLEAN -> (byte) ColumnType.Bool;
            default -> (byte) ColumnType.String;
        }).orElse((byte) ColumnType.String);
    }

    private static void writeProperty(ByteArrayOutputStream out, int column, byte type, Object v) {
        ByteBuffer b;
        if (type == (byte) ColumnType.Long) {
            b = ByteBuffer.allocate(2 + 8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) column).putLong(((Number) v).longValue());
        } else if (type == (byte) ColumnType.Double) {
            b = ByteBuffer.allocate(2 + 8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) column).putDouble(((Number) v).doubleValue());
        } else if (type == (byte) ColumnType.Bool) {
            b = ByteBuffer.allocate(2 + 1).order(ByteOrder.LITTLE_ENDIAN).putShort((short) column).put((byte) ((Boolean) v ? 1 : 0));
        } else {
            byte[] s = Values.format(v).getBytes(StandardCharsets.UTF_8);
            b = ByteBuffer.allocate(2 + 4 + s.length).order(ByteOrder.LITTLE_ENDIAN).putShort((short) column).putInt(s.length).put(s);
        }
        out.write(b.array(), 0, b.position());
    }

    /**
     * The header's geometry type: {@code Unknown} for a layer without geometry (teams, attestations, …: their features
     * carry none), else the declared type ({@code Polygon} too: the hotspot grids' cells).
     */
    private static byte geometryType(String type) {
        if (type == null) {
            return GeometryType.Unknown;
        }
        return switch (type) {
            case "Point" -> GeometryType.Point;
            case "MultiPoint" -> GeometryType.MultiPoint;
            case "LineString" -> GeometryType.LineString;
            case "MultiLineString" -> GeometryType.MultiLineString;
            case "Polygon" -> GeometryType.Polygon;
            case "MultiPolygon" -> GeometryType.MultiPolygon;
            default -> GeometryType.Unknown;
        };
    }

    /**
     * The geometry as the header's type: a single polygon or line in a layer of multi-geometries is wrapped (the
     * library casts to the header's class), anything else left as it is.
     */
    private static Geometry as(Geometry g, byte type) {
        GeometryFactory gf = g.getFactory();
        if (type == GeometryType.MultiPolygon && g instanceof Polygon p) {
            return gf.createMultiPolygon(new Polygon[] {p});
        }
        if (type == GeometryType.MultiLineString && g instanceof LineString l) {
            return gf.createMultiLineString(new LineString[] {l});
        }
        if (type == GeometryType.MultiPoint && g instanceof Point p) {
            return gf.createMultiPoint(new Point[] {p});
        }
        return g;
    }
}
