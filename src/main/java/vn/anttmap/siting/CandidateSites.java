package vn.anttmap.siting;

import org.locationtech.jts.algorithm.Distance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.linearref.LengthIndexedLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generates new camera sites from road lines and given points, in metres: at road crossings (facing both ways along
 * each road), along roads at a spacing (facing both ways along the road), and at given points (every 45°). A camera
 * that sees all round gets one bearing, 0°. Ids are stable for the same input: {@code crossing-i-j-n},
 * {@code road-i-d} (road index, distance along it in whole metres), {@code point-n} (from 1).
 */
public final class CandidateSites {
    /** The spacing of along-road sites without one given, metres. */
    public static final double DEFAULT_SPACING_M = 50;
    /** The smallest spacing of along-road sites, metres. */
    public static final double MIN_SPACING_M = 5;
    /** The bearing step at given points, degrees. */
    public static final int POINT_BEARING_STEP_DEG = 45;

    private CandidateSites() {
    }

    /**
     * Which kinds of sites to generate, from a list such as {@code crossings,along-roads} (case ignored; {@code null}
     * means crossings and along-roads).
     */
    public record Kinds(boolean crossings, boolean alongRoads, boolean points) {
        /** @throws IllegalArgumentException when the list names none of crossings, along-roads and points */
        public static Kinds parse(String spec) {
            String kind = spec == null ? "crossings,along-roads" : spec.toLowerCase(Locale.ROOT);
            Kinds k = new Kinds(kind.contains("crossings"), kind.contains("along-roads"), kind.contains("points"));
            if (!k.crossings && !k.alongRoads && !k.points) {
                throw new IllegalArgumentException("candidates must be crossings, along-roads or points, got '" + spec + "'");
            }
            return k;
        }
    }

    /**
     * The sites of the kinds asked for, crossings first, then along roads, then at the points.
     *
     * @param roadsM   road lines in metres
     * @param spacingM the spacing along roads, {@code null} for {@value #DEFAULT_SPACING_M} m
     * @param pointsM  the given points in metres (used for {@code points} only)
     * @throws IllegalArgumentException for a spacing under {@value #MIN_SPACING_M} m, or points asked for and none given
     */
    public static List<CandidateSite> generate(Kinds kinds, List<LineString> roadsM, Double spacingM,
                                               List<Coordinate> pointsM, CameraModel camera, double cost) {
        List<CandidateSite> out = new ArrayList<>();
        if (kinds.crossings()) {
            addCrossings(out, roadsM, camera, cost);
        }
        if (kinds.alongRoads()) {
            addAlongRoads(out, roadsM, spacingM == null ? DEFAULT_SPACING_M : spacingM, camera, cost);
        }
        if (kinds.points()) {
            if (pointsM == null || pointsM.isEmpty()) {
                throw new IllegalArgumentException("candidates 'points' needs a list of [lon, lat] points");
            }
            addPoints(out, pointsM, camera, cost);
        }
        return out;
    }

    private static void addCrossings(List<CandidateSite> out, List<LineString> roads, CameraModel camera, double cost) {
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
                    out.add(new CandidateSite(String.format(Locale.ROOT, "crossing-%d-%d-%d", i, j, out.size()),
                            CandidateSite.NEW, c.x, c.y, camera.allRound() ? List.of(0.0) : b, camera.fovDeg(),
                            camera.rangeM(), cost));
                }
            }
        }
    }

    private static void addAlongRoads(List<CandidateSite> out, List<LineString> roads, double spacing, CameraModel camera,
                                      double cost) {
        if (spacing < MIN_SPACING_M) {
            throw new IllegalArgumentException("spacing must be at least 5 m, got " + spacing);
        }
        for (int i = 0; i < roads.size(); i++) {
            LengthIndexedLine line = new LengthIndexedLine(roads.get(i));
            for (double d = spacing / 2; d < roads.get(i).getLength(); d += spacing) {
                Coordinate c = line.extractPoint(d);
                double a = azimuth(roads.get(i), c);
                out.add(new CandidateSite(String.format(Locale.ROOT, "road-%d-%.0f", i, d), CandidateSite.NEW, c.x, c.y,
                        camera.allRound() ? List.of(0.0) : List.of(a, (a + 180) % 360), camera.fovDeg(), camera.rangeM(),
                        cost));
            }
        }
    }

    private static void addPoints(List<CandidateSite> out, List<Coordinate> points, CameraModel camera, double cost) {
        List<Double> bearings = new ArrayList<>();
        for (int b = 0; b < 360; b += POINT_BEARING_STEP_DEG) {
            bearings.add((double) b);
        }
        int n = 0;
        for (Coordinate p : points) {
            out.add(new CandidateSite("point-" + (++n), CandidateSite.NEW, p.x, p.y,
                    camera.allRound() ? List.of(0.0) : bearings, camera.fovDeg(), camera.rangeM(), cost));
        }
    }

    /** The azimuth of the road segment nearest to {@code c}, degrees clockwise from north, to 0.1°. */
    public static double azimuth(LineString road, Coordinate c) {
        Coordinate[] cs = road.getCoordinates();
        double best = Double.MAX_VALUE;
        double az = 0;
        for (int i = 0; i + 1 < cs.length; i++) {
            double d = Distance.pointToSegment(c, cs[i], cs[i + 1]);
            if (d < best) {
                best = d;
                az = (Math.toDegrees(Math.atan2(cs[i + 1].x - cs[i].x, cs[i + 1].y - cs[i].y)) + 360) % 360;
            }
        }
        return Math.round(az * 10) / 10.0;
    }
}
