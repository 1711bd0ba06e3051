package vn.anttmap.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static vn.anttmap.model.FieldDef.derived;
import static vn.anttmap.model.FieldDef.of;
import static vn.anttmap.model.FieldDef.oneOf;
import static vn.anttmap.model.FieldDef.text;
import static vn.anttmap.model.FieldType.BOOLEAN;
import static vn.anttmap.model.FieldType.DATE;
import static vn.anttmap.model.FieldType.DOUBLE;
import static vn.anttmap.model.FieldType.INTEGER;
import static vn.anttmap.model.FieldType.TEXT;
import static vn.anttmap.model.FieldType.TIMESTAMP;

/**
 * Every layer ANTT Map keeps, described once. The store's tables, the import validation, the exports and the
 * read API all follow this description; the SQL migrations create the same columns.
 *
 * <p>Every layer has a text {@code id}. Layers with a validity interval ({@link #hasValidity()}) carry
 * {@code valid_from} (inclusive) and {@code valid_to} (exclusive, empty while still valid). Derived fields are
 * assigned when a record is written: {@code area_id} and {@code ward_id} by point in polygon, or from the
 * referenced area or camera.
 */
public enum Layer {
    WARDS("wards", "ward", GeometryKind.MULTIPOLYGON, null, true, List.of(
            text("code").mandatory().length(32),
            text("name").mandatory().length(200),
            oneOf("kind", Codes.WARD_KINDS),
            text("district").length(200),
            text("province").length(200),
            of("population", INTEGER).range(0, 10_000_000),
            of("valid_from", DATE).mandatory(),
            of("valid_to", DATE),
            text("source").length(1000))),

    AREAS("areas", "residential_area", GeometryKind.MULTIPOLYGON, null, true, List.of(
            text("code").mandatory().length(32),
            text("name").mandatory().length(200),
            oneOf("kind", Codes.AREA_KINDS),
            of("population", INTEGER).range(0, 1_000_000),
            of("households", INTEGER).range(0, 1_000_000),
            of("registered_households", INTEGER).range(0, 1_000_000),
            of("valid_from", DATE).mandatory(),
            of("valid_to", DATE),
            text("source").length(1000),
            derived("ward_id", TEXT))),

    TEAMS("teams", "security_team", GeometryKind.NONE, null, false, List.of(
            text("area_id").mandatory(),
            oneOf("kind", Codes.TEAM_KINDS).mandatory(),
            text("name").length(200),
            of("member_count", INTEGER).mandatory().range(0, 10_000),
            of("rating_year", INTEGER).mandatory().range(1990, 2100),
            oneOf("rating", Codes.TEAM_RATINGS),
            of("disciplined_members", INTEGER).range(0, 10_000),
            derived("ward_id", TEXT))),

    CAMERAS("cameras", "camera", GeometryKind.POINT, "installed_on", false, List.of(
            text("name").length(200),
            of("bearing_deg", DOUBLE).mandatory().range(0, 360),
            of("fov_deg", DOUBLE).mandatory().range(1, 360),
            of("range_m", DOUBLE).mandatory().range(1, 1000),
            oneOf("kind", Codes.CAMERA_KINDS).mandatory(),
            oneOf("owner", Codes.CAMERA_OWNERS).mandatory(),
            oneOf("status", Codes.CAMERA_STATUSES).mandatory(),
            of("installed_on", DATE),
            oneOf("funding", Codes.CAMERA_FUNDING),
            of("footage_sharing", BOOLEAN),
            of("last_seen_on", DATE),
            of("resolution_px", INTEGER).range(100, 20_000),
            derived("area_id", TEXT),
            derived("ward_id", TEXT))),

