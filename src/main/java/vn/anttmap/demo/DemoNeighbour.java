package vn.anttmap.demo;

import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import vn.anttmap.geo.GeometryChecks;
import vn.anttmap.model.Feature;
import vn.anttmap.model.Layer;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static vn.anttmap.demo.DemoContext.VN;
import static vn.anttmap.demo.DemoContext.props;
import static vn.anttmap.demo.DemoContext.round;

/**
 * The synthetic data of one neighbouring ward, so that the demo's dashboard has more than one ward to compare: a few
 * residential areas tiling it, cameras, incidents with their handling histories over the same two years as Hải Hòa's,
 * and what the scoring of the 2023 period needs (household counts, teams, attestations, organisations), laid out by its
 * {@link DemoPlan.Neighbour} so that its areas' verdicts differ. Everything is drawn from the neighbour's own seed, after
 * the whole of Hải Hòa (whose values do not change); every id starts with the ward's; every record is labelled
 * synthetic. Nothing is placed within 30 m of another ward's outline (the real outlines overlap a little).
 */
final class DemoNeighbour {
    private static final DemoIncidents.Kind THEFT = new DemoIncidents.Kind("crime", "it_nghiem_trong", new String[]{
            "Trộm cắp tài sản (xe máy)", "Trộm cắp điện thoại di động", "Lừa đảo chiếm đoạt tài sản qua mạng",
            "Cố ý gây thương tích, thương tật nhẹ"});
    private static final DemoIncidents.Kind SERIOUS = new DemoIncidents.Kind("crime", "nghiem_trong", new String[]{
            "Cướp giật tài sản", "Cố ý gây thương tích, thương tật nặng"});
    private static final DemoIncidents.Kind SOCIAL_EVIL = new DemoIncidents.Kind("social_evil", null, new String[]{
            "Đánh bạc trái phép tại nhà dân", "Sử dụng trái phép chất ma túy"});
    private static final DemoIncidents.Kind ADMIN = new DemoIncidents.Kind("administrative_violation", null, new String[]{
            "Gây rối trật tự công cộng", "Kinh doanh lấn chiếm lòng đường, vỉa hè", "Vi phạm quy định về cư trú"});
    private static final DemoIncidents.Kind DISPUTE = new DemoIncidents.Kind("dispute", null, new String[]{
            "Mâu thuẫn giữa các hộ dân về ranh giới đất", "Mâu thuẫn giữa hai hộ gia đình về lối đi chung"});

    /** The area period before the scoring year's (01/11/2021–31/10/2022). */
    private static final DemoPlan.Window BEFORE = new DemoPlan.Window(DemoPlan.W1.first(), DemoPlan.W3.last());
    /** The scoring year's area period, up to the end of the month of Hải Hòa's latest incident. */
    private final DemoPlan.Window current;

    private final DemoContext ctx;
    private final DemoPlan.Neighbour plan;
    private final String label;
    private final String wardName;
    private final String police;
    /** The other wards' outlines widened by 30 m: nothing is placed there. */
    private final Geometry others;
    private final Map<String, Geometry> places = new LinkedHashMap<>();

    /**
     * @param lastDay no incident is later: the last day of the month of the target ward's latest incident, so that the
     *                map's default period (to the end of the last whole month before the latest incident of the store)
     *                stays the one that shows Hải Hòa's published figures
     */
    DemoNeighbour(Feature ward, DemoPlan.Neighbour plan, List<Feature> otherWards, LocalDate lastDay) {
        this.ctx = new DemoContext(ward, plan.seed());
        this.current = new DemoPlan.Window(DemoPlan.W4.first(), lastDay);
        this.plan = plan;
        this.label = DemoContext.synthetic(plan.seed());
        String name = ward.text("name");
        this.wardName = name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
        this.police = "Công an " + wardName + " (minh họa)";
        this.others = ctx.utm.bufferM(CoverageUnion.union(otherWards.stream().map(Feature::geometry).toArray(Geometry[]::new)), 30);
    }

