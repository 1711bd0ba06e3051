package vn.anttmap.service;

import org.locationtech.jts.algorithm.construct.MaximumInscribedCircle;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import vn.anttmap.geo.Overlays;
import vn.anttmap.geo.GeometryChecks;
import vn.anttmap.geo.MetricProjection;
import vn.anttmap.model.Feature;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.Layer;
import vn.anttmap.siting.ViewshedBuilder;
import vn.anttmap.store.FeatureStore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * What the working cameras see, per ward or residential area, in metres: the share of the area, of the road length
 * and of the period's incidents inside their fields of view (walls of recorded buildings block them), and the
 * largest places no camera sees.
 *
 * <p>{@link #coverage} answers all of it (the coverage endpoint); {@link #shares} only the shares (scorecards, the
 * bench), without the largest uncovered places, which take more than the shares themselves (three maximum inscribed
 * circles and as many overlays): they are computed the first time a report asks for them and kept with the rest.
 */
public final class CoverageService {
    /** Angular step of the rays cast when buildings are present, degrees. */
    static final double RAY_STEP_DEG = 2;
    private final FeatureStore store;
    /** What the cameras see of each subject, kept until a camera, building, road or boundary changes. */
    private final DerivedCache<Subject, Seen> views;
    /** What is around each ward (cameras, buildings, roads), kept as {@link #views} is. */
    private final DerivedCache<String, Around> neighbourhoods;

    public CoverageService(FeatureStore store) {
        this.store = store;
        this.views = new DerivedCache<>("coverage", store, SEEN_FROM, 20_000);
        this.neighbourhoods = new DerivedCache<>("coverage_neighbourhoods", store, SEEN_FROM, 64);
    }

    /** The counts of the views and neighbourhoods kept ({@link DerivedCache#stats}). */
    public List<vn.anttmap.model.CacheStats> cacheStats() {
        return List.of(views.stats(), neighbourhoods.stats());
    }

    /** A largest uncovered place: the centre and radius of the largest circle no working camera sees into. */
    public record Gap(double lon, double lat, double radiusM) {
    }

    /**
     * What the working cameras see of a ward or area, as shares: all of a {@link Report} but the largest uncovered
     * places and the covered geometry. Equal to {@link Report#shares()} of the same ward, area and days.
     */
    public record Shares(String ward, String area, LocalDate from, LocalDate to, int camerasWorking, int camerasTotal,
                         double areaM2, double coveredAreaM2, double areaShare, double roadM, double coveredRoadM,
                         Double roadShare, long incidents, long incidentsCovered, Double incidentShare) {
    }

    /**
     * @param largestGaps the (at most three) largest places no working camera sees, largest first
     * @param coverage the covered part of the ward or area, in lon/lat (for the map)
     */
    public record Report(String ward, String area, LocalDate from, LocalDate to, int camerasWorking, int camerasTotal,
                         double areaM2, double coveredAreaM2, double areaShare, double roadM, double coveredRoadM,
                         Double roadShare, long incidents, long incidentsCovered, Double incidentShare,
                         List<Gap> largestGaps, Geometry coverage) {
        static Report of(Shares s, List<Gap> largestGaps, Geometry coverage) {
            return new Report(s.ward(), s.area(), s.from(), s.to(), s.camerasWorking(), s.camerasTotal(), s.areaM2(),
                    s.coveredAreaM2(), s.areaShare(), s.roadM(), s.coveredRoadM(), s.roadShare(), s.incidents(),
                    s.incidentsCovered(), s.incidentShare(), largestGaps, coverage);
        }

        /** The report's shares, without the gaps and the geometry. */
        public Shares shares() {
            return new Shares(ward, area, from, to, camerasWorking, camerasTotal, areaM2, coveredAreaM2, areaShare, roadM,
                    coveredRoadM, roadShare, incidents, incidentsCovered, incidentShare);
        }
    }

    /**
     * What the cameras working by {@code to} see of the ward (or of its area, {@code areaId} not null), and of the
     * incidents from {@code from} to {@code to}, with the largest places they do not see. Everything but the incidents
     * is kept ({@link DerivedCache}) until a camera, building, road, area or ward changes, in any process; the
     * incidents are read and tested every time.
     *
     * @throws NoSuchElementException for an unknown ward or area
     */
    public Report coverage(String wardId, String areaId, LocalDate from, LocalDate to) {
        Seen seen = kept(wardId, areaId, to);
        return Report.of(shares(seen, wardId, areaId, from, to), seen.gaps(), seen.coverage());
    }

