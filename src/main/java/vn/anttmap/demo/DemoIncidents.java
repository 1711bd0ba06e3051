package vn.anttmap.demo;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import vn.anttmap.model.Feature;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static vn.anttmap.demo.DemoContext.SYNTHETIC;
import static vn.anttmap.demo.DemoContext.VN;
import static vn.anttmap.demo.DemoContext.props;

/** The incidents, on the days the plan gives, and the decisions behind those handled promptly (K4b's exception). */
final class DemoIncidents {
    private final DemoContext ctx;

    DemoIncidents(DemoContext ctx) {
        this.ctx = ctx;
    }

    record Kind(String category, String severity, String[] descriptions) {
    }

    private static final Kind THEFT = new Kind("crime", "it_nghiem_trong", new String[]{
            "Trộm cắp tài sản (xe máy) tại khu vực bãi biển", "Trộm cắp điện thoại di động của du khách",
            "Cố ý gây thương tích, thương tật nhẹ", "Lừa đảo chiếm đoạt tài sản qua mạng"});
    private static final Kind SERIOUS = new Kind("crime", "nghiem_trong", new String[]{
            "Cướp giật tài sản trên đường ven biển", "Cố ý gây thương tích, thương tật nặng"});
    private static final Kind VERY_SERIOUS = new Kind("crime", "rat_nghiem_trong", new String[]{
            "Mua bán trái phép chất ma túy"});
    private static final Kind SOCIAL_EVIL = new Kind("social_evil", null, new String[]{
            "Đánh bạc trái phép tại nhà dân", "Sử dụng trái phép chất ma túy"});
    private static final Kind ADMIN = new Kind("administrative_violation", null, new String[]{
            "Gây rối trật tự công cộng", "Kinh doanh lấn chiếm lòng đường, vỉa hè", "Vi phạm quy định về cư trú"});
    private static final Kind DISPUTE = new Kind("dispute", null, new String[]{
            "Mâu thuẫn giữa các hộ dân về ranh giới đất", "Xô xát giữa du khách và người bán hàng"});
    private static final Kind FIRE = new Kind("fire_explosion", null, new String[]{
            "Cháy quán ăn ven biển, không thiệt hại về người"});
    private static final Kind WORK = new Kind("work_accident", null, new String[]{
            "Tai nạn lao động tại công trình xây dựng, người lao động bị thương nhẹ"});
    private static final Kind OTHER = new Kind("other", null, new String[]{
            "Du khách đuối nước tại bãi tắm, được cứu kịp thời"});

    /** Penal Code classes K4b counts. */
    private static final Set<String> SERIOUS_CLASSES = Set.of("nghiem_trong", "rat_nghiem_trong",
            "dac_biet_nghiem_trong");

    /** Incidents whose kind the plan fixes: area, window (0-based), occurrence → kind. */
    private static Kind planned(int area, int window, int nth) {
        if (area == 5 && window == 4 && nth == 0) {
            return SERIOUS;
        }
        if (area == 8 && window == 3 && nth == 0) {
            return SERIOUS;
        }
        if (area == 0 && window == 1 && nth == 0) {
            return VERY_SERIOUS;
        }
        if (area == 10 && window == 4) {
            return FIRE;
        }
        if (area == 1 && window == 1 && nth == 0) {
            return WORK;
        }
        if (area == 3 && window == 4) {
            return SOCIAL_EVIL;
        }
        if (area == 8 && window == 4) {
            return ADMIN;
        }
        if (area == 0 && window == 4) {
            return THEFT;
        }
        return null;
    }

    private Kind randomKind() {
        double r = ctx.rnd.nextDouble();
        if (r < 0.45) {
            return THEFT;
        }
        if (r < 0.60) {
            return SOCIAL_EVIL;
        }
        if (r < 0.85) {
            return ADMIN;
        }
        if (r < 0.95) {
            return DISPUTE;
        }
        return OTHER;
    }

