package vn.anttmap.service;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.linearref.LengthIndexedLine;
import vn.anttmap.geo.GeometryChecks;
import vn.anttmap.geo.MetricProjection;
import vn.anttmap.model.Feature;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.Layer;
import vn.anttmap.siting.CoverageModel;
import vn.anttmap.siting.ExactSolver;
import vn.anttmap.siting.LazyGreedy;
import vn.anttmap.siting.LocalSearch;
import vn.anttmap.siting.LpBound;
import vn.anttmap.siting.Selection;
import vn.anttmap.siting.SitingInstance;
import vn.anttmap.siting.ViewshedBuilder;
import vn.anttmap.store.FeatureStore;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * Proposes camera sites for a ward: maximal covering of weighted demand (incidents weighted by recency and severity,
 * road length, population) that working cameras do not already cover. Working cameras stay; with a budget, broken
 * cameras are candidates too, at the cost of a repair. Small instances are solved exactly (OR-Tools CP-SAT), large
 * ones by lazy greedy improved by 1-exchange local search; a plan not proved optimal carries the smaller of the
 * greedy's upper bound and the LP relaxation's (GLOP). The same request always gives the same answer.
 */
public final class PlanService {
    /** Instances up to this many options × demand points are solved exactly when the method is {@code auto}. */
    static final long EXACT_LIMIT = 4_000_000;
    /**
     * A plan that is not proved optimal gets the LP relaxation's bound (GLOP) when its options × demand points are at
     * most this, within {@link #LP_SECONDS}; it replaces the greedy's own bound when smaller. The proposals never
     * depend on it (only the bound could, were GLOP to stop at its time limit). A ward is about 3 million; the whole
     * province (10¹¹) is left to the greedy's bound, whose gap there is already 0.01 %, as GLOP takes 3 s more.
     */
    static final long LP_LIMIT = 50_000_000;
    static final double LP_SECONDS = 10;
    static final double ROAD_SAMPLE_M = 10;
    static final double POPULATION_GRID_M = 50;

    private final FeatureStore store;
    private final CoverageService coverage;

    public PlanService(FeatureStore store, CoverageService coverage) {
        this.store = store;
        this.coverage = coverage;
    }

    /**
     * What to plan. Unset values take the defaults in brackets.
     *
     * @param count           new cameras to place (unless a budget is given) [10]
     * @param budget          instead of a count: money to spend, in VND
     * @param costPerSite     cost of a new camera site [15,000,000]
     * @param costPerRepair   cost of repairing a broken camera [3,000,000]
     * @param candidates      {@code crossings}, {@code along-roads} or {@code points} [crossings and along-roads]
     * @param spacingM        spacing of along-road candidates, metres [50]
     * @param points          candidate points {lon, lat} when {@code candidates} is {@code points}
     * @param fovDeg          the new cameras' field of view [90]
     * @param rangeM          their range, metres [50]
     * @param incidentWeight  weight of one recent incident [10]; halves per year of age, ×2–4 by severity
     * @param roadWeight      weight of one kilometre of road [1]
     * @param populationWeight weight of 1,000 residents [1]
     * @param method          {@code auto}, {@code greedy} or {@code exact} [auto]
     * @param to              incidents up to this day [the last incident's day]; from a year before
     */
    public record Request(String ward, Integer count, Double budget, Double costPerSite, Double costPerRepair,
                          String candidates, Double spacingM, List<double[]> points, Double fovDeg, Double rangeM,
                          Double incidentWeight, Double roadWeight, Double populationWeight, String method, LocalDate to) {
    }

