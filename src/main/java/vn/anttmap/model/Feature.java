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
        // Copied once, into a map no one else can change; a Feature's own map is taken as it is (imports copy every
        // record once or twice on its way to the store: the second copy was a tenth of a bulk load's time).
        if (!(properties instanceof Frozen)) {
            properties = new Frozen(new LinkedHashMap<>(properties));
        }
    }

    /**
     * A feature that takes {@code properties} as its own instead of copying them: for code that has just built the
     * map and hands it over (an import builds one per record); the caller must not touch the map afterwards.
     */
    public static Feature owning(String id, Geometry geometry, LinkedHashMap<String, Object> properties) {
        return new Feature(id, geometry, new Frozen(properties));
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
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>(properties);
        copy.putAll(changes);
        return new Feature(id, geometry, new Frozen(copy));
    }

    public Feature withGeometry(Geometry g) {
        return new Feature(id, g, properties);
    }

    /** Attributes in their order, read-only, held by no one else (only Feature makes one, from its own copy). */
    private static final class Frozen extends java.util.AbstractMap<String, Object> {
        private final LinkedHashMap<String, Object> map;
        private final Map<String, Object> view;

        Frozen(LinkedHashMap<String, Object> map) {
            this.map = map;
            this.view = Collections.unmodifiableMap(map);
        }

        @Override
        public Object get(Object key) {
            return map.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public java.util.Set<Entry<String, Object>> entrySet() {
            return view.entrySet();
        }

        @Override
        public java.util.Set<String> keySet() {
            return view.keySet();
        }

        @Override
        public java.util.Collection<Object> values() {
            return view.values();
        }

        @Override
        public void forEach(java.util.function.BiConsumer<? super String, ? super Object> action) {
            map.forEach(action);
        }
    }
}