    /**
     * The shares of {@link #coverage} alone (the same numbers): the largest uncovered places and the lon/lat geometry
     * are not computed (a later {@link #coverage} of the same subject computes them, once).
     *
     * @throws NoSuchElementException for an unknown ward or area
     */
    public Shares shares(String wardId, String areaId, LocalDate from, LocalDate to) {
        return shares(kept(wardId, areaId, to), wardId, areaId, from, to);
    }

    /** What the cameras see of the subject, kept or computed now. */
    private Seen kept(String wardId, String areaId, LocalDate to) {
        long stamp = views.stamp(); // one read for both kept values: they depend on the same layers
        return views.get(new Subject(wardId, areaId, to), stamp, () -> seen(wardId, areaId, to, stamp));
    }

    private Shares shares(Seen seen, String wardId, String areaId, LocalDate from, LocalDate to) {
        FeatureQuery mine = FeatureQuery.ALL.withWard(wardId).withArea(areaId);
        // Each incident's point alone (no record, no order): what the shares need.
        long[] counted = new long[2];
        GeometryFactory f = GeometryChecks.WGS84;
        store.forEachPoint(Layer.INCIDENTS, mine.withDays(from, to), (id, lon, lat, values) -> {
            counted[0]++;
            if (seen.covered().covers(seen.utm().toMeters(f.createPoint(new org.locationtech.jts.geom.Coordinate(lon, lat))))) {
                counted[1]++;
            }
        });
        long incidents = counted[0];
        long covered = counted[1];
        return new Shares(wardId, areaId, from, to, seen.camerasWorking(), seen.camerasTotal(), round(seen.areaM2(), 1),
                round(seen.coveredM2(), 1), share(seen.coveredM2(), seen.areaM2()), round(seen.roadM(), 1),
                round(seen.coveredRoadM(), 1), seen.roadM() == 0 ? null : share(seen.coveredRoadM(), seen.roadM()),
                incidents, covered, incidents == 0 ? null : share(covered, incidents));
    }

    /** A ward or area, and the day by which cameras count as installed. */
    private record Subject(String wardId, String areaId, LocalDate to) {
    }

    /**
     * What the cameras see of a subject: all of a report but the incidents. The largest gaps and the lon/lat geometry
     * are computed when first asked for, then kept with the rest.
     */
    private static final class Seen {
        private final MetricProjection utm;
        private final int camerasWorking;
        private final int camerasTotal;
        private final Geometry subjectM;
        private final Geometry coveredM;
        private final double roadM;
        private final double coveredRoadM;
        private final PreparedGeometry covered;
        private List<Gap> gaps;
        private Geometry coverage;

        Seen(MetricProjection utm, int camerasWorking, int camerasTotal, Geometry subjectM, Geometry coveredM,
             double roadM, double coveredRoadM) {
            this.utm = utm;
            this.camerasWorking = camerasWorking;
            this.camerasTotal = camerasTotal;
            this.subjectM = subjectM;
            this.coveredM = coveredM;
            this.roadM = roadM;
            this.coveredRoadM = coveredRoadM;
            this.covered = PreparedGeometryFactory.prepare(coveredM);
        }

        MetricProjection utm() {
            return utm;
        }

        int camerasWorking() {
            return camerasWorking;
        }

        int camerasTotal() {
            return camerasTotal;
        }

        double areaM2() {
            return subjectM.getArea();
        }

        double coveredM2() {
            return coveredM.getArea();
        }

        double roadM() {
            return roadM;
        }

        double coveredRoadM() {
            return coveredRoadM;
        }

        PreparedGeometry covered() {
            return covered;
        }

        synchronized List<Gap> gaps() {
            if (gaps == null) {
                gaps = largestGaps(subjectM, coveredM, utm);
            }
            return gaps;
        }

        synchronized Geometry coverage() {
            if (coverage == null) {
                coverage = GeometryChecks.orientRfc7946(utm.toLonLat(coveredM));
            }
            return coverage;
        }
    }

    /**
     * The (at most three) largest places of {@code subjectM} outside {@code coveredM}, largest first: the maximum
     * inscribed circle of what is uncovered, then of what is left without 1.5 times that circle; none under 5 m.
     */
    static List<Gap> largestGaps(Geometry subjectM, Geometry coveredM, MetricProjection utm) {
        List<Gap> gaps = new ArrayList<>();
        Geometry uncovered = Overlays.polygonal(Overlays.difference(subjectM, coveredM));
        for (int i = 0; i < 3 && !uncovered.isEmpty(); i++) {
            MaximumInscribedCircle mic = new MaximumInscribedCircle(uncovered, 1.0);
            Point centre = mic.getCenter();
            double radius = mic.getRadiusLine().getLength();
            if (radius < 5) {
                break;
            }
            Point lonLat = (Point) utm.toLonLat(centre);
            gaps.add(new Gap(round(lonLat.getX(), 7), round(lonLat.getY(), 7), round(radius, 1)));
            uncovered = Overlays.polygonal(Overlays.difference(uncovered, centre.buffer(radius * 1.5)));
        }
        return List.copyOf(gaps);
    }