    /** Every layer of the neighbour; under {@link Layer#WARDS} the ward with the vertices its areas add to its edges. */
    Map<Layer, List<Feature>> generate() {
        List<Feature> areas = areas();
        List<Feature> cameras = cameras(areas);
        List<Feature> incidents = new DemoHandling(plan.seed() + 22, plan.handling(), ctx.ward)
                .withHistories(incidents(areas));
        Map<Layer, List<Feature>> out = new EnumMap<>(Layer.class);
        out.put(Layer.WARDS, List.of(new Feature(ctx.ward.id(), GeometryChecks.toMultiPolygon(
                CoverageUnion.union(areas.stream().map(Feature::geometry).toArray(Geometry[]::new)).norm()),
                ctx.ward.properties())));
        out.put(Layer.AREAS, areas);
        out.put(Layer.TEAMS, teams(areas));
        out.put(Layer.CAMERAS, cameras);
        out.put(Layer.INCIDENTS, incidents);
        out.put(Layer.HOUSEHOLD_COUNTS, householdCounts(areas));
        out.put(Layer.ATTESTATIONS, attestations(areas));
        out.put(Layer.ORGANISATIONS, organisations(areas));
        return out;
    }

    private String id(String rest) {
        return ctx.ward.id() + "-" + rest;
    }

    /** The area's id without the ward's prefix ({@code tdp-1}). */
    private String local(Feature area) {
        return area.id().substring(ctx.ward.id().length() + 1);
    }

