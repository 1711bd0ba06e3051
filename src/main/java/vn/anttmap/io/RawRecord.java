package vn.anttmap.io;

import org.locationtech.jts.geom.Geometry;

import java.util.Map;

/**
 * One record as read from a file, before validation against its layer.
 *
 * @param location where it is in the file ({@code "line 7"}, {@code "feature 3"})
 * @param id       the record's id if the file gives one, else {@code null}
 * @param geometry its geometry in EPSG:4326, or {@code null}
 * @param values   its attributes: strings from CSV; strings, numbers or booleans from GeoJSON
 */
public record RawRecord(String location, String id, Geometry geometry, Map<String, Object> values) {
}
