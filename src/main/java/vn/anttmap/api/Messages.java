package vn.anttmap.api;

import vn.anttmap.io.ReportText.Lang;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every text the API answers a refusal with, in Vietnamese (first) and English, in one table: the titles
 * ({@code error}), the detail templates of the common refusals, and the words an officer uses for each field of each
 * layer ({@code occurred_at} is "Thời gian xảy ra"). The language is chosen per request from {@code Accept-Language}
 * ({@link #language}): Vietnamese unless English is preferred.
 */
public final class Messages {

    /** A text in both languages. */
    public record Text(String vi, String en) {
        public String in(Lang lang) {
            return lang == Lang.EN ? en : vi;
        }

        /** A text that has no translation (a technical message): the same in both languages. */
        static Text same(String text) {
            return new Text(text, text);
        }

        /**
         * A {@code "vi / en"} text split into its two sides, at the first {@code " / "} with Vietnamese words before it
         * and none after it (the Vietnamese side may itself hold a slash: "kinh độ … / vĩ độ …"); any other text (one
         * language only, or English naming a Vietnamese place) is the same in both.
         */
        public static Text split(String text) {
            if (text == null) {
                return same(null);
            }
            for (int both = text.indexOf(" / "); both > 0; both = text.indexOf(" / ", both + 3)) {
                if (VIETNAMESE.matcher(text.substring(0, both)).find()
                        && !VIETNAMESE.matcher(text.substring(both + 3)).find()) {
                    return new Text(text.substring(0, both), text.substring(both + 3));
                }
            }
            return same(text);
        }
    }

    private static final Pattern VIETNAMESE = Pattern.compile(
            "[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** The keyed messages: titles first, then detail templates ({@link String#format} arguments). */
    public enum Key {
        // Titles (the "error" member).
        BAD_PARAMETER("tham số truy vấn không hợp lệ", "invalid query parameter"),
        UNKNOWN_PARAMETER("tham số truy vấn không được biết", "unknown query parameter"),
        NOT_FOUND("không tìm thấy", "not found"),
        INVALID_INPUT("dữ liệu nhập không hợp lệ", "invalid input"),
        NOT_IN_FORCE("kỳ đánh giá trước khi Thông tư có hiệu lực", "period before the standard came into force"),
        STORE_FAILURE("lỗi lưu trữ dữ liệu", "storage failure"),
        INTERNAL("lỗi trong máy chủ", "internal error"),
        UNAUTHORIZED("chưa đăng nhập", "unauthorized"),
        FORBIDDEN("không có quyền", "forbidden"),
        TOO_MANY_REQUESTS("quá nhiều yêu cầu", "too many requests"),
        CONFLICT("xung đột dữ liệu", "conflict"),
        PRECONDITION_REQUIRED("thiếu phiên bản bản ghi", "precondition required"),
        NOT_ALLOWED("không được phép", "not allowed"),
        ANALYSIS_NOT_POSSIBLE("không phân tích được", "analysis not possible"),
        // Details.
        PARAMETER("tham số %s: %s", "%s: %s"),
        UNKNOWN_PARAMETERS("%s (địa chỉ này chỉ nhận %s)", "%s (this endpoint takes %s)"),
        PROBLEM_AT("%s: %s: %s", "%s: %s: %s"),
        PROBLEM_AT_FIELD("%1$s: %2$s, trường %3$s (%4$s): %5$s", "%1$s: %2$s, field %4$s: %5$s"),
        MORE_PROBLEMS("… và %d lỗi khác", "… and %d more problems"),
        PLACE_LINE("dòng %s", "line %s"),
        PLACE_FEATURE("đối tượng %s", "feature %s"),
        PLACE_PLACEMARK("dấu vị trí %s", "placemark %s"),
        PLACE_TABLE("bảng %s", "table %s"),
        PLACE_OPTION("tùy chọn %s", "option %s"),
        PLACE_COLUMN(", cột %s", ", column %s"),
        PLACE_ROW(", hàng %s", ", row %s"),
        PLACE_ID(" (mã %s)", " (id %s)"),
        PLACE_FILE("tệp", "file"),
        PLACE_REQUEST("yêu cầu", "request"),
        PLACE_REQUEST_BODY("nội dung yêu cầu", "request body"),
        NO_ENDPOINT("không có địa chỉ %s", "no endpoint %s"),
        NO_COLLECTION("không có lớp dữ liệu '%s'", "no collection '%s'"),
        NO_TILE_SET("không có bộ ô bản đồ %s", "no tile set %s"),
        NO_TILE("không có ô bản đồ %s", "no tile %s"),
        SIGN_IN_TO_SEE("đăng nhập để xem %s", "sign in to see %s"),
        ROLE_MAY_NOT_SEE("vai trò của bạn không được xem %s", "your role may not see %s"),
        SIGN_IN_TO_WRITE("đăng nhập để ghi %s", "sign in to write %s"),
        ROLE_MAY_NOT_WRITE("vai trò của bạn không được ghi %s", "your role may not write %s"),
        UNKNOWN_TOKEN("mã truy cập (bearer token) không được biết", "the bearer token is not known"),
        CSRF("thiếu hoặc sai X-CSRF-Token cho thao tác ghi bằng phiên đăng nhập",
                "missing or wrong X-CSRF-Token for a write with the session cookie"),
        NOT_AN_ISO_DATE("'%s' không phải ngày dạng YYYY-MM-DD", "'%s' is not an ISO date (YYYY-MM-DD)"),
        NOT_A_WHOLE_NUMBER("'%s' không phải số nguyên từ %d đến %d", "'%s' is not a whole number from %d to %d"),
        NOT_ONE_OF("'%s' không phải một trong các giá trị %s", "'%s' is not one of %s"),
        NOT_A_NUMBER("'%s' không phải số", "'%s' is not a number"),
        NOT_FINITE("'%s' không phải số hữu hạn", "'%s' is not a finite number"),
        BBOX_FOUR("cần 4 số minLon,minLat,maxLon,maxLat, nhận được '%s'", "expected 4 numbers minLon,minLat,maxLon,maxLat, got '%s'"),
        BBOX_REVERSED("giá trị nhỏ nhất lớn hơn giá trị lớn nhất trong '%s' (thứ tự là minLon,minLat,maxLon,maxLat)",
                "minimum greater than maximum in '%s' (order is minLon,minLat,maxLon,maxLat)"),
        BBOX_OUTSIDE("ngoài kinh độ -180..180, vĩ độ -90..90 (thứ tự là minLon,minLat,maxLon,maxLat)",
                "outside longitude -180..180 / latitude -90..90 (order is minLon,minLat,maxLon,maxLat)"),
        TO_BEFORE_FROM("ngày %s trước ngày bắt đầu %s", "'%s' is before from '%s'"),
        METRICS_LOCAL_OR_ADMIN("số liệu vận hành (/metrics) chỉ đọc được từ chính máy chủ hoặc bằng tài khoản quản trị",
                "the metrics (/metrics) are for this machine or an administrator"),
        STORE_UNAVAILABLE("không đọc hoặc ghi được kho dữ liệu; thử lại sau (%s)", "%s"),
        INTERNAL_DETAIL("lỗi không lường trước (%s); đã ghi vào nhật ký máy chủ", "%s");

        private final Text text;

        Key(String vi, String en) {
            this.text = new Text(vi, en);
        }

        public Text text() {
            return text;
        }

        /** This message with its arguments, in both languages: an argument that is a {@link Text} takes its side. */
        public Text format(Object... args) {
            return new Text(String.format(Locale.ROOT, text.vi, side(args, Lang.VI)),
                    String.format(Locale.ROOT, text.en, side(args, Lang.EN)));
        }

        private static Object[] side(Object[] args, Lang lang) {
            Object[] out = args.clone();
            for (int i = 0; i < out.length; i++) {
                if (out[i] instanceof Text t) {
                    out[i] = t.in(lang);
                }
            }
            return out;
        }
    }

    /** What each layer or collection holds, in the officer's words ("vụ việc an ninh, trật tự", not {@code incidents}). */
    static final Map<String, Text> LAYER_LABELS = labels(
            "wards", "ranh giới phường, xã", "ward boundaries",
            "areas", "khu dân cư", "residential areas",
            "residential_areas", "khu dân cư", "residential areas",
            "teams", "tổ an ninh, trật tự", "security teams",
            "cameras", "camera", "cameras",
            "incidents", "vụ việc an ninh, trật tự", "incidents",
            "disputes", "vụ hòa giải", "mediated disputes",
            "extractions", "lần trích xuất hình ảnh camera", "camera footage extractions",
            "roads", "đường", "roads",
            "coastline", "bờ biển", "coastline",
            "social_records", "ghi nhận tụ điểm, người mắc tệ nạn mới (K4c)", "K4c records",
            "household_counts", "số hộ gia đình", "household counts",
            "attestations", "xác nhận của cán bộ", "officers' attestations",
            "camera_maintenance", "bảo trì camera", "camera maintenance",
            "buildings", "nhà, công trình", "buildings",
            "exception_decisions", "quyết định loại trừ", "exception decisions",
            "organisations", "cơ quan, doanh nghiệp, cơ sở giáo dục", "agencies, enterprises and schools",
            "camera_coverage", "vùng camera quan sát", "camera coverage",
            "camera_proposals", "vị trí camera đề xuất", "proposed camera sites",
            "hotspot_density", "mật độ vụ việc", "incident density",
            "hotspot_gistar", "điểm nóng Gi*", "Gi* hot spots",
            "hotspot_emerging", "điểm nóng mới nổi", "emerging hot spots",
            "tokens", "mã truy cập API", "API tokens",
            "audit", "nhật ký thao tác", "the audit log",
            "camera_plans", "đề xuất vị trí camera", "camera plans",
            "hotspots", "phân tích điểm nóng", "hotspot analyses");

    /** A layer's (or collection's) label in both languages; an unknown code stays itself. */
    public static Text layerLabel(String code) {
        return LAYER_LABELS.getOrDefault(code, Text.same(code));
    }

    /** The words an officer uses for each field of each layer (and the record's id and geometry). */
    static final Map<String, Text> FIELD_LABELS = labels(
            "id", "Mã", "Id",
            "geometry", "Vị trí trên bản đồ", "Position on the map",
            "action", "Biện pháp", "Action",
            "area_id", "Khu dân cư", "Residential area",
            "as_of", "Tính đến ngày", "As of",
            "assessment_year", "Năm đánh giá", "Assessment year",
            "attested", "Đã xác nhận", "Attested",
            "attested_at", "Thời điểm xác nhận", "Attested at",
            "attested_by", "Người xác nhận", "Attested by",
            "bearing_deg", "Hướng camera (độ)", "Bearing (degrees)",
            "camera_id", "Camera", "Camera",
            "category", "Loại vụ việc", "Category",
            "channel", "Kênh tiếp nhận", "Channel",
            "check_id", "Tiêu chí", "Criterion",
            "code", "Mã số", "Code",
            "cost_vnd", "Kinh phí (đồng)", "Cost (VND)",
            "deaths", "Số người chết", "Deaths",
            "decided_by", "Người quyết định", "Decided by",
            "decided_on", "Ngày quyết định", "Decided on",
            "description", "Mô tả", "Description",
            "disciplined_members", "Số thành viên bị kỷ luật", "Disciplined members",
            "district", "Quận/huyện", "District",
            "document_ref", "Số văn bản", "Document reference",
            "done_on", "Ngày thực hiện", "Done on",
            "exception", "Ngoại lệ", "Exception",
            "extracted_on", "Ngày trích xuất", "Extracted on",
            "footage_sharing", "Chia sẻ hình ảnh", "Footage sharing",
            "force_majeure", "Bất khả kháng", "Force majeure",
            "fov_deg", "Góc nhìn (độ)", "Field of view (degrees)",
            "funding", "Nguồn kinh phí", "Funding",
            "households", "Số hộ", "Households",
            "incident_id", "Vụ việc", "Incident",
            "installed_on", "Ngày lắp đặt", "Installed on",
            "kind", "Loại", "Kind",
            "last_seen_on", "Ngày hoạt động gần nhất", "Last seen on",
            "mediated_on", "Ngày hòa giải", "Mediated on",
            "member_count", "Số thành viên", "Members",
            "name", "Tên", "Name",
            "note", "Ghi chú", "Note",
            "assigned_at", "Thời điểm phân công", "Assigned at",
            "assigned_by", "Người phân công", "Assigned by",
            "assigned_to", "Giao cho", "Assigned to",
            "closed_at", "Thời điểm kết thúc", "Closed at",
            "closed_by", "Người kết thúc", "Closed by",
            "handle_minutes", "Thời gian xử lý (phút)", "Time to handle (minutes)",
            "handled_at", "Thời điểm xử lý", "Handled at",
            "handled_by", "Người xử lý", "Handled by",
            "handling", "Hình thức xử lý", "How it was handled",
            "received_at", "Thời điểm tiếp nhận", "Received at",
            "received_by", "Người tiếp nhận", "Received by",
            "verified_at", "Thời điểm xác minh", "Verified at",
            "verified_by", "Người xác minh", "Verified by",
            "occurred_at", "Thời gian xảy ra", "Time it occurred",
            "occurred_on", "Ngày xảy ra", "Day it occurred",
            "outcome", "Kết quả", "Outcome",
            "owner", "Chủ sở hữu", "Owner",
            "period_year", "Năm của kỳ", "Period year",
            "population", "Dân số", "Population",
            "promptly_handled", "Xử lý kịp thời", "Promptly handled",
            "province", "Tỉnh/thành phố", "Province",
            "purpose", "Mục đích", "Purpose",
            "range_m", "Tầm xa (m)", "Range (m)",
            "rating", "Xếp loại", "Rating",
            "rating_year", "Năm xếp loại", "Rating year",
            "recognised", "Được công nhận", "Recognised",
            "recognition_decided_on", "Ngày quyết định công nhận", "Recognition decided on",
            "recognition_ref", "Số quyết định công nhận", "Recognition decision number",
            "record_count", "Số bản ghi", "Record count",
            "recorded_on", "Ngày ghi nhận", "Recorded on",
            "registered", "Đăng ký phấn đấu đạt tiêu chuẩn", "Registered for the standard",
            "registered_households", "Số hộ đăng ký", "Registered households",
            "registered_on", "Ngày đăng ký", "Registered on",
            "registration_ref", "Số văn bản đăng ký", "Registration document number",
            "resident_households", "Số hộ thường trú", "Resident households",
            "resolution_px", "Độ phân giải (điểm ảnh)", "Resolution (pixels)",
            "serious", "Nghiêm trọng", "Serious",
            "severity", "Mức độ tội phạm", "Severity class",
            "signed_for", "Ký thay cho", "Signed for",
            "source", "Nguồn", "Source",
            "status", "Trạng thái", "Status",
            "subject_id", "Đối tượng đánh giá", "Subject",
            "subject_kind", "Loại đối tượng đánh giá", "Subject kind",
            "valid_from", "Hiệu lực từ ngày", "Valid from",
            "valid_to", "Hiệu lực đến ngày", "Valid to",
            "ward_id", "Phường/xã", "Ward");

    private Messages() {
    }

    /**
     * The language an {@code Accept-Language} header prefers: English when {@code en} (or {@code en-…}) is weighted
     * above Vietnamese, Vietnamese otherwise (also when the header is absent or names neither).
     */
    public static Lang language(String acceptLanguage) {
        if (acceptLanguage == null) {
            return Lang.VI;
        }
        double vi = -1;
        double en = -1;
        for (String part : acceptLanguage.split(",")) {
            String[] p = part.trim().split(";");
            String tag = p[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < p.length; i++) {
                String param = p[i].trim();
                if (param.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(param.substring(2).trim());
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (q <= 0) {
                continue;
            }
            if ((tag.equals("vi") || tag.startsWith("vi-")) && q > vi) {
                vi = q;
            } else if ((tag.equals("en") || tag.startsWith("en-")) && q > en) {
                en = q;
            }
        }
        return en > vi ? Lang.EN : Lang.VI;
    }

    /** A field's label in the language, or its code when it has none (a field of a file the service does not know). */
    public static String fieldLabel(String field, Lang lang) {
        Text t = field == null ? null : FIELD_LABELS.get(field);
        return t == null ? field : t.in(lang);
    }

    /** The start of a place the readers write: a numbered line, feature or placemark, a table or an option. */
    private static final Pattern PLACE_HEAD = Pattern.compile(
            "^(?:(line|feature|placemark) (\\d+)|(table) (.+?)(?=, row \\d+$|$)|(option) (\\S+))");
    /** What may follow it: {@code ", column 4"}, {@code ", row 2"}, {@code " (id inc-9)"}. */
    private static final Pattern PLACE_TAIL = Pattern.compile("^(?:, (column|row) (\\d+)| \\((id) (.*)\\)$)");

    /**
     * Where a problem is ({@code "line 7"}, {@code "line 3, column 12"}, {@code "feature 3 (id inc-9)"},
     * {@code "placemark 2"}, {@code "table incidents, row 5"}, {@code "option --crs"}, {@code "request body"}) in the
     * language: the words the readers write are translated, the rest (ids, table and option names) kept.
     */
    public static String place(String where, Lang lang) {
        if (where == null || lang == Lang.EN) {
            return where;
        }
        for (Key k : new Key[] {Key.PLACE_REQUEST_BODY, Key.PLACE_REQUEST, Key.PLACE_FILE}) {
            if (where.equals(k.text.en)) {
                return k.text.vi;
            }
        }
        var m = PLACE_HEAD.matcher(where);
        if (!m.find()) {
            return where;
        }
        StringBuilder vi = new StringBuilder();
        if (m.group(1) != null) {
            Key k = switch (m.group(1)) {
                case "line" -> Key.PLACE_LINE;
                case "feature" -> Key.PLACE_FEATURE;
                default -> Key.PLACE_PLACEMARK;
            };
            vi.append(k.format(m.group(2)).vi());
        } else if (m.group(3) != null) {
            vi.append(Key.PLACE_TABLE.format(m.group(4)).vi());
        } else {
            vi.append(Key.PLACE_OPTION.format(m.group(6)).vi());
        }
        String rest = where.substring(m.end());
        for (var t = PLACE_TAIL.matcher(rest); t.find(); t = PLACE_TAIL.matcher(rest)) {
            if (t.group(1) != null) {
                vi.append((t.group(1).equals("column") ? Key.PLACE_COLUMN : Key.PLACE_ROW).format(t.group(2)).vi());
            } else {
                vi.append(Key.PLACE_ID.format(t.group(4)).vi());
            }
            rest = rest.substring(t.end());
        }
        return vi.append(rest).toString();
    }

    /** The title key for an English title (the strings used before titles were keyed), or {@code null}. */
    static Key titleOf(String english) {
        for (Key k : Key.values()) {
            if (k.text.en.equals(english)) {
                return k;
            }
        }
        return null;
    }

    private static Map<String, Text> labels(String... triples) {
        Map<String, Text> m = new LinkedHashMap<>();
        for (int i = 0; i < triples.length; i += 3) {
            if (m.put(triples[i], new Text(triples[i + 1], triples[i + 2])) != null) {
                throw new IllegalStateException("label given twice: " + triples[i]);
            }
        }
        return Map.copyOf(m);
    }
}
