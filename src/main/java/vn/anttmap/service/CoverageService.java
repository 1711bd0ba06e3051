package vn.anttmap.service;

import org.locationtech.jts.algorithm.construct.MaximumInscribedCircle;
import org.locationtech.jts.geom.Geometry;
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
 */
public final class CoverageService {
    /** Angular step of the rays cast when buildings are present, degrees. */
    static final double RAY_STEP_DEG = 2;
    private final FeatureStore store;
    /** What the cameras see of each subject, kept until a camera, building, road or boundary changes. */
    private final DerivedCache<Subject, Seen> views;

    public CoverageService(FeatureStore store) {
        this.store = store;
        this.views = new DerivedCache<>(store, SEEN_FROM, 20_000);
    }

    /** A largest uncovered place: the centre and radius of the largest circle no working camera sees into. */
    public record Gap(double lon, double lat, double radiusM) {
    }

    /**
     * @param coverage the covered part of the ward or area, in lon/lat (for the map)
     */
    public record Report(String ward, String area, LocalDate from, LocalDate to, int camerasWorking, int camerasTotal,
                         double areaM2, double coveredAreaM2, double areaShare, double roadM, double coveredRoadM,
                         Double roadShare, long incidents, long incidentsCovered, Double incidentShare,
                         List<Gap> largestGaps, Geometry coverage) {
    }

    /**
     * What the cameras working by {@code to} see of the ward (or of its area, {@code areaId} not null), and of the
     * incidents from {@code from} to {@code to}. Everything but the incidents is kept ({@link DerivedCache}) until a
     * camera, building, road, area or ward changes, in any process; the incidents are read and tested every time.
     *
     * @throws NoSuchElementException for an unknown ward or area
     */
    public Report coverage(String wardId, String areaId, LocalDate from, LocalDate to) {
        Seen seen = views.get(new Subject(wardId, areaId, to), () -> seen(wardId, areaId, to));
        FeatureQuery mine = FeatureQuery.ALL.withWard(wardId).withArea(areaId);
        List<Feature> incidents = store.query(Layer.INCIDENTS, mine.withDays(from, to));
        long covered = incidents.stream().filter(i -> seen.covered().covers(seen.utm().toMeters(i.geometry()))).count();
        return new Report(wardId, areaId, from, to, seen.camerasWorking(), seen.camerasTotal(), round(seen.areaM2(), 1),
                round(seen.coveredM2(), 1), share(seen.coveredM2(), seen.areaM2()), round(seen.roadM(), 1),
                round(seen.coveredRoadM(), 1), seen.roadM() == 0 ? null : share(seen.coveredRoadM(), seen.roadM()),
                incidents.size(), covered, incidents.isEmpty() ? null : share(covered, incidents.size()), seen.gaps(),
                seen.coverage());
    }

    /** A ward or area, and the day by which cameras count as installed. */
    private record Subject(String wardId, String areaId, LocalDate to) {
    }

    /** What the cameras see of a subject: all of a report but the incidents. */
    private record Seen(MetricProjection utm, int camerasWorking, int camerasTotal, double areaM2, double coveredM2,
                        double roadM, double coveredRoadM, PreparedGeometry covered, List<Gap> gaps, Geometry coverage) {
    }

    /** The layers what the cameras see of a subject is computed from. */
    static final List<Layer> SEEN_FROM = List.of(Layer.CAMERAS, Layer.BUILDINGS, Layer.ROADS, Layer.AREAS, Layer.WARDS);

    private Seen seen(String wardId, String areaId, LocalDate to) {
        Feature subject = areaId == null
                ? store.get(Layer.WARDS, wardId).orElseThrow(() -> new NoSuchElementException("no ward has id '" + wardId + "'"))
                : store.get(Layer.AREAS, areaId).orElseThrow(() -> new NoSuchElementException("no residential area has id '" + areaId + "'"));
        MetricProjection utm = MetricProjection.forGeometry(subject.geometry());
        Geometry subjectM = utm.toMeters(subject.geometry());
        FeatureQuery mine = FeatureQuery.ALL.withWard(wardId).withArea(areaId);
        List<Feature> cameras = store.query(Layer.CAMERAS, mine).stream().filter(c -> installedBy(c, to)).toList();
        List<Feature> working = cameras.stream().filter(CoverageService::working).toList();
        Geometry reach = utm.toLonLat(subjectM.getEnvelope().buffer(MAX_RANGE_M));
        org.locationtech.jts.geom.Envelope subjectBox = subjectM.getEnvelopeInternal();
        // Only cameras whose range reaches the subject's box can see into it: the others' views are left out before
        // they are drawn (most of the cameras within the largest range of a small area).
        List<Feature> seeing = store.query(Layer.CAMERAS, FeatureQuery.ALL.withBbox(reach.getEnvelopeInternal())).stream()
                .filter(c -> installedBy(c, to) && working(c))
                .filter(c -> utm.toMeters(c.geometry()).getEnvelopeInternal().distance(subjectBox)
                        <= ((Number) c.get("range_m")).doubleValue())
                .toList();
        Geometry coveredM = Overlays.polygonal(Overlays.intersection(coverageM(seeing, utm, buildingsNear(subjectM, utm)), subjectM));

        double roadM = 0;
        double coveredRoadM = 0;
        for (Feature r : store.query(Layer.ROADS, FeatureQuery.ALL.withBbox(subject.geometry().getEnvelopeInternal()))) {
            Geometry inside = Overlays.intersection(utm.toMeters(r.geometry()), subjectM);
            roadM += inside.getLength();
            coveredRoadM += Overlays.intersection(inside, coveredM).getLength();
        }
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
        return new Seen(utm, working.size(), cameras.size(), subjectM.getArea(), coveredM.getArea(), roadM, coveredRoadM,
                PreparedGeometryFactory.prepare(coveredM), List.copyOf(gaps), GeometryChecks.orientRfc7946(utm.toLonLat(coveredM)));
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
