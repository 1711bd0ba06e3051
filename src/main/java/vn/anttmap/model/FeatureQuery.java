package vn.anttmap.model;

import org.locationtech.jts.geom.Envelope;

import java.time.LocalDate;

/**
 * What to read from a layer. Every part is optional ({@code null} means no filter).
 *
 * @param bbox   keep features whose geometry intersects this lon/lat box
 * @param at     for layers with a validity interval: keep the versions valid on this day
 * @param from   first day (inclusive) on the layer's date field, in Vietnam's calendar
 * @param to     last day (inclusive) on the layer's date field
 * @param wardId keep records assigned to this ward
 * @param areaId keep records assigned to this area
 */
public record FeatureQuery(Envelope bbox, LocalDate at, LocalDate from, LocalDate to, String wardId, String areaId) {

    public static final FeatureQuery ALL = new FeatureQuery(null, null, null, null, null, null);

    public FeatureQuery withAt(LocalDate day) {
        return new FeatureQuery(bbox, day, from, to, wardId, areaId);
    }

    public FeatureQuery withBbox(Envelope box) {
        return new FeatureQuery(box, at, from, to, wardId, areaId);
    }
}