    /**
     * Incidents of each area, on the days the plan gives. Most of those of the areas that meet at the crossing of the
     * main road and cross road 5 (the demo's market crossing, where thefts and disorder gather) fall within 300 m of
     * it; the rest anywhere in their area. The one cluster a hotspot analysis of the demo should find (synthetic,
     * like every demo incident).
     */
    List<Feature> incidents(List<Feature> areas, List<Feature> roads) {
        Geometry main = roads.stream().filter(r -> r.id().equals("road-main")).findFirst().orElseThrow().geometry();
        Geometry cross = roads.stream().filter(r -> r.id().equals("road-cross-5")).findFirst().orElseThrow().geometry();
        Geometry market = ctx.utm.bufferM(main.intersection(cross).getCentroid(), 300);
        Random placing = new Random(124);
        String[] channels = {"in_person", "hotline_113", "vneid", "app", "patrol"};
        double[] channelWeights = {0.30, 0.25, 0.15, 0.10, 0.20};
        List<Feature> out = new ArrayList<>();
        for (int w = 0; w < DemoPlan.WINDOWS.size(); w++) {
            DemoPlan.Window window = DemoPlan.WINDOWS.get(w);
            for (int a = 0; a < areas.size(); a++) {
                for (int k = 0; k < DemoPlan.INCIDENTS[a][w]; k++) {
                    Kind planned = planned(a, w, k);
                    Kind kind = planned != null ? planned : randomKind();
                    OffsetDateTime at;
                    if (a == 10 && w == 2 && k == 0) {
                        at = OffsetDateTime.of(2022, 10, 31, 16, 30, 0, 0, ZoneOffset.UTC);
                    } else {
                        LocalDate day = ctx.randomDay(window);
                        int hour = ctx.rnd.nextDouble() < 0.6 ? 18 + ctx.rnd.nextInt(6) : 7 + ctx.rnd.nextInt(11);
                        at = OffsetDateTime.of(day, LocalTime.of(hour, 5 * ctx.rnd.nextInt(12)), VN);
                    }
                    boolean seriousUnhandled = a == 8 && w == 3 && k == 0;
                    Geometry inner = ctx.utm.bufferM(areas.get(a).geometry(), -15);
                    Geometry near = inner.intersection(market);
                    // The uniform draw comes first, as it always did, so every other draw of the demo stays the same.
                    Point uniform = ctx.randomPointIn(inner);
                    Point where = near.getArea() > 0 && placing.nextDouble() < 0.8 ? ctx.randomPointIn(near, placing) : uniform;
                    out.add(new Feature(null, ctx.snap(where), props(
                            "occurred_at", at, "category", kind.category(), "severity", kind.severity(),
                            "channel", channels[ctx.weighted(channelWeights)], "force_majeure", false,
                            // Drawn for every incident, in its old place, so that every other draw stays the same; it
                            // marks prompt handling only on crimes of nghiêm trọng or above, each with a decision record
                            // behind it (exceptionDecisions): a bare flag excepts nothing.
                            "promptly_handled", !seriousUnhandled && ctx.rnd.nextDouble() < 0.85
                                    && SERIOUS_CLASSES.contains(String.valueOf(kind.severity())),
                            "description", kind.descriptions()[ctx.rnd.nextInt(kind.descriptions().length)],
                            "serious", kind == FIRE ? Boolean.FALSE : null,
                            "deaths", kind == WORK || kind == FIRE ? 0 : null)));
                }
            }
        }
        out.sort(Comparator.comparing(i -> (OffsetDateTime) i.get("occurred_at")));
        List<Feature> numbered = new ArrayList<>();
        Map<Integer, Integer> perYear = new LinkedHashMap<>();
        for (Feature i : out) {
            int year = ((OffsetDateTime) i.get("occurred_at")).atZoneSameInstant(VN).getYear();
            int n = perYear.merge(year, 1, Integer::sum);
            numbered.add(new Feature(String.format(Locale.ROOT, "vv-%d-%03d", year, n), i.geometry(), i.properties()));
        }
        return numbered;
    }

    /**
     * A decision of the ward People's Committee behind every serious crime the demo marks as detected promptly, harm
     * limited and reported at once (K4b's exception), a month after it happened.
     */
    List<Feature> exceptionDecisions(List<Feature> incidents) {
        List<Feature> out = new ArrayList<>();
        int n = 0;
        for (Feature i : incidents) {
            if (Boolean.TRUE.equals(i.get("promptly_handled"))) {
                LocalDate day = ((OffsetDateTime) i.get("occurred_at")).atZoneSameInstant(VN).toLocalDate().plusMonths(1);
                n++;
                out.add(new Feature("qd-" + i.id(), null, props("incident_id", i.id(), "check_id", "K4b",
                        "exception", "prompt_handling", "decided_by", "Chủ tịch UBND phường Hải Hòa (minh họa)",
                        "decided_on", day, "document_ref", String.format(Locale.ROOT, "QĐ %02d/%d/QĐ-UBND (minh họa)", n, day.getYear()),
                        "note", SYNTHETIC)));
            }
        }
        return out;
    }
}