    /** The layers what the cameras see of a subject is computed from. */
    static final List<Layer> SEEN_FROM = List.of(Layer.CAMERAS, Layer.BUILDINGS, Layer.ROADS, Layer.AREAS, Layer.WARDS);

    /**
     * The cameras, buildings and roads within the largest camera range of a ward's box ({@code box}, lon/lat), each
     * layer by id: read once for all the ward's areas (a query per layer and area took most of an area's time).
     */
    private record Around(Feature ward, java.util.Map<String, Feature> areas, org.locationtech.jts.geom.Envelope box,
                          List<Feature> cameras, List<Feature> buildings, List<Feature> roads) {
    }

    /** What is around the ward (null for an unknown ward). */
    private Around around(String wardId, long stamp) {
        return neighbourhoods.get(wardId, stamp, () -> {
            Feature ward = store.get(Layer.WARDS, wardId).orElse(null);
            if (ward == null) {
                return null;
            }
            MetricProjection utm = MetricProjection.forGeometry(ward.geometry());
            org.locationtech.jts.geom.Envelope box = utm.toLonLat(utm.toMeters(ward.geometry()).getEnvelope()
                    .buffer(MAX_RANGE_M)).getEnvelopeInternal();
            FeatureQuery q = FeatureQuery.ALL.withBbox(box);
            java.util.Map<String, Feature> areas = new java.util.HashMap<>();
            store.query(Layer.AREAS, FeatureQuery.ALL.withWard(wardId)).forEach(a -> areas.put(a.id(), a));
            return new Around(ward, areas, box, store.query(Layer.CAMERAS, q), store.query(Layer.BUILDINGS, q),
                    store.query(Layer.ROADS, q));
        });
    }

    /**
     * The records of {@code layer} meeting {@code box}, by id, as {@code store.query(layer, withBbox(box))} reads them:
     * taken from what is around the ward when it covers the box.
     */
    private List<Feature> within(Around around, Layer layer, org.locationtech.jts.geom.Envelope box) {
        if (around == null) {
            return store.query(layer, FeatureQuery.ALL.withBbox(box));
        }
        List<Feature> all = layer == Layer.CAMERAS ? around.cameras() : layer == Layer.BUILDINGS ? around.buildings() : around.roads();
        Geometry boxShape = GeometryChecks.WGS84.toGeometry(box);
        List<Feature> out = new ArrayList<>();
        for (Feature f : all) {
            Geometry g = f.geometry();
            if (g != null && g.getEnvelopeInternal().intersects(box) && (layer.geometryKind().isPoint() || g.intersects(boxShape))) {
                out.add(f);
            }
        }
        return out;
    }

    private Seen seen(String wardId, String areaId, LocalDate to, long stamp) {
        Around near = around(wardId, stamp);
        Feature subject = areaId == null
                ? (near != null ? near.ward() : store.get(Layer.WARDS, wardId).orElseThrow(() -> new NoSuchElementException("không có phường, xã mã '" + wardId + "' / no ward has id '" + wardId + "'")))
                : near != null && near.areas().containsKey(areaId) ? near.areas().get(areaId)
                : store.get(Layer.AREAS, areaId).orElseThrow(() -> new NoSuchElementException("không có khu dân cư mã '" + areaId + "' / no residential area has id '" + areaId + "'"));
        MetricProjection utm = MetricProjection.forGeometry(subject.geometry());
        Geometry subjectM = utm.toMeters(subject.geometry());
        Geometry reach = utm.toLonLat(subjectM.getEnvelope().buffer(MAX_RANGE_M));
        // What is around the ward serves when it covers the subject's reach (not for an area outside its ward's box).
        Around around = near != null && near.box().covers(reach.getEnvelopeInternal()) ? near : null;
        List<Feature> cameras = (around == null ? store.query(Layer.CAMERAS, FeatureQuery.ALL.withWard(wardId).withArea(areaId))
                : around.cameras().stream().filter(c -> wardId.equals(c.text("ward_id"))
                && (areaId == null || areaId.equals(c.text("area_id")))).toList())
                .stream().filter(c -> installedBy(c, to)).toList();
        List<Feature> working = cameras.stream().filter(CoverageService::working).toList();
        org.locationtech.jts.geom.Envelope subjectBox = subjectM.getEnvelopeInternal();
        // Only cameras whose range reaches the subject's box can see into it: the others' views are left out before
        // they are drawn (most of the cameras within the largest range of a small area).
        List<Feature> seeing = within(around, Layer.CAMERAS, reach.getEnvelopeInternal()).stream()
                .filter(c -> installedBy(c, to) && working(c))
                .filter(c -> utm.toMeters(c.geometry()).getEnvelopeInternal().distance(subjectBox)
                        <= ((Number) c.get("range_m")).doubleValue())
                .toList();
        List<Geometry> buildingsM = new ArrayList<>();
        for (Feature b : within(around, Layer.BUILDINGS, utm.toLonLat(subjectM.getEnvelope().buffer(200)).getEnvelopeInternal())) {
            buildingsM.add(utm.toMeters(b.geometry()));
        }
        Geometry coveredM = Overlays.polygonal(Overlays.intersection(coverageM(seeing, utm, buildingsM), subjectM));

        double roadM = 0;
        double coveredRoadM = 0;
        for (Feature r : within(around, Layer.ROADS, subject.geometry().getEnvelopeInternal())) {
            Geometry inside = Overlays.intersection(utm.toMeters(r.geometry()), subjectM);
            roadM += inside.getLength();
            coveredRoadM += Overlays.intersection(inside, coveredM).getLength();
        }
        return new Seen(utm, working.size(), cameras.size(), subjectM, coveredM, roadM, coveredRoadM);
    }