    /** A proposed camera: a new site, or a repair of a broken camera. */
    public record Proposal(int rank, String kind, String siteId, double lon, double lat, double bearingDeg,
                           double fovDeg, double rangeM, double gain, double cost, Geometry sector) {
        /** Its properties, as the API, the CLI's GeoJSON file and the OGC collection show them. */
        public java.util.Map<String, Object> properties() {
            java.util.Map<String, Object> props = new java.util.LinkedHashMap<>();
            props.put("rank", rank);
            props.put("kind", kind);
            props.put("site_id", siteId);
            props.put("bearing_deg", bearingDeg);
            props.put("fov_deg", fovDeg);
            props.put("range_m", rangeM);
            props.put("gain", gain);
            props.put("cost", cost);
            return props;
        }

        public Point point() {
            return GeometryChecks.WGS84.createPoint(new Coordinate(lon, lat));
        }
    }

    /**
     * @param coveredBefore demand the working cameras already cover
     * @param coveredAfter  with the proposals added
     * @param upperBound    no choice of sites within the same count or budget could reach more than this
     * @param gap           (upperBound − coveredAfter) / upperBound
     */
    public record Result(String ward, String method, boolean optimal, int demandPoints, int candidateSites, int options,
                         double totalDemand, double coveredBefore, double coveredAfter, double upperBound, double gap,
                         double spent, List<Proposal> proposals) {
    }

    private record Candidate(String id, String kind, Coordinate atM, List<Double> bearings, double fovDeg,
                             double rangeM, double cost) {
    }

