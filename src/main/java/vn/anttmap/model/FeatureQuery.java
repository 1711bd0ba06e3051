package vn.anttmap.model;

import org.locationtech.jts.geom.Envelope;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to read from a layer. Every part is optional ({@code null} means no filter).
 *
 * @param bbox   keep features whose geometry intersects this lon/lat box
 * @param at     for layers with a validity interval: keep the versions valid on this day
 * @param from   first day (inclusive) on the layer's date field, in Vietnam's calendar
 * @param to     last day (inclusive) on the layer's date field
 * @param wardId keep records assigned to this ward
 * @param areaId keep records assigned to this area
 * @param equal  keep records whose fields have these values (field name → value)
 */
public record FeatureQuery(Envelope bbox, LocalDate at, LocalDate from, LocalDate to, String wardId, String areaId,
                           Map<String, Object> equal) {

    public static final FeatureQuery ALL = new FeatureQuery(null, null, null, null, null, null);

    public FeatureQuery {
        equal = Collections.unmodifiableMap(new LinkedHashMap<>(equal));
    }

    public FeatureQuery(Envelope bbox, LocalDate at, LocalDate from, LocalDate to, String wardId, String areaId) {
        this(bbox, at, from, to, wardId, areaId, Map.of());
    }

    /** Only records whose {@code field} equals {@code value}. */
    public FeatureQuery withEqual(String field, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(equal);
        m.put(field, value);
        return new FeatureQuery(bbox, at, from, to, wardId, areaId, m);
    }

    /** Only records with their day in {@code first..last} (inclusive, either may be null). */
    public FeatureQuery withDays(LocalDate first, LocalDate last) {
        return new FeatureQuery(bbox, at, first, last, wardId, areaId, equal);
    }

    public FeatureQuery withWard(String id) {
        return new FeatureQuery(bbox, at, from, to, id, areaId, equal);
    }

    public FeatureQuery withArea(String id) {
        return new FeatureQuery(bbox, at, from, to, wardId, id, equal);
    }

    public FeatureQuery withAt(LocalDate day) {
        return new FeatureQuery(bbox, day, from, to, wardId, areaId, equal);
    }

    public FeatureQuery withBbox(Envelope box) {
        return new FeatureQuery(box, at, from, to, wardId, areaId, equal);
    }
}
