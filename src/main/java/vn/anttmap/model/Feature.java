package vn.anttmap.model;

import org.locationtech.jts.geom.Geometry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record of a layer: its id, its geometry in EPSG:4326 (lon, lat; {@code null} for layers without one) and
 * its attributes as typed values ({@code String}, {@code Integer}, {@code Double}, {@code Boolean},
 * {@code LocalDate}, {@code OffsetDateTime}), keyed by {@link FieldDef#name()}.
 */
public record Feature(String id, Geometry geometry, Map<String, Object> properties) {

    public Feature {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public Object get(String field) {
        return properties.get(field);
    }

    public String text(String field) {
        Object v = properties.get(field);
        return v == null ? null : v.toString();
    }

    /** A copy with some attributes replaced. */
    public Feature with(Map<String, Object> changes) {
        Map<String, Object> copy = new LinkedHashMap<>(properties);
        copy.putAll(changes);
        return new Feature(id, geometry, copy);
    }

    public Feature withGeometry(Geometry g) {
        return new Feature(id, g, properties);
    }
}