    INCIDENTS("incidents", "incident", GeometryKind.POINT, "occurred_on", false, List.of(
            of("occurred_at", TIMESTAMP).mandatory(),
            text("category").mandatory(),
            oneOf("severity", Codes.SEVERITIES),
            oneOf("channel", Codes.CHANNELS).mandatory(),
            of("force_majeure", BOOLEAN),
            of("promptly_handled", BOOLEAN),
            text("description"),
            of("serious", BOOLEAN),
            of("deaths", INTEGER).range(0, 10_000),
            // Its handling (IncidentLifecycle): each step when and by whom, in order.
            oneOf("status", Codes.INCIDENT_STATUSES),
            of("received_at", TIMESTAMP),
            text("received_by").length(200),
            text("assigned_to").length(200),
            of("assigned_at", TIMESTAMP),
            text("assigned_by").length(200),
            of("verified_at", TIMESTAMP),
            text("verified_by").length(200),
            of("handled_at", TIMESTAMP),
            text("handled_by").length(200),
            oneOf("handling", Codes.HANDLING_OUTCOMES),
            of("closed_at", TIMESTAMP),
            text("closed_by").length(200),
            derived("handle_minutes", INTEGER),
            derived("occurred_on", DATE),
            derived("area_id", TEXT),
            derived("ward_id", TEXT))),

    DISPUTES("disputes", "mediated_dispute", GeometryKind.OPTIONAL_POINT, "mediated_on", false, List.of(
            of("mediated_on", DATE).mandatory(),
            text("area_id"),
            oneOf("outcome", Codes.MEDIATION_OUTCOMES),
            text("description"),
            derived("ward_id", TEXT))),

    EXTRACTIONS("extractions", "video_extraction", GeometryKind.NONE, "extracted_on", false, List.of(
            text("camera_id").mandatory(),
            of("extracted_on", DATE).mandatory(),
            text("incident_id"),
            text("purpose").length(1000),
            derived("area_id", TEXT),
            derived("ward_id", TEXT))),

    ROADS("roads", "road", GeometryKind.MULTILINESTRING, null, false, List.of(
            text("name").length(200),
            oneOf("kind", Codes.ROAD_KINDS).mandatory(),
            text("source").length(1000))),

    COASTLINE("coastline", "coastline", GeometryKind.MULTILINESTRING, null, false, List.of(
            text("name").length(200),
            text("source").length(1000))),

    /** Counts of new social-order hotspots and new persons with a social evil (no personal data), for K4c. */
    SOCIAL_RECORDS("social_records", "social_order_record", GeometryKind.NONE, "recorded_on", false, List.of(
            text("area_id").mandatory(),
            oneOf("kind", Codes.SOCIAL_RECORD_KINDS).mandatory(),
            of("recorded_on", DATE).mandatory(),
            of("record_count", INTEGER).mandatory().range(1, 10_000),
            text("description").length(1000),
            derived("ward_id", TEXT))),

    /** Each inspection, repair or replacement of a camera. */
    CAMERA_MAINTENANCE("camera_maintenance", "camera_maintenance", GeometryKind.NONE, "done_on", false, List.of(
            text("camera_id").mandatory(),
            of("done_on", DATE).mandatory(),
            oneOf("action", Codes.MAINTENANCE_ACTIONS).mandatory(),
            of("cost_vnd", INTEGER).range(0, 2_000_000_000),
            text("note").length(1000),
            derived("area_id", TEXT),
            derived("ward_id", TEXT))),

    /** Building footprints; their walls block cameras' views. */
    BUILDINGS("buildings", "building", GeometryKind.MULTIPOLYGON, null, false, List.of(
            text("name").length(200),
            text("kind").length(32),
            text("source").length(1000))),

    /** Resident and registered households per area as of a day (e.g. from the population database's export). */
    HOUSEHOLD_COUNTS("household_counts", "household_count", GeometryKind.NONE, "as_of", false, List.of(
            text("area_id").mandatory(),
            of("as_of", DATE).mandatory(),
            of("resident_households", INTEGER).mandatory().range(0, 1_000_000),
            of("registered_households", INTEGER).range(0, 1_000_000),
            text("source").length(1000),
            derived("ward_id", TEXT))),

