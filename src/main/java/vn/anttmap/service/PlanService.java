package vn.anttmap.service;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import vn.anttmap.geo.GeometryChecks;
import vn.anttmap.geo.MetricProjection;
import vn.anttmap.geo.Overlays;
import vn.anttmap.model.Feature;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.Layer;
import vn.anttmap.siting.CameraModel;
import vn.anttmap.siting.CandidateSite;
import vn.anttmap.siting.CandidateSites;
import vn.anttmap.siting.DemandPoints;
import vn.anttmap.siting.SitePlanner;
import vn.anttmap.siting.ViewshedBuilder;
import vn.anttmap.store.FeatureStore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Proposes camera sites for a ward: maximal covering of weighted demand (incidents weighted by recency and severity,
 * road length, population) that working cameras do not already cover. Working cameras stay; with a budget, broken
 * cameras are candidates too, at the cost of a repair. Small instances are solved exactly (OR-Tools CP-SAT), large
 * ones by lazy greedy improved by 1-exchange local search; a plan not proved optimal carries the smaller of the
 * greedy's upper bound and the LP relaxation's (GLOP). The same request always gives the same answer.
 */
public final class PlanService {
    static final double DEFAULT_COST_PER_SITE = 15_000_000;
    static final double DEFAULT_COST_PER_REPAIR = 3_000_000;
    static final double DEFAULT_INCIDENT_WEIGHT = 10;

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
        Feature ward = wards.size() == 1 ? wards.get(0) : new Feature("region", Overlays.union(
                wards.stream().map(Feature::geometry).toList(), GeometryChecks.WGS84), Map.of());
        SitePlanner.Limit limit = SitePlanner.Limit.of(r.count(), r.budget());
        CameraModel camera = CameraModel.of(r.fovDeg(), r.rangeM());
        MetricProjection utm = MetricProjection.forGeometry(ward.geometry());
        Geometry wardM = utm.toMeters(ward.geometry());
        List<Geometry> buildings = coverage.buildingsNear(wardM, utm);
        List<LineString> roads = coverage.roadsM(wardM, ward.geometry(), utm);

        DemandPoints demand = new DemandPoints();
        addIncidents(r, wards, every, utm, demand);
        demand.addRoads(roads, r.roadWeight() == null ? 1 : r.roadWeight());
        double perThousand = r.populationWeight() == null ? 1 : r.populationWeight();
        for (Feature a : inWards(Layer.AREAS, wards, every, FeatureQuery.ALL)) {
            Object population = a.get("population");
            if (population != null) {
                demand.addPopulation(utm.toMeters(a.geometry()), ((Number) population).doubleValue(), perThousand);
            }
        }

        List<Feature> cameras = inWards(Layer.CAMERAS, wards, every, FeatureQuery.ALL);
        List<SitePlanner.Camera> working = new ArrayList<>();
        for (Feature c : cameras) {
            if (CoverageService.working(c)) {
                Point p = (Point) utm.toMeters(c.geometry());
                working.add(new SitePlanner.Camera(p.getX(), p.getY(), num(c, "bearing_deg"), num(c, "fov_deg"), num(c, "range_m")));
            }
        }
        CandidateSites.Kinds kinds = CandidateSites.Kinds.parse(r.candidates());
        List<Coordinate> pointsM = kinds.points() && r.points() != null ? r.points().stream()
                .map(p -> utm.toMeters(GeometryChecks.WGS84.createPoint(new Coordinate(p[0], p[1]))).getCoordinate())
                .toList() : null;
        List<CandidateSite> candidates = new ArrayList<>(CandidateSites.generate(kinds, roads, r.spacingM(), pointsM,
                camera, r.costPerSite() == null ? DEFAULT_COST_PER_SITE : r.costPerSite()));
        if (limit.byBudget()) {
            double repair = r.costPerRepair() == null ? DEFAULT_COST_PER_REPAIR : r.costPerRepair();
            for (Feature c : cameras) {
                if (!CoverageService.working(c)) {
                    Point p = (Point) utm.toMeters(c.geometry());
                    candidates.add(CandidateSite.repair(c.id(), p.getX(), p.getY(), num(c, "bearing_deg"),
                            num(c, "fov_deg"), num(c, "range_m"), repair));
                }
            }
        }
        SitePlanner.Plan plan = SitePlanner.plan(demand.points(), demand.weights(), buildings, working, candidates,
                limit, r.method());

        List<Proposal> proposals = new ArrayList<>();
        int rank = 1;
        for (SitePlanner.Placement placed : plan.placements()) {
            CandidateSite c = placed.site();
            double bearing = placed.option().bearingDeg();
            Point at = (Point) utm.toLonLat(GeometryChecks.WGS84.createPoint(new Coordinate(c.xM(), c.yM())));
            Geometry sector = utm.toLonLat(ViewshedBuilder.viewshed(c.xM(), c.yM(), bearing, c.fovDeg(), c.rangeM(),
                    buildings, buildings.isEmpty() ? 360.0 / 64 : CoverageService.RAY_STEP_DEG));
            proposals.add(new Proposal(rank++, c.kind(), c.id(), CoverageService.round(at.getX(), 7),
                    CoverageService.round(at.getY(), 7), CoverageService.round(bearing, 1), c.fovDeg(), c.rangeM(),
                    CoverageService.round(placed.gain(), 4), c.cost(), GeometryChecks.orientRfc7946(sector)));
        }
        double after = plan.coveredAfter();
        double bound = plan.upperBound();
        return new Result(r.ward(), plan.selection().method(), plan.selection().optimal(), plan.demandPoints(),
                plan.candidateSites(), plan.options(), CoverageService.round(plan.totalDemand(), 4),
                CoverageService.round(plan.coveredBefore(), 4), CoverageService.round(after, 4),
                CoverageService.round(bound, 4), bound <= 0 ? 0 : CoverageService.round((bound - after) / bound, 4),
                plan.spent(), proposals);
    }

    /** The incidents of the year to the request's last day (or to the latest incident's), weighted. */
    private void addIncidents(Request r, List<Feature> wards, boolean every, MetricProjection utm, DemandPoints demand) {
        // With a last day given, only that year's incidents are read.
        List<Feature> all = inWards(Layer.INCIDENTS, wards, every, r.to() == null ? FeatureQuery.ALL
                : FeatureQuery.ALL.withDays(r.to().minusYears(1).plusDays(1), r.to()));
        LocalDate to = r.to() != null ? r.to() : all.stream().map(i -> (LocalDate) i.get("occurred_on"))
                .max(LocalDate::compareTo).orElse(LocalDate.now());
        DemandPoints.IncidentWeights weights = new DemandPoints.IncidentWeights(to,
                r.incidentWeight() == null ? DEFAULT_INCIDENT_WEIGHT : r.incidentWeight());
        for (Feature i : all) {
            LocalDate day = (LocalDate) i.get("occurred_on");
            if (weights.counts(day)) {
                Point p = (Point) utm.toMeters(i.geometry());
                demand.add(p.getX(), p.getY(), weights.weight(day, String.valueOf(i.get("severity"))));
            }
        }
    }

    private static double num(Feature f, String field) {
        return ((Number) f.get(field)).doubleValue();
    }
}
