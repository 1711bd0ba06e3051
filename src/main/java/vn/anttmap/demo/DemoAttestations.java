package vn.anttmap.demo;

import vn.anttmap.model.Feature;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;

import static vn.anttmap.demo.DemoContext.SYNTHETIC;
import static vn.anttmap.demo.DemoContext.VN;
import static vn.anttmap.demo.DemoContext.props;

/**
 * What the scoring year's assessment rests on besides the dated records: the attestations, the household counts of
 * the population database and the organisations registered for X4.
 */
final class DemoAttestations {
    private final DemoContext ctx;

    DemoAttestations(DemoContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Agencies, enterprises and schools of the ward for X4 (synthetic names and places), each registered for the
     * scoring year; their recognition results are recorded, one school's still pending.
     */
    List<Feature> organisations(List<Feature> areas) {
        Random r = new Random(DemoPlan.SEED + 5);
        Object[][] plan = {
                {"Ủy ban nhân dân phường Hải Hòa (minh họa)", "agency", Boolean.TRUE},
                {"Trường Trung học cơ sở Hải Hòa (minh họa)", "school", Boolean.TRUE},
                {"Trường Trung học phổ thông ven biển (minh họa)", "school", null},
                {"Công ty cổ phần thủy sản Hải Hòa (minh họa)", "enterprise", Boolean.TRUE},
                {"Hợp tác xã dịch vụ du lịch biển (minh họa)", "enterprise", Boolean.FALSE}};
        int year = DemoPlan.SCORING_YEAR;
        List<Feature> out = new ArrayList<>();
        for (int i = 0; i < plan.length; i++) {
            Feature area = areas.get((3 * i + 1) % areas.size());
            Boolean recognised = (Boolean) plan[i][2];
            out.add(new Feature(String.format(Locale.ROOT, "tc-%02d-%d", i + 1, year), ctx.snap(ctx.randomPointIn(
                    ctx.utm.bufferM(area.geometry(), -20), r)), props("name", plan[i][0], "kind", plan[i][1],
                    "assessment_year", year, "registered", true, "registered_on", LocalDate.of(year, 3, 10 + i),
                    "registration_ref", "Bản đăng ký phấn đấu số " + (i + 1) + "/" + year + " (minh họa)",
                    "recognised", recognised, "recognition_ref", recognised == null ? null
                            : "QĐ công nhận số " + (40 + i) + "/" + year + "/QĐ-UBND (minh họa)",
                    "recognition_decided_on", recognised == null ? null : LocalDate.of(year, 11, 18), "source", SYNTHETIC)));
        }
        return out;
    }

    /** The areas' household figures as a population-database export dated 30/06 of the scoring year would give them. */
    List<Feature> householdCounts(List<Feature> areas) {
        LocalDate asOf = LocalDate.of(DemoPlan.SCORING_YEAR, 6, 30);
        return areas.stream().map(a -> new Feature("ho-" + a.id() + "-" + asOf, null, props("area_id", a.id(),
                "as_of", asOf, "resident_households", a.get("households"),
                "registered_households", a.get("registered_households"),
                "source", SYNTHETIC + "; stands for an aggregate export of the population database"))).toList();
    }

    /**
     * K1.q1, K2, K4c's third limb and the area's registration attested yes for every area but those the plan leaves
     * without K2; X1, X2.K2, X2.K4c.management, X3 for the ward; and for every area and the ward the declaration that the
     * incident register is complete, for the scoring year and the year before (K4a compares with it).
     */
    List<Feature> attestations(List<Feature> areas) {
        List<Feature> out = new ArrayList<>();
        int year = DemoPlan.SCORING_YEAR;
        OffsetDateTime q1 = OffsetDateTime.of(year, 3, 25, 9, 0, 0, 0, VN);
        OffsetDateTime yearEnd = OffsetDateTime.of(year, 10, 28, 15, 0, 0, 0, VN);
        String by = "Công an phường Hải Hòa (minh họa)";
        for (int i = 0; i < areas.size(); i++) {
            String area = areas.get(i).id();
            out.add(attestation("area", area, "K1.q1", q1, by, "Nghị quyết chi bộ và bản đăng ký phấn đấu (minh họa)"));
            int index = i;
            if (IntStream.of(DemoPlan.WITHOUT_K2_ATTESTATION).noneMatch(x -> x == index)) {
                out.add(attestation("area", area, "K2", yearEnd, by, "Biên bản họp đánh giá khu dân cư (minh họa)"));
            }
            out.add(attestation("area", area, "K4c.management", yearEnd, by, "Báo cáo quản lý, giáo dục đối tượng (minh họa)"));
            out.add(attestation("area", area, "registration", q1, by, "Bản đăng ký phấn đấu của khu dân cư (minh họa)"));
            out.add(attestation("area", area, "register_complete", yearEnd, by, "Sổ theo dõi vụ việc đã rà soát (minh họa)"));
            out.add(attestation("area", area, "register_complete", yearEnd.minusYears(1), year - 1, by,
                    "Sổ theo dõi vụ việc đã rà soát (minh họa)"));
        }
        String wardId = ctx.ward.id();
        for (String check : List.of("X1", "X2.K2", "X2.K4c.management", "X3", "register_complete")) {
            out.add(attestation("ward", wardId, check, check.equals("X1") ? q1 : yearEnd, by, "Hồ sơ phường (minh họa)"));
        }
        OffsetDateTime wardYearEnd = OffsetDateTime.of(year - 1, 11, 14, 15, 0, 0, 0, VN);
        out.add(attestation("ward", wardId, "register_complete", wardYearEnd, year - 1, by, "Hồ sơ phường (minh họa)"));
        return out;
    }

    private static Feature attestation(String kind, String subject, String check, OffsetDateTime at, String by,
                                       String document) {
        return attestation(kind, subject, check, at, DemoPlan.SCORING_YEAR, by, document);
    }

    private static Feature attestation(String kind, String subject, String check, OffsetDateTime at, int periodYear,
                                       String by, String document) {
        return attestation(String.format(Locale.ROOT, "xn-%s-%s-%d", subject, checkSlug(check), periodYear), kind, subject,
                check, at, periodYear, by, document, SYNTHETIC);
    }

    /** A yes attested by {@code by} at {@code at}, on {@code document}. */
    static Feature attestation(String id, String kind, String subject, String check, OffsetDateTime at, int periodYear,
                               String by, String document, String note) {
        return new Feature(id, null, props("subject_kind", kind, "subject_id", subject, "check_id", check,
                "period_year", periodYear, "attested", true, "attested_by", by, "attested_at", at,
                "note", note, "document_ref", document));
    }

    /** A check's id as attestation ids spell it: {@code X2.K4c.management} → {@code x2-k4c-management}. */
    static String checkSlug(String check) {
        return check.replace('.', '-').replace('_', '-').toLowerCase(Locale.ROOT);
    }
}