    /**
     * An officer's yes or no on a criterion that data cannot decide, for one area or ward and one period.
     * {@code attested_by} is the account that signed it (through the API always the signed-in one; from an imported
     * file, the file's); {@code signed_for} is free text that may say more ("chức vụ, thay mặt": title, on behalf of)
     * but never replaces it.
     */
    ATTESTATIONS("attestations", "attestation", GeometryKind.NONE, null, false, List.of(
            oneOf("subject_kind", Codes.SUBJECT_KINDS).mandatory(),
            text("subject_id").mandatory(),
            text("check_id").mandatory(),
            of("period_year", INTEGER).mandatory().range(2000, 2100),
            of("attested", BOOLEAN).mandatory(),
            text("attested_by").mandatory().length(200),
            of("attested_at", TIMESTAMP).mandatory(),
            text("signed_for"),
            text("note").length(2000),
            text("document_ref").length(200),
            derived("ward_id", TEXT))),

    /**
     * A decision that one incident is excepted from K4b or K4d (Art. 4(4)(b), (d)): which exception, who decided,
     * when, on what document. A bare flag on the incident excepts nothing; only such a decision does.
     */
    EXCEPTION_DECISIONS("exception_decisions", "exception_decision", GeometryKind.NONE, "decided_on", false, List.of(
            text("incident_id").mandatory(),
            oneOf("check_id", Codes.EXCEPTION_CHECKS).mandatory(),
            oneOf("exception", Codes.EXCEPTIONS).mandatory(),
            text("decided_by").mandatory().length(200),
            of("decided_on", DATE).mandatory(),
            text("document_ref").mandatory().length(200),
            text("note").length(2000),
            derived("area_id", TEXT),
            derived("ward_id", TEXT))),

    /**
     * An agency, enterprise or educational institution managed on a ward's territory, for one assessment year: whether
     * it registered to aim for the standard (with the day and document) and whether it was recognised (with the
     * decision), since X4 counts them beside the residential areas. They are assessed under their own articles.
     */
    ORGANISATIONS("organisations", "organisation", GeometryKind.POINT, null, false, List.of(
            text("name").mandatory().length(200),
            oneOf("kind", Codes.ORGANISATION_KINDS).mandatory(),
            of("assessment_year", INTEGER).mandatory().range(2000, 2100),
            of("registered", BOOLEAN),
            of("registered_on", DATE),
            text("registration_ref").length(200),
            of("recognised", BOOLEAN),
            text("recognition_ref").length(200),
            of("recognition_decided_on", DATE),
            text("source").length(1000),
            derived("area_id", TEXT),
            derived("ward_id", TEXT)));

    private final String apiName;
    private final String table;
    private final GeometryKind geometryKind;
    private final String dateField;
    private final boolean validity;
    private final List<FieldDef> fields;
    private final java.util.Map<String, FieldDef> fieldsByName = new java.util.HashMap<>();

    Layer(String apiName, String table, GeometryKind geometryKind, String dateField, boolean validity,
          List<FieldDef> fields) {
        this.apiName = apiName;
        this.table = table;
        this.geometryKind = geometryKind;
        this.dateField = dateField;
        this.validity = validity;
        this.fields = fields;
        fields.forEach(f -> fieldsByName.put(f.name(), f));
    }

    /** The name used on the command line, in URLs and in file names: {@code wards}, {@code incidents}, … */
    public String apiName() {
        return apiName;
    }

    public String table() {
        return table;
    }

    public GeometryKind geometryKind() {
        return geometryKind;
    }

    /** The day field that {@code from}/{@code to} filters apply to, if the layer has one. */
    public Optional<String> dateField() {
        return Optional.ofNullable(dateField);
    }

    public boolean hasValidity() {
        return validity;
    }

    public List<FieldDef> fields() {
        return fields;
    }

    public Optional<FieldDef> field(String name) {
        return Optional.ofNullable(fieldsByName.get(name));
    }

    /** Whether records of this layer are assigned to an area and a ward when written. */
    public boolean assignsArea() {
        return field("area_id").map(FieldDef::derived).orElse(false);
    }

    public static Optional<Layer> byName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Stream.of(values()).filter(l -> l.apiName.equals(n)).findFirst();
    }

    public static String names() {
        return Stream.of(values()).map(Layer::apiName).collect(Collectors.joining(", "));
    }
}