    private List<Feature> areas() {
        int n = plan.areas().size();
        Geometry inner = ctx.utm.bufferM(ctx.wardPolygon, -150);
        double apartM = 0.5 * Math.sqrt(ctx.utm.areaM2(ctx.wardPolygon) / n);
        List<Point> seeds = new ArrayList<>();
        while (seeds.size() < n) {
            Point p = ctx.randomPointIn(inner);
            if (seeds.stream().allMatch(s -> ctx.utm.distanceM(s, p) > apartM)) {
                seeds.add(p);
            }
        }
        List<Geometry> parts = ctx.relaxedCells(seeds);
        List<Geometry> ordered = new ArrayList<>(parts);
        ordered.sort(Comparator.comparingDouble((Geometry g) -> -round(g.getCentroid().getY(), 3))
                .thenComparingDouble(g -> g.getCentroid().getX()));
        double totalM2 = ordered.stream().mapToDouble(ctx.utm::areaM2).sum();
        int wardHouseholds = (int) Math.round(((Number) ctx.ward.get("population")).intValue() / 3.7);
        String kindId = "thon".equals(plan.areaKind()) ? "thon" : "tdp";
        List<Feature> out = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            double weight = ctx.utm.areaM2(ordered.get(i)) / totalM2 * (0.8 + 0.4 * ctx.rnd.nextDouble());
            int households = (int) Math.round(wardHouseholds * weight);
            int registered = plan.areas().get(i) == DemoPlan.Fate.UNREGISTERED
                    ? (int) Math.floor(households * (0.95 + 0.03 * ctx.rnd.nextDouble())) : households;
            int population = (int) Math.round(households * (3.4 + 0.5 * ctx.rnd.nextDouble()));
            out.add(new Feature(id(kindId + "-" + (i + 1)), GeometryChecks.toMultiPolygon(ordered.get(i).norm()), props(
                    "code", String.format(Locale.ROOT, "%s-%02d", plan.code(), i + 1),
                    "name", plan.areaName() + " " + (i + 1), "kind", plan.areaKind(), "population", population,
                    "households", households, "registered_households", registered,
                    "valid_from", ctx.ward.get("valid_from"), "valid_to", null,
                    "source", label + "; the name and the boundary are invented")));
        }
        return out;
    }

    /** A point at least {@code 15 m} inside the area and 30 m away from every other ward. */
    private Point place(Feature area) {
        Geometry where = places.computeIfAbsent(area.id(), a -> ctx.utm.bufferM(area.geometry(), -15).difference(others));
        return ctx.snap(ctx.randomPointIn(where));
    }

    private List<Feature> cameras(List<Feature> areas) {
        int n = plan.cameras();
        int[] owners = ctx.shuffledCodes(new String[]{"household", "business", "police"}, new int[]{n / 4, n / 5, n / 8}, n);
        int[] statuses = ctx.shuffledCodes(new String[]{"inactive", "maintenance"},
                new int[]{plan.inactive(), plan.maintenance()}, n);
        String[] ownerCodes = {"community", "household", "business", "police"};
        String[] statusCodes = {"active", "inactive", "maintenance"};
        List<Feature> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Point at = place(areas.get(ctx.rnd.nextInt(areas.size())));
            double roll = ctx.rnd.nextDouble();
            DemoContext.Lens lens = ctx.lens(roll < 0.15 ? "ptz" : roll < 0.35 ? "dome" : "fixed");
            String kind = lens.kind();
            double fov = lens.fovDeg();
            double range = lens.rangeM();
            String owner = ownerCodes[owners[i]];
            String status = statusCodes[statuses[i]];
            String funding = DemoContext.fundingOf(owner);
            double bearing = round(ctx.rnd.nextDouble() * 360, 1) % 360;
            LocalDate installed = LocalDate.of(2021, 3, 1).plusDays(ctx.rnd.nextInt(850));
            LocalDate lastSeen = "active".equals(status) ? LocalDate.of(2023, 10, 31).minusDays(ctx.rnd.nextInt(5))
                    : LocalDate.of(2023, 1, 1).plusDays(ctx.rnd.nextInt(240));
            out.add(new Feature(id(String.format(Locale.ROOT, "cam-%03d", i + 1)), at, props(
                    "name", String.format(Locale.ROOT, "Camera %s-%03d", plan.code(), i + 1),
                    "bearing_deg", bearing, "fov_deg", fov, "range_m", range, "kind", kind,
                    "owner", owner, "status", status, "installed_on", installed, "funding", funding,
                    "footage_sharing", !"household".equals(owner) || ctx.rnd.nextBoolean(), "last_seen_on", lastSeen,
                    "resolution_px", ctx.rnd.nextBoolean() ? 1920 : 2560)));
        }
        return out;
    }

    /**
     * Per area, crimes, social evils and administrative violations (what K4a compares) in the period before the
     * scoring year's and in the scoring year's, fewer now unless the plan says more; an area planned with a serious
     * crime has one now; and a few disputes, which K4a does not count.
     */
    private List<Feature> incidents(List<Feature> areas) {
        String[] channels = {"in_person", "hotline_113", "vneid", "app", "patrol", "camera"};
        double[] channelWeights = {0.25, 0.25, 0.15, 0.10, 0.15, 0.10};
        List<Feature> out = new ArrayList<>();
        for (int a = 0; a < areas.size(); a++) {
            DemoPlan.Fate fate = plan.areas().get(a);
            int before;
            int now;
            if (fate == DemoPlan.Fate.MORE_INCIDENTS) {
                before = 1 + ctx.rnd.nextInt(2);
                now = before + 1 + ctx.rnd.nextInt(2);
            } else {
                before = 2 + ctx.rnd.nextInt(3);
                now = 1 + ctx.rnd.nextInt(before - 1);
            }
            int disputes = ctx.rnd.nextInt(3);
            for (int k = 0; k < before + now + disputes; k++) {
                DemoPlan.Window period = k < before ? BEFORE : k < before + now ? current : ctx.rnd.nextBoolean() ? BEFORE : current;
                DemoIncidents.Kind kind;
                if (k >= before + now) {
                    kind = DISPUTE;
                } else if (fate == DemoPlan.Fate.SERIOUS_CRIME && k == before) {
                    kind = SERIOUS;
                } else {
                    double r = ctx.rnd.nextDouble();
                    kind = r < 0.45 ? THEFT : r < 0.65 ? SOCIAL_EVIL : ADMIN;
                }
                LocalDate day = ctx.randomDay(period);
                int hour = ctx.rnd.nextDouble() < 0.6 ? 18 + ctx.rnd.nextInt(6) : 7 + ctx.rnd.nextInt(11);
                OffsetDateTime at = OffsetDateTime.of(day, LocalTime.of(hour, 5 * ctx.rnd.nextInt(12)), VN);
                out.add(new Feature(null, place(areas.get(a)), props(
                        "occurred_at", at, "category", kind.category(), "severity", kind.severity(),
                        "channel", channels[ctx.weighted(channelWeights)], "force_majeure", false,
                        "promptly_handled", false,
                        "description", kind.descriptions()[ctx.rnd.nextInt(kind.descriptions().length)],
                        "serious", null, "deaths", null)));
            }
        }
        out.sort(Comparator.comparing(i -> (OffsetDateTime) i.get("occurred_at")));
        List<Feature> numbered = new ArrayList<>();
        Map<Integer, Integer> perYear = new LinkedHashMap<>();
        for (Feature i : out) {
            int year = ((OffsetDateTime) i.get("occurred_at")).getYear();
            int n = perYear.merge(year, 1, Integer::sum);
            numbered.add(new Feature(id(String.format(Locale.ROOT, "vv-%d-%03d", year, n)), i.geometry(), i.properties()));
        }
        return numbered;
    }

    /** Per area a street-guard team (rated as the plan says), two or three social-security teams, an e-ID team. */
    private List<Feature> teams(List<Feature> areas) {
        String[] ratings = {"completed_excellently", "completed_well", "completed"};
        List<Feature> out = new ArrayList<>();
        for (int a = 0; a < areas.size(); a++) {
            Feature area = areas.get(a);
            String rating = plan.areas().get(a) == DemoPlan.Fate.TEAM_NOT_COMPLETED ? "not_completed"
                    : ratings[ctx.rnd.nextInt(ratings.length)];
            out.add(team(id("bvdp-" + local(area)), area, "street_guard", "Tổ bảo vệ dân phố " + area.get("name"),
                    2 + ctx.rnd.nextInt(2), rating));
            int social = 2 + ctx.rnd.nextInt(2);
            for (int t = 0; t < social; t++) {
                out.add(team(id(String.format(Locale.ROOT, "anxh-%s-%02d", local(area), t + 1)), area, "social_security",
                        "Tổ an ninh xã hội số " + (t + 1), 18 + ctx.rnd.nextInt(20), ratings[ctx.rnd.nextInt(ratings.length)]));
            }
            out.add(team(id("cnso-" + local(area)), area, "eid_support", "Tổ hướng dẫn định danh điện tử",
                    10 + ctx.rnd.nextInt(10), "completed_well"));
        }
        return out;
    }

    private static Feature team(String id, Feature area, String kind, String name, int members, String rating) {
        return new Feature(id, null, props("area_id", area.id(), "kind", kind, "name", name, "member_count", members,
                "rating_year", DemoPlan.TEAM_YEAR, "rating", rating, "disciplined_members", 0));
    }

    private List<Feature> householdCounts(List<Feature> areas) {
        LocalDate asOf = LocalDate.of(DemoPlan.SCORING_YEAR, 6, 30);
        return areas.stream().map(a -> new Feature(id("ho-" + local(a) + "-" + asOf), null, props("area_id", a.id(),
                "as_of", asOf, "resident_households", a.get("households"),
                "registered_households", a.get("registered_households"),
                "source", label + "; stands for an aggregate export of the population database"))).toList();
    }

    /**
     * As Hải Hòa's: K1.q1, K2, K4c's third limb, the registration and the incident register declared complete (the
     * scoring year and the one before) for every area, but K2 or the year's register where the plan leaves it out;
     * X1, X2.K2, X2.K4c.management, X3 and the register for the ward.
     */
    private List<Feature> attestations(List<Feature> areas) {
        int year = DemoPlan.SCORING_YEAR;
        OffsetDateTime q1 = OffsetDateTime.of(year, 3, 27, 9, 0, 0, 0, VN);
        OffsetDateTime yearEnd = OffsetDateTime.of(year, 10, 30, 15, 0, 0, 0, VN);
        List<Feature> out = new ArrayList<>();
        for (int i = 0; i < areas.size(); i++) {
            Feature area = areas.get(i);
            DemoPlan.Fate fate = plan.areas().get(i);
            out.add(attestation(area, "K1.q1", q1, year, "Nghị quyết chi bộ và bản đăng ký phấn đấu (minh họa)"));
            if (fate != DemoPlan.Fate.WITHOUT_K2) {
                out.add(attestation(area, "K2", yearEnd, year, "Biên bản họp đánh giá khu dân cư (minh họa)"));
            }
            out.add(attestation(area, "K4c.management", yearEnd, year, "Báo cáo quản lý, giáo dục đối tượng (minh họa)"));
            out.add(attestation(area, "registration", q1, year, "Bản đăng ký phấn đấu của khu dân cư (minh họa)"));
            if (fate != DemoPlan.Fate.REGISTER_UNDECLARED) {
                out.add(attestation(area, "register_complete", yearEnd, year, "Sổ theo dõi vụ việc đã rà soát (minh họa)"));
            }
            out.add(attestation(area, "register_complete", yearEnd.minusYears(1), year - 1,
                    "Sổ theo dõi vụ việc đã rà soát (minh họa)"));
        }
        String ward = ctx.ward.id();
        for (String check : List.of("X1", "X2.K2", "X2.K4c.management", "X3", "register_complete")) {
            out.add(DemoAttestations.attestation(id("xn-" + DemoAttestations.checkSlug(check) + "-" + year), "ward", ward,
                    check, check.equals("X1") ? q1 : OffsetDateTime.of(year, 11, 14, 15, 0, 0, 0, VN), year, police,
                    "Hồ sơ " + wardName + " (minh họa)", label));
        }
        out.add(DemoAttestations.attestation(id("xn-register-complete-" + (year - 1)), "ward", ward, "register_complete",
                OffsetDateTime.of(year - 1, 11, 14, 15, 0, 0, 0, VN), year - 1, police, "Hồ sơ " + wardName + " (minh họa)", label));
        return out;
    }

    private Feature attestation(Feature area, String check, OffsetDateTime at, int year, String document) {
        return DemoAttestations.attestation(id("xn-" + local(area) + "-" + DemoAttestations.checkSlug(check) + "-" + year),
                "area", area.id(), check, at, year, police, document, label);
    }

    /** The ward's People's Committee (recognised) and a school (recognised as the plan says), for X4. */
    private List<Feature> organisations(List<Feature> areas) {
        int year = DemoPlan.SCORING_YEAR;
        String place = wardName.substring(wardName.indexOf(' ') + 1);
        Object[][] units = {
                {"Ủy ban nhân dân " + wardName + " (minh họa)", "agency", Boolean.TRUE},
                {"Trường Tiểu học " + place + " (minh họa)", "school", plan.schoolRecognised()}};
        List<Feature> out = new ArrayList<>();
        for (int i = 0; i < units.length; i++) {
            Boolean recognised = (Boolean) units[i][2];
            out.add(new Feature(id(String.format(Locale.ROOT, "tc-%02d-%d", i + 1, year)), place(areas.get(i % areas.size())),
                    props("name", units[i][0], "kind", units[i][1], "assessment_year", year, "registered", true,
                            "registered_on", LocalDate.of(year, 3, 14 + i),
                            "registration_ref", "Bản đăng ký phấn đấu số " + (i + 1) + "/" + year + " (minh họa)",
                            "recognised", recognised, "recognition_ref", recognised == null ? null
                                    : "QĐ công nhận số " + (60 + i) + "/" + year + "/QĐ-UBND (minh họa)",
                            "recognition_decided_on", recognised == null ? null : LocalDate.of(year, 11, 18),
                            "source", label)));
        }
        return out;
    }
}
