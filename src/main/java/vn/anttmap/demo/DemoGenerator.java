package vn.anttmap.demo;

import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import vn.anttmap.geo.AreaPartitioner;
import vn.anttmap.geo.GeometryChecks;
import vn.anttmap.geo.MetricProjection;
import vn.anttmap.model.Feature;
import vn.anttmap.model.Layer;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Generates the synthetic layers of the Hải Hòa demo around the real ward boundary, deterministically from
 * {@link DemoPlan#SEED}: the same ward in gives the same features out, byte for byte once written.
 *
 * <ul>
 *   <li>14 residential areas tiling the ward exactly (Voronoi cells of seeds relaxed by Lloyd's method, clipped to
 *       the ward by one noding; see {@link AreaPartitioner});</li>
 *   <li>roads: a main road, cross streets, two side streets and a beach road ~160 m inland, clipped to the ward;
 *       the coastline is the ward's seaward edge;</li>
 *   <li>125 cameras: two at each road crossing, looking along each road, then evenly along the roads;</li>
 *   <li>incidents, disputes, extractions and teams as {@link DemoPlan} lays them out.</li>
 * </ul>
 */
public final class DemoGenerator {
    static final String SYNTHETIC = "synthetic: ANTT Map demo generator (seed " + DemoPlan.SEED + "), not real data";
    static final String SYNTHETIC_PUBLIC_NAME = SYNTHETIC + "; the name is found in public sources, the boundary is invented";
    static final String COAST_SOURCE = "derived: the seaward edge of the real ward boundary (censusVN2009, MIT); "
            + "not a surveyed shoreline";
    private static final ZoneOffset VN = ZoneOffset.ofHours(7);

    private final Feature ward;
    private final Polygon wardPolygon;
    private final GeometryFactory f = GeometryChecks.WGS84;
    private final MetricProjection utm;
    private final Random rnd = new Random(DemoPlan.SEED);

    private DemoGenerator(Feature ward) {
        this.ward = ward;
        Geometry g = ward.geometry();
        if (g.getNumGeometries() != 1) {
            throw new IllegalArgumentException("the demo ward must be a single polygon");
        }
        this.wardPolygon = (Polygon) g.getGeometryN(0);
        this.utm = MetricProjection.forGeometry(g);
    }

    /**
     * Every synthetic layer, keyed by layer, for the given (real) ward; under {@link Layer#WARDS}, the ward itself
     * with the vertices added on its edges where area boundaries meet it (each on a 1e-7° grid, within 1 cm of the
     * original edge), so that the areas tile it exactly, vertex for vertex.
     */
    public static Map<Layer, List<Feature>> generate(Feature ward) {
        return new DemoGenerator(ward).run();
    }

    private Map<Layer, List<Feature>> run() {
        Map<Layer, List<Feature>> out = new EnumMap<>(Layer.class);
        LineString coast = coastline();
        List<Feature> areas = areas(coast);
        List<Feature> roads = roads();
        List<Feature> cameras = cameras(roads);
        List<Feature> incidents = incidents(areas, roads);
        out.put(Layer.WARDS, List.of(new Feature(ward.id(), GeometryChecks.toMultiPolygon(
                org.locationtech.jts.coverage.CoverageUnion.union(areas.stream().map(Feature::geometry)
                        .toArray(Geometry[]::new)).norm()), ward.properties())));
        out.put(Layer.AREAS, areas);
        out.put(Layer.TEAMS, teams(areas));
        out.put(Layer.CAMERAS, cameras);
        out.put(Layer.INCIDENTS, incidents);
        out.put(Layer.DISPUTES, disputes(areas));
        out.put(Layer.EXTRACTIONS, extractions(cameras, incidents));
        out.put(Layer.ROADS, roads);
        out.put(Layer.SOCIAL_RECORDS, socialRecords(areas));
        out.put(Layer.CAMERA_MAINTENANCE, maintenance(cameras));
        out.put(Layer.HOUSEHOLD_COUNTS, householdCounts(areas));
        out.put(Layer.ATTESTATIONS, attestations(areas));
        out.put(Layer.EXCEPTION_DECISIONS, exceptionDecisions(incidents));
        out.put(Layer.ORGANISATIONS, organisations(areas));
        out.put(Layer.COASTLINE, List.of(new Feature("coast-hai-hoa", f.createMultiLineString(new LineString[]{coast}),
                props("name", "Bờ biển Hải Hòa", "source", COAST_SOURCE))));
        return out;
    }

    // ---------------------------------------------------------------- coastline and areas

    /** The ward's seaward edge: the longest edge of its eastern side (the polygon contains the beach strip). */
    private LineString coastline() {
        Coordinate[] ring = wardPolygon.getExteriorRing().getCoordinates();
        int best = 0;
        double bestScore = -1;
        for (int i = 0; i + 1 < ring.length; i++) {
            double eastness = (ring[i].x + ring[i + 1].x) / 2;
            double length = ring[i].distance(ring[i + 1]);
            double score = eastness * 1000 + length;
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        Coordinate a = ring[best];
        Coordinate b = ring[best + 1];
        return f.createLineString(a.y < b.y ? new Coordinate[]{a, b} : new Coordinate[]{b, a});
    }

    private List<Feature> areas(LineString coast) {
        List<Point> seeds = new ArrayList<>();
        Geometry inner = utm.bufferM(wardPolygon, -120);
        while (seeds.size() < DemoPlan.AREAS) {
            Point p = randomPointIn(inner);
            if (seeds.stream().allMatch(s -> utm.distanceM(s, p) > 350)) {
                seeds.add(p);
            }
        }
        List<Geometry> parts = null;
        for (int iteration = 0; iteration < 8; iteration++) {
            parts = AreaPartitioner.partition(wardPolygon, seeds, 1e-7);
            List<Point> next = new ArrayList<>();
            for (Geometry part : parts) {
                Point c = part.getCentroid();
                next.add(part.covers(c) ? snap(c) : part.getInteriorPoint());
            }
            seeds = next;
        }
        if (!CoverageValidator.isValid(parts.toArray(Geometry[]::new))) {
            throw new IllegalStateException("generated areas are not a valid coverage");
        }
        List<Geometry> ordered = new ArrayList<>(parts);
        ordered.sort(Comparator.comparingDouble((Geometry g) -> -round(g.getCentroid().getY(), 3))
                .thenComparingDouble(g -> g.getCentroid().getX()));
        List<Geometry> byCoast = new ArrayList<>(ordered);
        byCoast.sort(Comparator.comparingDouble((Geometry g) -> -utm.lengthM(g.intersection(coast))));
        Map<Geometry, DemoPlan.AreaName> names = new LinkedHashMap<>();
        for (int i = 0; i < DemoPlan.COASTAL_NAMES.size(); i++) {
            names.put(byCoast.get(i), DemoPlan.COASTAL_NAMES.get(i));
        }
        int next = 0;
        for (Geometry g : ordered) {
            if (!names.containsKey(g)) {
                names.put(g, DemoPlan.OTHER_NAMES.get(next++));
            }
        }
        double totalM2 = ordered.stream().mapToDouble(utm::areaM2).sum();
        int[] households = new int[ordered.size()];
        int[] registered = new int[ordered.size()];
        for (int i = 0; i < ordered.size(); i++) {
            double weight = utm.areaM2(ordered.get(i)) / totalM2 * (0.8 + 0.4 * rnd.nextDouble());
            households[i] = (int) Math.round(4_100 * weight);
            registered[i] = (int) Math.floor(households[i] * DemoPlan.REGISTERED_SHARE[i]);
        }
        int largestFull = IntStream.range(0, ordered.size()).filter(i -> DemoPlan.REGISTERED_SHARE[i] == 1)
                .boxed().max(Comparator.comparingInt(i -> households[i])).orElseThrow();
        int diff = DemoPlan.REGISTERED_HOUSEHOLDS - IntStream.of(registered).sum();
        households[largestFull] += diff;
        registered[largestFull] += diff;

        List<Feature> out = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            DemoPlan.AreaName n = names.get(ordered.get(i));
            int population = (int) Math.round(households[i] * (3.4 + 0.5 * rnd.nextDouble()));
            out.add(new Feature(areaId(n), GeometryChecks.toMultiPolygon(ordered.get(i).norm()), props(
                    "code", String.format(Locale.ROOT, "HH-%02d", i + 1),
                    "name", n.name(), "kind", n.kind(), "population", population, "households", households[i],
                    "registered_households", registered[i], "valid_from", ward.get("valid_from"), "valid_to", null,
                    "source", n.publicName() ? SYNTHETIC_PUBLIC_NAME : SYNTHETIC)));
        }
        return out;
    }

    static String areaId(DemoPlan.AreaName n) {
        String plain = Normalizer.normalize(n.name().toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").replace('đ', 'd');
        plain = plain.replace("to dan pho ", "tdp-").replace("tieu khu ", "tk-");
        return plain.replaceAll("[^a-z0-9]+", "-");
    }

    // ---------------------------------------------------------------- roads

    private record RoadSpec(String id, String name, String kind, double[] lonLat) {
    }

    private List<Feature> roads() {
        Envelope e = wardPolygon.getEnvelopeInternal();
        double west = e.getMinX() - 0.002;
        List<RoadSpec> specs = new ArrayList<>();
        specs.add(new RoadSpec("road-main", "Đường trục chính", "main",
                new double[]{105.7905, e.getMinY() - 0.002, 105.7912, 19.4500, 105.7893, e.getMaxY() + 0.002}));
        LineString coast = coastline();
        Coordinate s = coast.getCoordinateN(0);
        Coordinate n = coast.getCoordinateN(1);
        double inland = -0.0017;
        specs.add(new RoadSpec("road-beach", "Đường ven biển", "beach_road",
                new double[]{s.x + inland, s.y - 0.004, n.x + inland, n.y + 0.004}));
        double beachAt = (s.x + n.x) / 2 + inland;
        double[] crossLats = {19.4418, 19.4452, 19.4486, 19.4521, 19.4556, 19.4590};
        for (int i = 0; i < crossLats.length; i++) {
            specs.add(new RoadSpec("road-cross-" + (i + 1), "Đường ngang số " + (i + 1), "street",
                    new double[]{west, crossLats[i], beachAt + 0.0004, crossLats[i] + 0.0002}));
        }
        specs.add(new RoadSpec("road-west", "Đường dọc phía tây", "street",
                new double[]{105.7848, e.getMinY() - 0.002, 105.7852, e.getMaxY() + 0.002}));
        specs.add(new RoadSpec("road-east", "Đường dọc phía đông", "street",
                new double[]{105.7992, e.getMinY() - 0.002, 105.7988, 19.4620}));
        List<Feature> out = new ArrayList<>();
        for (RoadSpec r : specs) {
            Coordinate[] cs = new Coordinate[r.lonLat().length / 2];
            for (int i = 0; i < cs.length; i++) {
                cs[i] = new Coordinate(r.lonLat()[2 * i], r.lonLat()[2 * i + 1]);
            }
            Geometry clipped = f.createLineString(cs).intersection(wardPolygon);
            if (clipped.isEmpty() || clipped.getDimension() != 1) {
                continue;
            }
            out.add(new Feature(r.id(), GeometryChecks.toMultiLineString(reduce(clipped).norm()),
                    props("name", r.name(), "kind", r.kind(), "source", SYNTHETIC)));
        }
        return out;
    }

    // ---------------------------------------------------------------- cameras

    private record Site(Point at, double bearingDeg, boolean crossing) {
    }

    private List<Feature> cameras(List<Feature> roads) {
        List<Site> crossings = new ArrayList<>();
        for (int i = 0; i < roads.size(); i++) {
            for (int j = i + 1; j < roads.size(); j++) {
                Geometry x = roads.get(i).geometry().intersection(roads.get(j).geometry());
                for (Coordinate c : x.getCoordinates()) {
                    crossings.add(new Site(f.createPoint(c), bearingAlong(roads.get(i).geometry(), c), true));
                    crossings.add(new Site(f.createPoint(c), bearingAlong(roads.get(j).geometry(), c), true));
                }
            }
        }
        List<Site> sites = new ArrayList<>();
        for (Site c : crossings) {
            Point moved = offset(c.at(), c.bearingDeg(), 8);
            if (wardPolygon.covers(moved)) {
                sites.add(new Site(moved, c.bearingDeg(), true));
            }
        }
        int wanted = DemoPlan.CAMERAS - sites.size();
        List<Site> along = new ArrayList<>();
        for (double spacing = 200; along.size() < wanted; spacing *= 0.9) {
            along.clear();
            for (Feature road : roads) {
                along.addAll(alongRoad(road.geometry(), spacing, crossings));
            }
        }
        double step = (double) along.size() / wanted;
        for (int k = 0; k < wanted; k++) {
            sites.add(along.get((int) Math.floor(k * step)));
        }
        List<Feature> out = new ArrayList<>();
        int[] owners = shuffledCodes(new String[]{"household", "business", "police"}, new int[]{8, 8, 6}, DemoPlan.CAMERAS);
        int[] statuses = shuffledCodes(new String[]{"inactive", "maintenance"}, new int[]{5, 3}, DemoPlan.CAMERAS);
        String[] ownerCodes = {"community", "household", "business", "police"};
        String[] statusCodes = {"active", "inactive", "maintenance"};
        LocalDate firstInstall = LocalDate.of(2021, 3, 1);
        for (int i = 0; i < sites.size(); i++) {
            Site site = sites.get(i);
            String kind;
            double fov;
            double range;
            double roll = rnd.nextDouble();
            if (site.crossing() && roll < 0.2) {
                kind = "ptz";
                fov = 60;
                range = 80 + 5 * rnd.nextInt(5);
            } else if (roll < 0.3) {
                kind = "dome";
                fov = 360;
                range = 20 + 5 * rnd.nextInt(3);
            } else {
                kind = "fixed";
                fov = 70 + 10 * rnd.nextInt(4);
                range = 35 + 5 * rnd.nextInt(6);
            }
            double bearing = ((site.bearingDeg() + (rnd.nextBoolean() ? 0 : 180) + rnd.nextGaussian() * 5) % 360 + 360) % 360;
            LocalDate installed = firstInstall.plusDays(rnd.nextInt(850));
            String owner = ownerCodes[owners[i]];
            String status = statusCodes[statuses[i]];
            String funding = switch (owner) {
                case "household" -> "household";
                case "business" -> "business";
                case "police" -> "state_budget";
                default -> "community_fund";
            };
            LocalDate lastSeen = "active".equals(status) ? LocalDate.of(2023, 10, 31).minusDays(rnd.nextInt(5))
                    : LocalDate.of(2023, 1, 1).plusDays(rnd.nextInt(240));
            out.add(new Feature(String.format(Locale.ROOT, "cam-%03d", i + 1), snap(site.at()), props(
                    "name", String.format(Locale.ROOT, "Camera %03d%s", i + 1, site.crossing() ? " (ngã tư)" : ""),
                    "bearing_deg", round(bearing, 1), "fov_deg", fov, "range_m", range, "kind", kind,
                    "owner", owner, "status", status, "installed_on", installed, "funding", funding,
                    "footage_sharing", !"household".equals(owner) || rnd.nextBoolean(), "last_seen_on", lastSeen,
                    "resolution_px", rnd.nextBoolean() ? 1920 : 2560)));
        }
        return out;
    }

    private List<Site> alongRoad(Geometry road, double spacingM, List<Site> crossings) {
        List<Site> out = new ArrayList<>();
        for (int p = 0; p < road.getNumGeometries(); p++) {
            LineString line = (LineString) road.getGeometryN(p);
            LineString m = (LineString) utm.toMeters(line);
            double length = m.getLength();
            for (double d = spacingM / 2; d < length; d += spacingM) {
                Coordinate c = new org.locationtech.jts.linearref.LengthIndexedLine(m).extractPoint(d);
                Point at = (Point) utm.toLonLat(f.createPoint(c));
                boolean nearCrossing = crossings.stream().anyMatch(x -> utm.distanceM(x.at(), at) < 40);
                if (!nearCrossing && wardPolygon.covers(at)) {
                    out.add(new Site(at, bearingAlong(road, at.getCoordinate()), false));
                }
            }
        }
        return out;
    }

    /** The azimuth (degrees clockwise from north) of the road segment nearest to {@code c}. */
    private double bearingAlong(Geometry road, Coordinate c) {
        Coordinate[] cs = road.getCoordinates();
        double best = Double.MAX_VALUE;
        double bearing = 0;
        for (int i = 0; i + 1 < cs.length; i++) {
            LineString seg = f.createLineString(new Coordinate[]{cs[i], cs[i + 1]});
            double d = seg.distance(f.createPoint(c));
            if (d < best) {
                best = d;
                Coordinate a = ((Point) utm.toMeters(f.createPoint(cs[i]))).getCoordinate();
                Coordinate b = ((Point) utm.toMeters(f.createPoint(cs[i + 1]))).getCoordinate();
                bearing = (Math.toDegrees(Math.atan2(b.x - a.x, b.y - a.y)) + 360) % 360;
            }
        }
        return bearing;
    }

    private Point offset(Point p, double bearingDeg, double distanceM) {
        Point m = (Point) utm.toMeters(p);
        double a = Math.toRadians(bearingDeg);
        return (Point) utm.toLonLat(f.createPoint(new Coordinate(m.getX() + distanceM * Math.sin(a), m.getY() + distanceM * Math.cos(a))));
    }

    // ---------------------------------------------------------------- incidents

    private record Kind(String category, String severity, String[] descriptions) {
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
        double r = rnd.nextDouble();
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
    private List<Feature> incidents(List<Feature> areas, List<Feature> roads) {
        Geometry main = roads.stream().filter(r -> r.id().equals("road-main")).findFirst().orElseThrow().geometry();
        Geometry cross = roads.stream().filter(r -> r.id().equals("road-cross-5")).findFirst().orElseThrow().geometry();
        Geometry market = utm.bufferM(main.intersection(cross).getCentroid(), 300);
        java.util.Random placing = new java.util.Random(124);
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
                        LocalDate day = randomDay(window);
                        int hour = rnd.nextDouble() < 0.6 ? 18 + rnd.nextInt(6) : 7 + rnd.nextInt(11);
                        at = OffsetDateTime.of(day, LocalTime.of(hour, 5 * rnd.nextInt(12)), VN);
                    }
                    boolean seriousUnhandled = a == 8 && w == 3 && k == 0;
                    Geometry inner = utm.bufferM(areas.get(a).geometry(), -15);
                    Geometry near = inner.intersection(market);
                    // The uniform draw comes first, as it always did, so every other draw of the demo stays the same.
                    Point uniform = randomPointIn(inner);
                    Point where = near.getArea() > 0 && placing.nextDouble() < 0.8 ? randomPointIn(near, placing) : uniform;
                    out.add(new Feature(null, snap(where), props(
                            "occurred_at", at, "category", kind.category(), "severity", kind.severity(),
                            "channel", channels[weighted(channelWeights)], "force_majeure", false,
                            // Drawn for every incident, in its old place, so that every other draw stays the same; it
                            // marks prompt handling only on crimes of nghiêm trọng or above, each with a decision record
                            // behind it (exceptionDecisions): a bare flag excepts nothing.
                            "promptly_handled", !seriousUnhandled && rnd.nextDouble() < 0.85
                                    && SERIOUS_CLASSES.contains(String.valueOf(kind.severity())),
                            "description", kind.descriptions()[rnd.nextInt(kind.descriptions().length)],
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

    // ---------------------------------------------------------------- disputes, extractions, teams

    private List<Feature> disputes(List<Feature> areas) {
        String[] topics = {"Hòa giải mâu thuẫn giữa hai hộ gia đình về lối đi chung",
                "Hòa giải tranh chấp ranh giới đất ở", "Hòa giải mâu thuẫn trong gia đình",
                "Hòa giải tranh chấp về tiếng ồn kinh doanh", "Hòa giải mâu thuẫn về vệ sinh môi trường"};
        List<Feature> out = new ArrayList<>();
        for (int w = 0; w < DemoPlan.WINDOWS.size(); w++) {
            for (int k = 0; k < DemoPlan.DISPUTES[w]; k++) {
                LocalDate day = randomDay(DemoPlan.WINDOWS.get(w));
                String outcome = (w == 4 && k == 0) ? "ongoing" : (w == 1 && k == 0) ? "unsuccessful" : "successful";
                out.add(new Feature(null, null, props("mediated_on", day,
                        "area_id", areas.get(rnd.nextInt(areas.size())).id(), "outcome", outcome,
                        "description", topics[rnd.nextInt(topics.length)])));
            }
        }
        return numberByDay(out, "mediated_on", "hg");
    }

    private List<Feature> extractions(List<Feature> cameras, List<Feature> incidents) {
        String[] purposes = {"Xác minh vụ tai nạn giao thông", "Tìm tài sản thất lạc của du khách",
                "Truy xét đối tượng trộm cắp", "Xác minh phản ánh của người dân", "Phục vụ điều tra vụ việc"};
        List<Feature> out = new ArrayList<>();
        for (int w = 0; w < DemoPlan.WINDOWS.size(); w++) {
            DemoPlan.Window window = DemoPlan.WINDOWS.get(w);
            List<Feature> inWindow = incidents.stream().filter(i -> within(window,
                    ((OffsetDateTime) i.get("occurred_at")).atZoneSameInstant(VN).toLocalDate())).toList();
            int linked = w == 4 ? inWindow.size() : Math.min(inWindow.size(), DemoPlan.EXTRACTIONS[w] / 2);
            for (int k = 0; k < DemoPlan.EXTRACTIONS[w]; k++) {
                Feature incident = k < linked ? inWindow.get(k) : null;
                LocalDate day;
                Feature camera;
                if (incident != null) {
                    LocalDate happened = ((OffsetDateTime) incident.get("occurred_at")).atZoneSameInstant(VN).toLocalDate();
                    day = happened.plusDays(rnd.nextInt(3));
                    day = day.isAfter(window.last()) ? window.last() : day;
                    camera = nearestCamera(cameras, (Point) incident.geometry(), day);
                } else {
                    day = randomDay(window);
                    LocalDate d = day;
                    List<Feature> installed = cameras.stream()
                            .filter(c -> !((LocalDate) c.get("installed_on")).isAfter(d)).toList();
                    camera = installed.get(rnd.nextInt(installed.size()));
                }
                out.add(new Feature(null, null, props("camera_id", camera.id(), "extracted_on", day,
                        "incident_id", incident == null ? null : incident.id(),
                        "purpose", incident == null ? purposes[rnd.nextInt(purposes.length)] : "Phục vụ điều tra vụ việc")));
            }
        }
        return numberByDay(out, "extracted_on", "tx");
    }

    /** A yearly inspection of every camera, and the failed repair attempts of the ones out of service. */
    private List<Feature> maintenance(List<Feature> cameras) {
        List<Feature> out = new ArrayList<>();
        for (Feature c : cameras) {
            LocalDate inspected = LocalDate.of(2023, 3, 1).plusDays(rnd.nextInt(60));
            String broken = (String) c.get("status");
            out.add(new Feature("bt-" + c.id() + "-" + inspected, null, props("camera_id", c.id(), "done_on", inspected,
                    "action", "inspection", "cost_vnd", 0, "note", "active".equals(broken) ? "Hoạt động bình thường"
                            : "Hỏng nguồn / mất tín hiệu, chưa có kinh phí sửa chữa")));
            if (!"active".equals(broken)) {
                LocalDate tried = inspected.plusDays(10 + rnd.nextInt(30));
                out.add(new Feature("sc-" + c.id() + "-" + tried, null, props("camera_id", c.id(), "done_on", tried,
                        "action", "repair", "cost_vnd", 1_500_000 + 500_000 * rnd.nextInt(4),
                        "note", "Sửa tạm, hỏng lại; cần thay thiết bị")));
            }
        }
        return out;
    }

    private List<Feature> socialRecords(List<Feature> areas) {
        List<Feature> out = new ArrayList<>();
        for (Object[] r : DemoPlan.SOCIAL_RECORDS) {
            Feature area = areas.get((Integer) r[0]);
            LocalDate day = randomDay(DemoPlan.WINDOWS.get((Integer) r[1]));
            out.add(new Feature(String.format(Locale.ROOT, "tdxh-%s-%s", area.id(), day), null, props(
                    "area_id", area.id(), "kind", r[2], "recorded_on", day, "record_count", 1,
                    "description", "Phát sinh 01 người sử dụng trái phép chất ma túy (số liệu tổng hợp, không có thông tin cá nhân)")));
        }
        return out;
    }

    /** The areas' household figures as a population-database export dated 30/06 of the scoring year would give them. */
    /** Penal Code classes K4b counts. */
    private static final java.util.Set<String> SERIOUS_CLASSES = java.util.Set.of("nghiem_trong", "rat_nghiem_trong",
            "dac_biet_nghiem_trong");

    /**
     * A decision of the ward People's Committee behind every serious crime the demo marks as detected promptly, harm
     * limited and reported at once (K4b's exception), a month after it happened.
     */
    private List<Feature> exceptionDecisions(List<Feature> incidents) {
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

    /**
     * Agencies, enterprises and schools of the ward for X4 (synthetic names and places), each registered for the
     * scoring year; their recognition results are recorded, one school's still pending.
     */
    private List<Feature> organisations(List<Feature> areas) {
        java.util.Random r = new java.util.Random(DemoPlan.SEED + 5);
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
            out.add(new Feature(String.format(Locale.ROOT, "tc-%02d-%d", i + 1, year), snap(randomPointIn(
                    utm.bufferM(area.geometry(), -20), r)), props("name", plan[i][0], "kind", plan[i][1],
                    "assessment_year", year, "registered", true, "registered_on", LocalDate.of(year, 3, 10 + i),
                    "registration_ref", "Bản đăng ký phấn đấu số " + (i + 1) + "/" + year + " (minh họa)",
                    "recognised", recognised, "recognition_ref", recognised == null ? null
                            : "QĐ công nhận số " + (40 + i) + "/" + year + "/QĐ-UBND (minh họa)",
                    "recognition_decided_on", recognised == null ? null : LocalDate.of(year, 11, 18), "source", SYNTHETIC)));
        }
        return out;
    }

    private List<Feature> householdCounts(List<Feature> areas) {
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
    private List<Feature> attestations(List<Feature> areas) {
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
        for (String check : List.of("X1", "X2.K2", "X2.K4c.management", "X3", "register_complete")) {
            out.add(attestation("ward", ward.id(), check, check.equals("X1") ? q1 : yearEnd, by, "Hồ sơ phường (minh họa)"));
        }
        OffsetDateTime wardYearEnd = OffsetDateTime.of(year - 1, 11, 14, 15, 0, 0, 0, VN);
        out.add(attestation("ward", ward.id(), "register_complete", wardYearEnd, year - 1, by, "Hồ sơ phường (minh họa)"));
        return out;
    }

    private Feature attestation(String kind, String subject, String check, OffsetDateTime at, String by, String document) {
        return attestation(kind, subject, check, at, DemoPlan.SCORING_YEAR, by, document);
    }

    private Feature attestation(String kind, String subject, String check, OffsetDateTime at, int periodYear, String by,
                                String document) {
        return new Feature(String.format(Locale.ROOT, "xn-%s-%s-%d", subject, check.replace('.', '-').replace('_', '-')
                .toLowerCase(Locale.ROOT), periodYear), null, props("subject_kind", kind, "subject_id", subject, "check_id", check,
                "period_year", periodYear, "attested", true, "attested_by", by, "attested_at", at,
                "note", SYNTHETIC, "document_ref", document));
    }

    private Feature nearestCamera(List<Feature> cameras, Point p, LocalDate day) {
        return cameras.stream().filter(c -> !((LocalDate) c.get("installed_on")).isAfter(day))
                .min(Comparator.comparingDouble(c -> c.geometry().distance(p))).orElseThrow();
    }

    private List<Feature> teams(List<Feature> areas) {
        List<Feature> out = new ArrayList<>();
        String[] ratings = {"completed_excellently", "completed_well", "completed"};
        int[] socialTeams = new int[areas.size()];
        Arrays.fill(socialTeams, 9);
        socialTeams[0] = 10;
        socialTeams[1] = 10;
        int totalSocial = IntStream.of(socialTeams).sum();
        int[] socialMembers = split(DemoPlan.SOCIAL_SECURITY_MEMBERS, totalSocial);
        int[] eidMembers = split(DemoPlan.EID_MEMBERS, DemoPlan.EID_TEAMS);
        int social = 0;
        for (int a = 0; a < areas.size(); a++) {
            Feature area = areas.get(a);
            String rating = a == 6 ? "not_completed" : ratings[rnd.nextInt(ratings.length)];
            out.add(team("bvdp-" + area.id(), area, "street_guard", "Tổ bảo vệ dân phố " + area.get("name"),
                    a == 12 ? 1 : 2, rating, a == 11 ? 1 : 0));
            for (int t = 0; t < socialTeams[a]; t++) {
                out.add(team(String.format(Locale.ROOT, "anxh-%s-%02d", area.id(), t + 1), area, "social_security",
                        "Tổ an ninh xã hội số " + (t + 1), socialMembers[social++], ratings[rnd.nextInt(ratings.length)], 0));
            }
            out.add(team("cnso-" + area.id(), area, "eid_support", "Tổ hướng dẫn định danh điện tử",
                    eidMembers[a], "completed_well", 0));
        }
        return out;
    }

    private Feature team(String id, Feature area, String kind, String name, int members, String rating, int disciplined) {
        return new Feature(id, null, props("area_id", area.id(), "kind", kind, "name", name, "member_count", members,
                "rating_year", DemoPlan.TEAM_YEAR, "rating", rating, "disciplined_members", disciplined));
    }

    /** {@code total} split into {@code parts} whole numbers differing by at most one, the larger ones shuffled. */
    private int[] split(int total, int parts) {
        int[] out = new int[parts];
        List<Integer> order = new ArrayList<>(IntStream.range(0, parts).boxed().toList());
        Collections.shuffle(order, rnd);
        for (int i = 0; i < parts; i++) {
            out[order.get(i)] = total / parts + (i < total % parts ? 1 : 0);
        }
        return out;
    }

    // ---------------------------------------------------------------- helpers

    private List<Feature> numberByDay(List<Feature> records, String dayField, String prefix) {
        List<Feature> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparing(r -> (LocalDate) r.get(dayField)));
        List<Feature> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            LocalDate d = (LocalDate) sorted.get(i).get(dayField);
            out.add(new Feature(String.format(Locale.ROOT, "%s-%d-%03d", prefix, d.getYear(), i + 1), null,
                    sorted.get(i).properties()));
        }
        return out;
    }

    /** Indices into {@code codes}+1 (0 = the common case) for {@code n} items, {@code counts[i]} of code i, shuffled. */
    private int[] shuffledCodes(String[] codes, int[] counts, int n) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < codes.length; i++) {
            for (int k = 0; k < counts[i]; k++) {
                all.add(i + 1);
            }
        }
        while (all.size() < n) {
            all.add(0);
        }
        Collections.shuffle(all, rnd);
        return all.stream().mapToInt(Integer::intValue).toArray();
    }

    private int weighted(double[] weights) {
        double r = rnd.nextDouble();
        double acc = 0;
        for (int i = 0; i < weights.length; i++) {
            acc += weights[i];
            if (r < acc) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private LocalDate randomDay(DemoPlan.Window w) {
        long days = ChronoUnit.DAYS.between(w.first(), w.last());
        return w.first().plusDays(rnd.nextInt((int) days + 1));
    }

    private static boolean within(DemoPlan.Window w, LocalDate d) {
        return !d.isBefore(w.first()) && !d.isAfter(w.last());
    }

    private Point randomPointIn(Geometry g) {
        return randomPointIn(g, rnd);
    }

    private Point randomPointIn(Geometry g, java.util.Random rnd) {
        Envelope e = g.getEnvelopeInternal();
        while (true) {
            Point p = f.createPoint(new Coordinate(e.getMinX() + rnd.nextDouble() * e.getWidth(),
                    e.getMinY() + rnd.nextDouble() * e.getHeight()));
            if (g.contains(p)) {
                return p;
            }
        }
    }

    /** A point rounded to 7 decimals (about 1 cm), as files keep it. */
    private Point snap(Point p) {
        return f.createPoint(new Coordinate(round(p.getX(), 7), round(p.getY(), 7)));
    }

    private Geometry reduce(Geometry g) {
        return org.locationtech.jts.precision.GeometryPrecisionReducer.reduce(g, new org.locationtech.jts.geom.PrecisionModel(1e7));
    }

    private static double round(double v, int decimals) {
        double s = Math.pow(10, decimals);
        return Math.round(v * s) / s;
    }

    private static Map<String, Object> props(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