    /** Cameras farther than this from a subject cannot see into it (the largest range a camera record allows). */
    static final double MAX_RANGE_M = 1000;

    private static boolean installedBy(Feature c, LocalDate day) {
        return c.get("installed_on") == null || !((LocalDate) c.get("installed_on")).isAfter(day);
    }

    /** A camera counts when it works: status active. */
    static boolean working(Feature camera) {
        return "active".equals(camera.get("status"));
    }

    /** The union of the cameras' views in metres. */
    static Geometry coverageM(List<Feature> cameras, MetricProjection utm, List<Geometry> buildingsM) {
        List<Geometry> views = new ArrayList<>();
        for (Feature c : cameras) {
            views.add(viewM(c, utm, buildingsM));
        }
        return views.isEmpty() ? utm.toMeters(GeometryChecks.WGS84.createPolygon()) : Overlays.union(views, views.get(0).getFactory());
    }

    /** One camera's view in metres: its sector, cut by the walls of nearby buildings. */
    static Geometry viewM(Feature c, MetricProjection utm, List<Geometry> buildingsM) {
        Point at = (Point) utm.toMeters(c.geometry());
        double range = ((Number) c.get("range_m")).doubleValue();
        List<Geometry> near = buildingsM.stream()
                .filter(b -> b.getEnvelopeInternal().distance(at.getEnvelopeInternal()) <= range).toList();
        return ViewshedBuilder.viewshed(at.getX(), at.getY(), ((Number) c.get("bearing_deg")).doubleValue(),
                ((Number) c.get("fov_deg")).doubleValue(), range, near, near.isEmpty() ? 360.0 / 64 : RAY_STEP_DEG);
    }

    /** Building footprints around a subject, in metres. */
    List<Geometry> buildingsNear(Geometry subjectM, MetricProjection utm) {
        Geometry box = utm.toLonLat(subjectM.getEnvelope().buffer(200));
        List<Geometry> out = new ArrayList<>();
        for (Feature b : store.query(Layer.BUILDINGS, FeatureQuery.ALL.withBbox(box.getEnvelopeInternal()))) {
            out.add(utm.toMeters(b.geometry()));
        }
        return out;
    }

    /** Road lines of a subject in metres. */
    List<LineString> roadsM(Geometry subjectM, Geometry subjectLonLat, MetricProjection utm) {
        List<LineString> out = new ArrayList<>();
        for (Feature r : store.query(Layer.ROADS, FeatureQuery.ALL.withBbox(subjectLonLat.getEnvelopeInternal()))) {
            Geometry inside = Overlays.intersection(utm.toMeters(r.geometry()), subjectM);
            for (int i = 0; i < inside.getNumGeometries(); i++) {
                if (inside.getGeometryN(i) instanceof LineString l && l.getLength() > 0) {
                    out.add(l);
                }
            }
        }
        return out;
    }

    static double share(double part, double whole) {
        return whole == 0 ? 0 : round(part / whole, 4);
    }

    static double round(double v, int decimals) {
        double s = Math.pow(10, decimals);
        return Math.round(v * s) / s;
    }
}