    /**
     * The wards a plan covers: one ward's id, several ids separated by commas, or {@code *} for every ward (a
     * province-wide plan: candidates and demand of all of them in one instance).
     */
    List<Feature> wardsOf(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("ward: required, a ward's id, several separated by commas, or *");
        }
        if (spec.trim().equals("*")) {
            List<Feature> all = store.query(Layer.WARDS, FeatureQuery.ALL.withAt(LocalDate.now()));
            if (all.isEmpty()) {
                throw new NoSuchElementException("there are no wards");
            }
            return all;
        }
        java.util.Map<String, Feature> out = new java.util.LinkedHashMap<>();
        for (String id : spec.split(",")) {
            out.computeIfAbsent(id.trim(), k -> store.get(Layer.WARDS, k)
                    .orElseThrow(() -> new NoSuchElementException("không có phường, xã mã '" + k + "' / no ward has id '" + k + "'")));
        }
        return new ArrayList<>(out.values());
    }

    /** The records of a layer assigned to any of the wards; for every ward ({@code *}), one query. */
    private List<Feature> inWards(Layer layer, List<Feature> wards, boolean every, FeatureQuery q) {
        if (every) {
            return store.query(layer, q);
        }
        List<Feature> out = new ArrayList<>();
        for (Feature w : wards) {
            out.addAll(store.query(layer, q.withWard(w.id())));
        }
        return out;
    }

    public Result plan(Request r) {
        List<Feature> wards = wardsOf(r.ward());
        boolean every = r.ward().trim().equals("*");
        Feature ward = wards.size() == 1 ? wards.get(0) : new Feature("region", vn.anttmap.geo.Overlays.union(
                wards.stream().map(Feature::geometry).toList(), GeometryChecks.WGS84), java.util.Map.of());
        int count = r.count() == null ? 10 : r.count();
        if (r.budget() == null && (count < 1 || count > 1000)) {
            throw new IllegalArgumentException("count must be 1–1000, got " + count);
        }
        double fov = r.fovDeg() == null ? 90 : r.fovDeg();
        double range = r.rangeM() == null ? 50 : r.rangeM();
        if (!(fov > 0 && fov <= 360) || !(range > 0 && range <= 1000)) {
            throw new IllegalArgumentException("camera model: field of view must be in (0, 360] and range in (0, 1000] m");
        }
        MetricProjection utm = MetricProjection.forGeometry(ward.geometry());
        Geometry wardM = utm.toMeters(ward.geometry());
        List<Geometry> buildings = coverage.buildingsNear(wardM, utm);
        List<LineString> roads = coverage.roadsM(wardM, ward.geometry(), utm);

        List<double[]> demandXy = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        addIncidents(r, wards, every, utm, demandXy, weights);
        double roadWeight = (r.roadWeight() == null ? 1 : r.roadWeight()) * ROAD_SAMPLE_M / 1000;
        for (LineString road : roads) {
            LengthIndexedLine line = new LengthIndexedLine(road);
            for (double d = ROAD_SAMPLE_M / 2; d < road.getLength(); d += ROAD_SAMPLE_M) {
                Coordinate c = line.extractPoint(d);
                demandXy.add(new double[]{c.x, c.y});
                weights.add(roadWeight);
            }
        }
        addPopulation(r, wards, every, utm, demandXy, weights);
        CoverageModel model = new CoverageModel(demandXy.toArray(double[][]::new), buildings);
        double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
        double total = 0;
        for (double x : w) {
            total += x;
        }

        boolean[] baseline = new boolean[w.length];
        List<Feature> cameras = inWards(Layer.CAMERAS, wards, every, FeatureQuery.ALL);
        for (Feature c : cameras) {
            if (CoverageService.working(c)) {
                Point p = (Point) utm.toMeters(c.geometry());
                for (int d : model.covered(p.getX(), p.getY(), num(c, "bearing_deg"), num(c, "fov_deg"), num(c, "range_m"))) {
                    baseline[d] = true;
                }
            }
        }
        double before = 0;
        double[] remaining = w.clone();
        for (int d = 0; d < w.length; d++) {
            if (baseline[d]) {
                before += w[d];
                remaining[d] = 0;
            }
        }

        List<Candidate> candidates = candidates(r, utm, wardM, roads, fov, range);
        if (r.budget() != null) {
            double repair = r.costPerRepair() == null ? 3_000_000 : r.costPerRepair();
            for (Feature c : cameras) {
                if (!CoverageService.working(c)) {
                    Point p = (Point) utm.toMeters(c.geometry());
                    candidates.add(new Candidate(c.id(), "repair", p.getCoordinate(), List.of(num(c, "bearing_deg")),
                            num(c, "fov_deg"), num(c, "range_m"), repair));
                }
            }
        }
        List<SitingInstance.Option> options = new ArrayList<>();
        for (int s = 0; s < candidates.size(); s++) {
            Candidate c = candidates.get(s);
            for (double b : c.bearings()) {
                int[] covered = model.covered(c.atM().x, c.atM().y, b, c.fovDeg(), c.rangeM());
                options.add(new SitingInstance.Option(s, c.id(), b, covered, c.cost()));
            }
        }
        SitingInstance instance = new SitingInstance(remaining, options, candidates.size());
        String method = r.method() == null ? "auto" : r.method().toLowerCase(Locale.ROOT);
        long size = (long) options.size() * Math.max(1, w.length);
        boolean exact = switch (method) {
            case "exact" -> true;
            case "greedy" -> false;
            case "auto" -> size <= EXACT_LIMIT && ExactSolver.available();
            default -> throw new IllegalArgumentException("method must be auto, greedy or exact, got '" + r.method() + "'");
        };
        Selection solved;
        if (r.budget() != null) {
            solved = exact ? ExactSolver.byBudget(instance, r.budget(), 30)
                    : LocalSearch.byBudget(instance, LazyGreedy.byBudget(instance, r.budget()), r.budget());
        } else {
            solved = exact ? ExactSolver.byCount(instance, count, 30)
                    : LocalSearch.byCount(instance, LazyGreedy.byCount(instance, count), count);
        }
        if (!solved.optimal() && size <= LP_LIMIT && ExactSolver.available()) {
            solved = solved.withBound(r.budget() != null ? LpBound.byBudget(instance, r.budget(), LP_SECONDS)
                    : LpBound.byCount(instance, count, LP_SECONDS), "LP bound (GLOP)");
        }
        Selection sel = solved;

        List<Proposal> proposals = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < sel.chosen().size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Double.compare(sel.gains().get(b), sel.gains().get(a)));
        double spent = 0;
        int rank = 1;
        for (int i : order) {
            SitingInstance.Option o = options.get(sel.chosen().get(i));
            Candidate c = candidates.get(o.site());
            Point at = (Point) utm.toLonLat(GeometryChecks.WGS84.createPoint(c.atM()));
            Geometry sector = utm.toLonLat(ViewshedBuilder.viewshed(c.atM().x, c.atM().y, o.bearingDeg(), c.fovDeg(),
                    c.rangeM(), buildings, buildings.isEmpty() ? 360.0 / 64 : CoverageService.RAY_STEP_DEG));
            spent += c.cost();
            proposals.add(new Proposal(rank++, c.kind(), c.id(), CoverageService.round(at.getX(), 7),
                    CoverageService.round(at.getY(), 7), CoverageService.round(o.bearingDeg(), 1), c.fovDeg(), c.rangeM(),
                    CoverageService.round(sel.gains().get(i), 4), c.cost(), GeometryChecks.orientRfc7946(sector)));
        }
        double after = before + sel.value();
        double bound = before + sel.upperBound();
        return new Result(r.ward(), sel.method(), sel.optimal(), w.length, candidates.size(), options.size(),
                CoverageService.round(total, 4), CoverageService.round(before, 4), CoverageService.round(after, 4),
                CoverageService.round(bound, 4), bound <= 0 ? 0 : CoverageService.round((bound - after) / bound, 4), spent,
                proposals);
    }

    private void addIncidents(Request r, List<Feature> wards, boolean every, MetricProjection utm, List<double[]> xy, List<Double> weights) {
        // With a last day given, only that year's incidents are read.
        List<Feature> all = inWards(Layer.INCIDENTS, wards, every, r.to() == null ? FeatureQuery.ALL
                : FeatureQuery.ALL.withDays(r.to().minusYears(1).plusDays(1), r.to()));
        LocalDate to = r.to() != null ? r.to() : all.stream().map(i -> (LocalDate) i.get("occurred_on"))
                .max(LocalDate::compareTo).orElse(LocalDate.now());
        LocalDate from = to.minusYears(1).plusDays(1);
        double base = r.incidentWeight() == null ? 10 : r.incidentWeight();
        for (Feature i : all) {
            LocalDate day = (LocalDate) i.get("occurred_on");
            if (day.isBefore(from) || day.isAfter(to)) {
                continue;
            }
            double age = ChronoUnit.DAYS.between(day, to) / 365.0;
            double severity = switch (String.valueOf(i.get("severity"))) {
                case "nghiem_trong" -> 2;
                case "rat_nghiem_trong" -> 3;
                case "dac_biet_nghiem_trong" -> 4;
                default -> 1;
            };
            Point p = (Point) utm.toMeters(i.geometry());
            xy.add(new double[]{p.getX(), p.getY()});
            weights.add(base * Math.pow(0.5, age) * severity);
        }
    }

    private void addPopulation(Request r, List<Feature> wards, boolean every, MetricProjection utm, List<double[]> xy, List<Double> weights) {
        double perThousand = r.populationWeight() == null ? 1 : r.populationWeight();
        for (Feature a : inWards(Layer.AREAS, wards, every, FeatureQuery.ALL)) {
            Object pop = a.get("population");
            if (pop == null) {
                continue;
            }
            Geometry m = utm.toMeters(a.geometry());
            PreparedGeometry inside = PreparedGeometryFactory.prepare(m);
            Envelope e = m.getEnvelopeInternal();
            List<double[]> cells = new ArrayList<>();
            for (double x = Math.floor(e.getMinX() / POPULATION_GRID_M) * POPULATION_GRID_M + POPULATION_GRID_M / 2;
                 x < e.getMaxX(); x += POPULATION_GRID_M) {
                for (double y = Math.floor(e.getMinY() / POPULATION_GRID_M) * POPULATION_GRID_M + POPULATION_GRID_M / 2;
                     y < e.getMaxY(); y += POPULATION_GRID_M) {
                    if (inside.covers(GeometryChecks.WGS84.createPoint(new Coordinate(x, y)))) {
                        cells.add(new double[]{x, y});
                    }
                }
            }
            for (double[] c : cells) {
                xy.add(c);
                weights.add(perThousand * ((Number) pop).doubleValue() / 1000 / cells.size());
            }
        }
    }

    private List<Candidate> candidates(Request r, MetricProjection utm, Geometry wardM, List<LineString> roads,
                                       double fov, double range) {
        String kind = r.candidates() == null ? "crossings,along-roads" : r.candidates().toLowerCase(Locale.ROOT);
        double cost = r.costPerSite() == null ? 15_000_000 : r.costPerSite();
        List<Candidate> out = new ArrayList<>();
        boolean known = false;
        if (kind.contains("crossings")) {
            known = true;
            for (int i = 0; i < roads.size(); i++) {
                for (int j = i + 1; j < roads.size(); j++) {
                    // Only roads whose boxes meet can cross (pairwise intersections took 12 s for a province).
                    if (!roads.get(i).getEnvelopeInternal().intersects(roads.get(j).getEnvelopeInternal())) {
                        continue;
                    }
                    for (Coordinate c : roads.get(i).intersection(roads.get(j)).getCoordinates()) {
                        List<Double> b = new ArrayList<>();
                        for (double a : List.of(azimuth(roads.get(i), c), azimuth(roads.get(j), c))) {
                            b.add(a);
                            b.add((a + 180) % 360);
                        }
                        out.add(new Candidate(String.format(Locale.ROOT, "crossing-%d-%d-%d", i, j, out.size()), "new",
                                c, fov >= 360 ? List.of(0.0) : b, fov, range, cost));
                    }
                }
            }
        }
        if (kind.contains("along-roads")) {
            known = true;
            double spacing = r.spacingM() == null ? 50 : r.spacingM();
            if (spacing < 5) {
                throw new IllegalArgumentException("spacing must be at least 5 m, got " + spacing);
            }
            for (int i = 0; i < roads.size(); i++) {
                LengthIndexedLine line = new LengthIndexedLine(roads.get(i));
                for (double d = spacing / 2; d < roads.get(i).getLength(); d += spacing) {
                    Coordinate c = line.extractPoint(d);
                    double a = azimuth(roads.get(i), c);
                    out.add(new Candidate(String.format(Locale.ROOT, "road-%d-%.0f", i, d), "new", c,
                            fov >= 360 ? List.of(0.0) : List.of(a, (a + 180) % 360), fov, range, cost));
                }
            }
        }
        if (kind.contains("points")) {
            known = true;
            if (r.points() == null || r.points().isEmpty()) {
                throw new IllegalArgumentException("candidates 'points' needs a list of [lon, lat] points");
            }
            int n = 0;
            for (double[] p : r.points()) {
                Point m = (Point) utm.toMeters(GeometryChecks.WGS84.createPoint(new Coordinate(p[0], p[1])));
                List<Double> bearings = new ArrayList<>();
                for (int b = 0; b < 360 && fov < 360; b += 45) {
                    bearings.add((double) b);
                }
                out.add(new Candidate("point-" + (++n), "new", m.getCoordinate(), fov >= 360 ? List.of(0.0) : bearings,
                        fov, range, cost));
            }
        }
        if (!known) {
            throw new IllegalArgumentException("candidates must be crossings, along-roads or points, got '" + r.candidates() + "'");
        }
        return out;
    }

    /** Azimuth of the road segment nearest to {@code c}, degrees clockwise from north. */
    private static double azimuth(LineString road, Coordinate c) {
        Coordinate[] cs = road.getCoordinates();
        double best = Double.MAX_VALUE;
        double az = 0;
        for (int i = 0; i + 1 < cs.length; i++) {
            double d = org.locationtech.jts.algorithm.Distance.pointToSegment(c, cs[i], cs[i + 1]);
            if (d < best) {
                best = d;
                az = (Math.toDegrees(Math.atan2(cs[i + 1].x - cs[i].x, cs[i + 1].y - cs[i].y)) + 360) % 360;
            }
        }
        return CoverageService.round(az, 1);
    }

    private static double num(Feature f, String field) {
        return ((Number) f.get(field)).doubleValue();
    }
}
