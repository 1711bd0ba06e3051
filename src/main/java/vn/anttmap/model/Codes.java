package vn.anttmap.model;

import java.util.List;

/** The closed sets of codes used by the layers. Incident categories are data: see {@link Taxonomy}. */
public final class Codes {
    private Codes() {
    }

    /** phường, xã, thị trấn. */
    public static final List<String> WARD_KINDS = List.of("phuong", "xa", "thi_tran");
    /** tổ dân phố, tiểu khu, thôn. */
    public static final List<String> AREA_KINDS = List.of("to_dan_pho", "tieu_khu", "thon");
    /** tổ bảo vệ dân phố, tổ an ninh xã hội, tổ công nghệ số / hướng dẫn định danh điện tử, other. */
    public static final List<String> TEAM_KINDS = List.of("street_guard", "social_security", "eid_support", "other");
    /**
     * Yearly rating of a team (Hướng dẫn 01/HD-BCA-V05): hoàn thành xuất sắc nhiệm vụ, hoàn thành tốt nhiệm vụ,
     * hoàn thành nhiệm vụ, không hoàn thành nhiệm vụ.
     */
    public static final List<String> TEAM_RATINGS =
            List.of("completed_excellently", "completed_well", "completed", "not_completed");
    /** K4c records: a new social-order hotspot (tụ điểm phức tạp), a new person with a social evil. */
    public static final List<String> SOCIAL_RECORD_KINDS = List.of("new_hotspot", "new_social_evil_person");
    /** What an attestation is about. */
    public static final List<String> SUBJECT_KINDS = List.of("area", "ward");
    /** Kinds of road. */
    public static final List<String> ROAD_KINDS = List.of("main", "street", "beach_road", "alley");
    public static final List<String> CAMERA_KINDS = List.of("fixed", "dome", "ptz");
    public static final List<String> CAMERA_OWNERS = List.of("community", "household", "business", "police");
    public static final List<String> CAMERA_STATUSES = List.of("active", "inactive", "maintenance");
    /** Who pays for a camera: the community fund (xã hội hóa), the State budget, a household, a business, other. */
    public static final List<String> CAMERA_FUNDING = List.of("community_fund", "state_budget", "household", "business", "other");
    public static final List<String> MAINTENANCE_ACTIONS = List.of("inspection", "repair", "replacement");
    /**
     * Penal Code 2015, article 9: tội phạm ít nghiêm trọng, nghiêm trọng, rất nghiêm trọng, đặc biệt nghiêm
     * trọng. Only crimes carry a severity class.
     */
    public static final List<String> SEVERITIES =
            List.of("it_nghiem_trong", "nghiem_trong", "rat_nghiem_trong", "dac_biet_nghiem_trong");
    /** The channel an incident came through: in person, hotline 113, VNeID report, app, patrol, a camera. */
    public static final List<String> CHANNELS = List.of("in_person", "hotline_113", "vneid", "app", "patrol", "camera");
    /**
     * An incident's handling, in order: tiếp nhận (received), phân công (assigned), xác minh (verified), đã xử lý
     * (handled), kết thúc (closed). See {@link IncidentLifecycle}.
     */
    public static final List<String> INCIDENT_STATUSES = List.of("received", "assigned", "verified", "handled", "closed");
    /**
     * How an incident was handled: hòa giải (mediated), xử phạt vi phạm hành chính (fined), nhắc nhở, cảnh cáo
     * (warned), chuyển cơ quan điều tra (transferred), chuyển cơ quan khác (referred), không có vi phạm (no_violation).
     */
    public static final List<String> HANDLING_OUTCOMES = List.of("mediated", "fined", "warned", "transferred", "referred",
            "no_violation");
    /** The checks an exception decision can except an incident from (the ward's X2.K4b and X2.K4d follow them). */
    public static final List<String> EXCEPTION_CHECKS = List.of("K4b", "K4d");
    /**
     * Exceptions of Art. 4(4): bất khả kháng (K4b, K4d), and for K4b only, kịp thời phát hiện, sử dụng đồng bộ các
     * biện pháp giảm thiểu hậu quả và báo cáo ngay cấp có thẩm quyền.
     */
    public static final List<String> EXCEPTIONS = List.of("force_majeure", "prompt_handling");
    /** Cơ quan, doanh nghiệp, cơ sở giáo dục (Art. 5(4)). */
    public static final List<String> ORGANISATION_KINDS = List.of("agency", "enterprise", "school");
    public static final List<String> MEDIATION_OUTCOMES = List.of("successful", "unsuccessful", "ongoing");
}
