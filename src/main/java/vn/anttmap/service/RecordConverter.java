package vn.anttmap.service;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.io.WKBWriter;
import vn.anttmap.geo.GeometryChecks;
import vn.anttmap.io.RawRecord;
import vn.anttmap.model.Bilingual;
import vn.anttmap.model.Feature;
import vn.anttmap.model.FieldDef;
import vn.anttmap.model.GeometryKind;
import vn.anttmap.model.Layer;
import vn.anttmap.model.Problem;
import vn.anttmap.model.Taxonomy;
import vn.anttmap.model.VietnamTime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns raw records into typed features of a layer, checking each value against the layer's description and the
 * incident taxonomy. Derived fields in the input (as written by an export) are ignored; unknown fields are refused
 * so that nothing is silently dropped. Records without an id get one derived from their content, so importing the
 * same file twice does not duplicate anything.
 */
final class RecordConverter {
    /** STRICT: 31/02/2023 is refused, never moved to 28/02 or 03/03 (SMART, the default, would move it). */
    private static final DateTimeFormatter VN_DATE = DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter VN_DATE_TIME = DateTimeFormatter.ofPattern("d/M/uuuu H:mm[:ss]")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter SHOWN_DAY = DateTimeFormatter.ofPattern("dd/MM/uuuu");
    private static final DateTimeFormatter SHOWN_TIME = DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm");
    /** How far past the server's clock an instant may lie (another device's clock running a little fast). */
    static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);
    /**
     * The days and instants that record something that has happened, so cannot lie in the future, with their names in
     * Vietnamese. (Validity periods may start later; an attestation's instant is set by the server.)
     */
    static final Map<String, String> PAST_ONLY = Map.ofEntries(
            Map.entry("occurred_at", "thời điểm xảy ra"),
            Map.entry("received_at", "thời điểm tiếp nhận"),
            Map.entry("assigned_at", "thời điểm phân công"),
            Map.entry("verified_at", "thời điểm xác minh"),
            Map.entry("handled_at", "thời điểm xử lý"),
            Map.entry("closed_at", "thời điểm kết thúc"),
            Map.entry("installed_on", "ngày lắp đặt"),
            Map.entry("last_seen_on", "ngày thấy hoạt động lần cuối"),
            Map.entry("done_on", "ngày thực hiện"),
            Map.entry("extracted_on", "ngày trích xuất"),
            Map.entry("mediated_on", "ngày hòa giải"),
            Map.entry("recorded_on", "ngày ghi nhận"),
            Map.entry("decided_on", "ngày quyết định"),
            Map.entry("registered_on", "ngày đăng ký"),
            Map.entry("recognition_decided_on", "ngày quyết định công nhận"),
            Map.entry("as_of", "ngày số liệu"));

    private final Layer layer;
    private final Taxonomy taxonomy;
    /** The server's present; {@code null} checks no day against it. */
    private final OffsetDateTime now;

    RecordConverter(Layer layer, Taxonomy taxonomy) {
        this(layer, taxonomy, null);
    }

    RecordConverter(Layer layer, Taxonomy taxonomy, OffsetDateTime now) {
        this.layer = layer;
        this.taxonomy = taxonomy;
        this.now = now;
    }

    /**
     * Refuses a day or instant of {@link #PAST_ONLY} later than {@code now} (plus {@link #CLOCK_SKEW}), naming the
     * value and today's date in Vietnam, Vietnamese first.
     */
    static void notInFuture(String field, Object value, OffsetDateTime now) {
        String label = PAST_ONLY.get(field);
        if (label == null || value == null || now == null) {
            return;
        }
        OffsetDateTime latest = now.plus(CLOCK_SKEW);
        String today = VietnamTime.localDay(now).format(SHOWN_DAY);
        String shown;
        if (value instanceof OffsetDateTime at) {
            if (!at.isAfter(latest)) {
                return;
            }
            shown = at.atZoneSameInstant(VietnamTime.ZONE).format(SHOWN_TIME);
        } else if (value instanceof LocalDate day) {
            if (!day.isAfter(VietnamTime.localDay(latest))) {
                return;
            }
            shown = day.format(SHOWN_DAY);
        } else {
            return;
        }
        throw new IllegalArgumentException(label + " sau hiện tại (" + shown + ", hôm nay là " + today + ") / " + field
                + " is in the future (" + shown + "; today is " + today + ")");
    }

    /** A required field left empty, in Vietnamese and English (the page shows the side of its language). */
    static final String REQUIRED = "bắt buộc, chưa nhập / required value is missing";

    /** The typed feature, or {@code null} after adding what is wrong with it to {@code problems}. */
    Feature convert(RawRecord r, List<Problem> problems) {
        int before = problems.size();
        String loc = r.location();
        for (String key : r.values().keySet()) {
            if (layer.field(key).isEmpty()) {
                String fields = String.join(", ", layer.fields().stream().filter(f -> !f.derived()).map(FieldDef::name).toList());
                problems.add(new Problem(loc, key, "trường lạ của lớp " + layer.apiName() + "; các trường của lớp này là " + fields
                        + " / unknown field for layer " + layer.apiName() + "; its fields are " + fields));
            }
        }
        LinkedHashMap<String, Object> props = new LinkedHashMap<>();
        for (FieldDef f : layer.fields()) {
            Object raw = f.derived() ? null : r.values().get(f.name());
            if (raw instanceof String s && s.isBlank()) {
                raw = null;
            }
            if (raw == null) {
                if (f.required()) {
                    problems.add(new Problem(loc, f.name(), REQUIRED));
                }
                props.put(f.name(), null);
                continue;
            }
            try {
                Object value = check(f, coerce(f, raw));
                notInFuture(f.name(), value, now);
                props.put(f.name(), value);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(loc, f.name(), e.getMessage()));
            }
        }
        Geometry geometry = geometry(r, problems);
        if (problems.size() > before) {
            return null;
        }
        rules(loc, props, problems);
        if (problems.size() > before) {
            return null;
        }
        String id = r.id() == null ? contentId(geometry, props) : r.id();
        if (!validId(id)) {
            problems.add(new Problem(loc, "id", Bilingual.of("mã '" + id + "' không hợp lệ (1–64 chữ cái không dấu, chữ số, _ . : -, "
                    + "bắt đầu bằng chữ cái hoặc chữ số)", "'" + id + "' is not a valid id (1–64 letters, digits, _ . : -)")));
            return null;
        }
        return Feature.owning(id, geometry, props);
    }

    /** An id: 1–64 of A–Z a–z 0–9 _ . : -, starting with a letter or digit (checked by hand: once per record). */
    static boolean validId(String id) {
        int n = id.length();
        if (n == 0 || n > 64) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = id.charAt(i);
            boolean alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alnum && (i == 0 || (c != '_' && c != '.' && c != ':' && c != '-'))) {
                return false;
            }
        }
        return true;
    }

    /** Checks that every id occurs once. */
    static void checkUniqueIds(List<Feature> features, List<RawRecord> raws, List<Problem> problems) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < features.size(); i++) {
            Feature f = features.get(i);
            if (f != null && !seen.add(f.id())) {
                problems.add(new Problem(raws.get(i).location(), "id", Bilingual.of("mã '" + f.id() + "' xuất hiện nhiều lần trong tệp",
                        "id '" + f.id() + "' occurs more than once in the file")));
            }
        }
    }

    private Geometry geometry(RawRecord r, List<Problem> problems) {
        GeometryKind kind = layer.geometryKind();
        Geometry g = r.geometry();
        if (g == null) {
            if (kind.required()) {
                problems.add(new Problem(r.location(), "geometry", "thiếu vị trí trên bản đồ; lớp " + layer.apiName() + " cần "
                        + switch (kind) {
                            case POINT -> "một điểm";
                            case MULTILINESTRING -> "một đường";
                            default -> "một vùng";
                        } + " / missing geometry; layer " + layer.apiName() + " needs a " + switch (kind) {
                            case POINT -> "point";
                            case MULTILINESTRING -> "line";
                            default -> "polygon";
                        }));
            }
            return null;
        }
        if (!kind.hasColumn()) {
            problems.add(new Problem(r.location(), "geometry", "lớp " + layer.apiName() + " không có vị trí trên bản đồ; hãy bỏ hình học "
                    + "/ layer " + layer.apiName() + " has no geometry"));
            return null;
        }
        boolean fits = switch (kind) {
            case POINT, OPTIONAL_POINT -> g instanceof Point;
            case MULTIPOLYGON -> g instanceof Polygon || g instanceof MultiPolygon;
            case MULTILINESTRING -> g instanceof LineString || g instanceof MultiLineString;
            case NONE -> false;
        };
        if (!fits) {
            problems.add(new Problem(r.location(), "geometry", "cần " + switch (kind) {
                case MULTIPOLYGON -> "vùng (Polygon hoặc MultiPolygon)";
                case MULTILINESTRING -> "đường (LineString hoặc MultiLineString)";
                default -> "điểm (Point)";
            } + ", tệp ghi " + g.getGeometryType() + " / expected a " + switch (kind) {
                case MULTIPOLYGON -> "Polygon or MultiPolygon";
                case MULTILINESTRING -> "LineString or MultiLineString";
                default -> "Point";
            } + ", got " + g.getGeometryType()));
            return null;
        }
        var problem = GeometryChecks.problem(g);
        if (problem.isPresent()) {
            problems.add(new Problem(r.location(), "geometry", problem.get()));
            return null;
        }
        return switch (kind) {
            case MULTIPOLYGON -> GeometryChecks.toMultiPolygon(g);
            case MULTILINESTRING -> GeometryChecks.toMultiLineString(g);
            default -> g;
        };
    }

    private void rules(String loc, Map<String, Object> props, List<Problem> problems) {
        if (layer.hasValidity()) {
            LocalDate from = (LocalDate) props.get("valid_from");
            LocalDate to = (LocalDate) props.get("valid_to");
            if (to != null && !to.isAfter(from)) {
                problems.add(new Problem(loc, "valid_to", "hiệu lực đến ngày " + to.format(SHOWN_DAY) + " phải sau ngày hiệu lực từ "
                        + from.format(SHOWN_DAY) + " / valid_to " + to + " must be after valid_from " + from));
            }
        }
        if (layer == Layer.INCIDENTS) {
            String code = (String) props.get("category");
            var category = taxonomy.find(code);
            if (category.isEmpty()) {
                String known = String.join(", ", taxonomy.codes());
                problems.add(new Problem(loc, "category", Bilingual.of("không có loại vụ việc '" + code + "'; các loại đã biết: " + known,
                        "unknown category '" + code + "'; known: " + known)));
                return;
            }
            Object severity = props.get("severity");
            switch (category.get().severity()) {
                case REQUIRED -> {
                    if (severity == null) {
                        problems.add(new Problem(loc, "severity", "vụ việc loại " + code + " phải ghi mức độ tội phạm theo Bộ luật Hình sự "
                                + "/ a " + code + " incident needs its Penal Code severity class"));
                    }
                }
                case NONE -> {
                    if (severity != null) {
                        problems.add(new Problem(loc, "severity", "vụ việc loại " + code + " không ghi mức độ tội phạm; hãy để trống "
                                + "/ a " + code + " incident carries no severity class"));
                    }
                }
                case OPTIONAL -> {
                }
            }
            props.put("occurred_on", VietnamTime.localDay((OffsetDateTime) props.get("occurred_at")));
            problems.addAll(vn.anttmap.model.IncidentLifecycle.problems(loc, props));
            props.put("handle_minutes", vn.anttmap.model.IncidentLifecycle.handleMinutes(props));
        }
        if (layer == Layer.AREAS) {
            Integer households = (Integer) props.get("households");
            Integer registered = (Integer) props.get("registered_households");
            if (households != null && registered != null && registered > households) {
                problems.add(new Problem(loc, "registered_households",
                        "số hộ đăng ký " + registered + " nhiều hơn số hộ của khu dân cư (" + households + ") / "
                                + registered + " registered households is more than the area's " + households + " households"));
            }
        }
        if (layer == Layer.TEAMS) {
            Integer members = (Integer) props.get("member_count");
            Integer disciplined = (Integer) props.get("disciplined_members");
            if (disciplined != null && disciplined > members) {
                problems.add(new Problem(loc, "disciplined_members", "số thành viên bị kỷ luật " + disciplined
                        + " nhiều hơn số thành viên của tổ (" + members + ") / " + disciplined + " is more than the team's " + members
                        + " members"));
            }
        }
    }

    /** Markup (an HTML tag) in a text value: refused, so that no page can be made to run it. */
    private static final Pattern MARKUP = Pattern.compile("<\\s*[a-zA-Z/!?]");
    /** Control characters other than tab and line breaks. */
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");

    /** Whether any character is below a space or DEL: only then can {@link #CONTROL} match (a fast pre-check). */
    private static boolean hasLowChar(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    /** Whether a high surrogate lacks its low half, or a low one stands alone. */
    static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static Object check(FieldDef f, Object v) {
        if (v instanceof String text) {
            if (text.indexOf('<') >= 0 && MARKUP.matcher(text).find()) {
                throw new IllegalArgumentException(Bilingual.of("không được chứa mã HTML ('" + abbreviate(text) + "')",
                        "markup is not allowed in text ('" + abbreviate(text) + "')"));
            }
            if (hasLowChar(text) && CONTROL.matcher(text).find()) {
                throw new IllegalArgumentException("không được chứa ký tự điều khiển / control characters are not allowed in text");
            }
            if (hasLoneSurrogate(text)) {
                // Half of a UTF-16 pair ("\uD800" in JSON): no character at all, and not storable as UTF-8.
                throw new IllegalArgumentException("chứa nửa cặp ký tự UTF-16 không hợp lệ / an unpaired surrogate (half of a "
                        + "UTF-16 pair, not a character) is not allowed in text");
            }
            if (text.length() > 4000) {
                throw new IllegalArgumentException("dài quá 4.000 ký tự / text longer than 4,000 characters");
            }
            if (f.max() != null && f.type() == vn.anttmap.model.FieldType.TEXT && text.length() > f.max()) {
                int most = f.max().intValue();
                throw new IllegalArgumentException("dài quá " + String.format(java.util.Locale.ROOT, "%,d", most).replace(',', '.')
                        + " ký tự / longer than " + String.format(java.util.Locale.ROOT, "%,d", most) + " characters");
            }
        }
        if (!f.allowed().isEmpty() && !f.allowed().contains((String) v)) {
            throw new IllegalArgumentException(Bilingual.of("'" + v + "' không thuộc các giá trị " + String.join(", ", f.allowed()),
                    "'" + v + "' is not one of " + String.join(", ", f.allowed())));
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if ((f.min() != null && d < f.min()) || (f.max() != null && d > f.max())) {
                String range = Values.plain(f.min()) + "–" + Values.plain(f.max());
                throw new IllegalArgumentException(Values.plain(d) + " nằm ngoài khoảng " + range + " / " + Values.plain(d) + " is outside " + range);
            }
        }
        return v;
    }

    static Object coerce(FieldDef f, Object raw) {
        String s = raw.toString().trim();
        switch (f.type()) {
            case TEXT:
                return s;
            case INTEGER:
                if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                    return n.intValue();
                }
                try {
                    return Integer.parseInt(s);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(Bilingual.of("'" + s + "' không phải số nguyên", "'" + s + "' is not a whole number"));
                }
            case DOUBLE:
                if (raw instanceof Number n) {
                    return n.doubleValue();
                }
                try {
                    String t = s.indexOf('.') < 0 && s.chars().filter(c -> c == ',').count() == 1 ? s.replace(',', '.') : s;
                    double d = Double.parseDouble(t);
                    if (!Double.isFinite(d)) {
                        throw new NumberFormatException();
                    }
                    return d;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(Bilingual.of("'" + s + "' không phải là số", "'" + s + "' is not a number"));
                }
            case BOOLEAN:
                if (raw instanceof Boolean b) {
                    return b;
                }
                return switch (s.toLowerCase(Locale.ROOT)) {
                    case "true", "1", "yes", "y", "có", "co", "x" -> Boolean.TRUE;
                    case "false", "0", "no", "n", "không", "khong" -> Boolean.FALSE;
                    // The English side names có/không without marks: Vietnamese letters there would defeat the split.
                    default -> throw new IllegalArgumentException(Bilingual.of("'" + s + "' không phải có/không (hoặc true/false, 1/0)",
                            "'" + s + "' is not true/false (or yes/no, co/khong, 1/0)"));
                };
            case DATE:
                return date(s);
            case TIMESTAMP:
                return timestamp(s);
            default:
                throw new IllegalStateException(f.type().toString());
        }
    }

    static LocalDate date(String s) {
        try {
            return s.contains("/") ? LocalDate.parse(s, VN_DATE) : LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(Bilingual.of("không đọc được ngày '" + s + "' (cần dd/MM/yyyy hoặc yyyy-MM-dd)",
                    "cannot read date '" + s + "' (expected yyyy-MM-dd or dd/MM/yyyy)"));
        }
    }

    /**
     * An instant: ISO 8601 with an offset or zone ({@code 2023-03-05T21:30:00+07:00}, {@code …Z}); without one, or
     * as {@code dd/MM/yyyy HH:mm}, it is Vietnam's local time. A bare date is midnight in Vietnam.
     */
    static OffsetDateTime timestamp(String s) {
        try {
            if (s.contains("/")) {
                return s.contains(":")
                        ? LocalDateTime.parse(s, VN_DATE_TIME).atZone(VietnamTime.ZONE).toOffsetDateTime()
                        : LocalDate.parse(s, VN_DATE).atStartOfDay(VietnamTime.ZONE).toOffsetDateTime();
            }
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay(VietnamTime.ZONE).toOffsetDateTime();
            }
            if (s.endsWith("]")) {
                return ZonedDateTime.parse(s).toOffsetDateTime();
            }
            OffsetDateTime quick = isoOffsetDateTime(s);
            if (quick != null) {
                return quick;
            }
            try {
                return OffsetDateTime.parse(s);
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(s).atZone(VietnamTime.ZONE).toOffsetDateTime();
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(Bilingual.of("không đọc được ngày giờ '" + s + "' (cần dd/MM/yyyy HH:mm hoặc ISO 8601)",
                    "cannot read date and time '" + s + "' (expected ISO 8601 such as 2023-03-05T21:30:00+07:00, or dd/MM/yyyy HH:mm)"));
        }
    }

    /**
     * The common shape {@code yyyy-MM-ddTHH:mm[:ss]} followed by {@code Z} or {@code ±HH:MM}, read without the
     * general parser (a bulk import reads one per incident); {@code null} for anything else, which the general
     * parser then reads or refuses (as it does a date that does not exist, 30 February).
     */
    static OffsetDateTime isoOffsetDateTime(String s) {
        int n = s.length();
        if (n < 17 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = 0;
        int at = 16;
        if (at < n && s.charAt(at) == ':') {
            second = digits(s, 17, 2);
            at = 19;
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || at >= n) {
            return null;
        }
        java.time.ZoneOffset offset;
        if (at == n - 1 && s.charAt(at) == 'Z') {
            offset = java.time.ZoneOffset.UTC;
        } else if (at == n - 6 && (s.charAt(at) == '+' || s.charAt(at) == '-') && s.charAt(at + 3) == ':') {
            int oh = digits(s, at + 1, 2);
            int om = digits(s, at + 4, 2);
            if (oh < 0 || om < 0) {
                return null;
            }
            int sign = s.charAt(at) == '-' ? -1 : 1;
            try {
                offset = java.time.ZoneOffset.ofHoursMinutes(sign * oh, sign * om);
            } catch (java.time.DateTimeException e) {
                return null;
            }
        } else {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, 0, offset);
        } catch (java.time.DateTimeException e) {
            return null; // the general parser words the refusal
        }
    }

    /** The non-negative number written by {@code len} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int len) {
        if (from + len > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private String contentId(Geometry g, Map<String, Object> props) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(layer.apiName().getBytes(StandardCharsets.UTF_8));
            if (g != null) {
                md.update(new WKBWriter(2).write(g));
            }
            md.update(props.toString().getBytes(StandardCharsets.UTF_8));
            return layer.table().replace('_', '-') + "-" + HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** Number formatting for messages. */
    static final class Values {
        private Values() {
        }

        static String plain(Double d) {
            return d == Math.rint(d) ? Long.toString(d.longValue()) : d.toString();
        }
    }
}
