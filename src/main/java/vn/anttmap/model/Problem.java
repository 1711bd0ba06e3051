package vn.anttmap.model;

/**
 * One thing wrong with one input record.
 *
 * @param location where: {@code "line 7"} of a CSV file, {@code "feature 3 (id inc-9)"} of a GeoJSON file
 * @param field    the field at fault, or {@code null} for the record as a whole or its geometry
 * @param reason   what is wrong, in plain words
 */
public record Problem(String location, String field, String reason) {

    @Override
    public String toString() {
        return location + (field == null ? "" : ", field " + field) + ": " + reason;
    }
}
