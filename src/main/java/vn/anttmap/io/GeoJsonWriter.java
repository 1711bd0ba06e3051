package vn.anttmap.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.locationtech.jts.geom.Geometry;
import vn.anttmap.geo.GeometryChecks;
import vn.anttmap.model.Feature;
import vn.anttmap.model.FieldDef;
import vn.anttmap.model.Layer;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes features as an RFC 7946 FeatureCollection: lon/lat WGS 84, no {@code crs} member, exterior rings
 * counter-clockwise, 7 decimal places (about 1 cm). Dates and instants are ISO 8601; numbers stay numbers.
 * What it writes, {@link GeoJsonReader} reads back.
 */
public final class GeoJsonWriter {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int DECIMALS = 7;

    private GeoJsonWriter() {
    }

    /**
     * @param extra members added to the collection object (e.g. {@code numberMatched}), may be empty
     */
    public static void write(Layer layer, Iterable<Feature> features, Map<String, Object> extra, OutputStream out)
            throws IOException {
        List<String> names = layer.fields().stream().map(FieldDef::name).toList();
        write(f -> names, features, extra, false, out);
    }

    /**
     * As {@link #write(Layer, Iterable, Map, OutputStream)}, and each polygonal feature also carries a foreign
     * member {@code "label": [lon, lat]}: the centre of the largest circle inside it, where a map puts its name.
     */
    public static void writeWithLabels(Layer layer, Iterable<Feature> features, Map<String, Object> extra, OutputStream out)
            throws IOException {
        List<String> names = layer.fields().stream().map(FieldDef::name).toList();
        write(f -> names, features, extra, true, out);
    }

    /** Writes features that belong to no layer (computed ones): each with its own properties, in their order. */
    public static void writeComputed(Iterable<Feature> features, Map<String, Object> extra, OutputStream out)
            throws IOException {
        write(f -> List.copyOf(f.properties().keySet()), features, extra, false, out);
    }

    private static void write(Function<Feature, List<String>> propertyNames, Iterable<Feature> features,
                              Map<String, Object> extra, boolean labels, OutputStream out) throws IOException {
        org.locationtech.jts.io.geojson.GeoJsonWriter geometryWriter =
                new org.locationtech.jts.io.geojson.GeoJsonWriter(DECIMALS);
        geometryWriter.setEncodeCRS(false);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            for (Map.Entry<String, Object> e : extra.entrySet()) {
                g.writeFieldName(e.getKey());
                writeValue(g, e.getValue());
            }
            g.writeArrayFieldStart("features");
            for (Feature f : features) {
                g.writeStartObject();
                g.writeStringField("type", "Feature");
                g.writeStringField("id", f.id());
                g.writeFieldName("geometry");
                Geometry geom = f.geometry();
                if (geom == null) {
                    g.writeNull();
                } else if (geom instanceof org.locationtech.jts.geom.Point p && !p.isEmpty()) {
                    // Points are most of what is streamed: written directly rather than through JTS's writer.
                    g.writeStartObject();
                    g.writeStringField("type", "Point");
                    g.writeArrayFieldStart("coordinates");
                    g.writeNumber(Math.round(p.getX() * 1e7) / 1e7);
                    g.writeNumber(Math.round(p.getY() * 1e7) / 1e7);
                    g.writeEndArray();
                    g.writeEndObject();
                } else {
                    g.writeRawValue(geometryWriter.write(GeometryChecks.orientRfc7946(geom)));
                }
                if (labels && geom != null && geom.getDimension() == 2) {
                    // Within a thousandth of the outline's shorter side of the centre (at least 1e-6°, about 0.1 m):
                    // 1e-6° for every outline took about 13 ms for each 2 km ward, 2.7 s for a province's 200.
                    org.locationtech.jts.geom.Envelope e = geom.getEnvelopeInternal();
                    org.locationtech.jts.geom.Point p = org.locationtech.jts.algorithm.construct.MaximumInscribedCircle
                            .getCenter(geom, Math.max(1e-6, Math.min(e.getWidth(), e.getHeight()) / 1000));
                    g.writeArrayFieldStart("label");
                    g.writeNumber(Math.round(p.getX() * 1e7) / 1e7);
                    g.writeNumber(Math.round(p.getY() * 1e7) / 1e7);
                    g.writeEndArray();
                }
                g.writeObjectFieldStart("properties");
                for (String name : propertyNames.apply(f)) {
                    g.writeFieldName(name);
                    writeValue(g, f.get(name));
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(e.getKey().toString());
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Iterable<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else {
            g.writeString(Values.format(v));
        }
    }
}
