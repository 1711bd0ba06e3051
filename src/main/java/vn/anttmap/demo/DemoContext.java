package vn.anttmap.demo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import vn.anttmap.geo.GeometryChecks;
import vn.anttmap.geo.MetricProjection;
import vn.anttmap.model.Feature;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * What every part of the demo generator shares: the real ward, its metric projection, and the one random sequence
 * seeded with {@link DemoPlan#SEED} (a neighbouring ward's: its own seed) that the parts draw from in turn (so the
 * order of the draws is the order in which {@link DemoGenerator} calls them), with the small helpers they have in
 * common.
 */
final class DemoContext {
    static final String SYNTHETIC = synthetic(DemoPlan.SEED);
    static final String SYNTHETIC_PUBLIC_NAME = SYNTHETIC + "; the name is found in public sources, the boundary is invented";
    static final String COAST_SOURCE = "derived: the seaward edge of the real ward boundary (censusVN2009, MIT); "
            + "not a surveyed shoreline";
    static final ZoneOffset VN = ZoneOffset.ofHours(7);

    final Feature ward;
    final Polygon wardPolygon;
    final GeometryFactory f = GeometryChecks.WGS84;
    final MetricProjection utm;
    final Random rnd;

    DemoContext(Feature ward) {
        this(ward, DemoPlan.SEED);
    }

    DemoContext(Feature ward, long seed) {
        this.ward = ward;
        this.rnd = new Random(seed);
        Geometry g = ward.geometry();
        if (g.getNumGeometries() != 1) {
            throw new IllegalArgumentException("the demo ward must be a single polygon");
        }
        this.wardPolygon = (Polygon) g.getGeometryN(0);
        this.utm = MetricProjection.forGeometry(g);
    }

    /** The label of every synthetic record drawn from {@code seed}. */
    static String synthetic(long seed) {
        return "synthetic: ANTT Map demo generator (seed " + seed + "), not real data";
    }

    /** Records renumbered {@code prefix-year-nnn} in the order of their day. */
    List<Feature> numberByDay(List<Feature> records, String dayField, String prefix) {
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
    int[] shuffledCodes(String[] codes, int[] counts, int n) {
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

    /** {@code total} split into {@code parts} whole numbers differing by at most one, the larger ones shuffled. */
    int[] split(int total, int parts) {
        int[] out = new int[parts];
        List<Integer> order = new ArrayList<>(IntStream.range(0, parts).boxed().toList());
        Collections.shuffle(order, rnd);
        for (int i = 0; i < parts; i++) {
            out[order.get(i)] = total / parts + (i < total % parts ? 1 : 0);
        }
        return out;
    }

    int weighted(double[] weights) {
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

    LocalDate randomDay(DemoPlan.Window w) {
        long days = ChronoUnit.DAYS.between(w.first(), w.last());
        return w.first().plusDays(rnd.nextInt((int) days + 1));
    }

    static boolean within(DemoPlan.Window w, LocalDate d) {
        return !d.isBefore(w.first()) && !d.isAfter(w.last());
    }

    Point randomPointIn(Geometry g) {
        return randomPointIn(g, rnd);
    }

    Point randomPointIn(Geometry g, Random rnd) {
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
    Point snap(Point p) {
        return f.createPoint(new Coordinate(round(p.getX(), 7), round(p.getY(), 7)));
    }

    static Geometry reduce(Geometry g) {
        return org.locationtech.jts.precision.GeometryPrecisionReducer.reduce(g, new org.locationtech.jts.geom.PrecisionModel(1e7));
    }

    static double round(double v, int decimals) {
        double s = Math.pow(10, decimals);
        return Math.round(v * s) / s;
    }

    static Map<String, Object> props(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /**
     * The cells of the ward around {@code seeds}, relaxed by Lloyd's method (8 rounds: each seed moved to its cell's
     * centroid, or an interior point where the centroid falls outside), and checked to tile the ward. Draws no random
     * number.
     */
    List<Geometry> relaxedCells(List<Point> seeds) {
        List<Geometry> parts = null;
        for (int iteration = 0; iteration < 8; iteration++) {
            parts = vn.anttmap.geo.AreaPartitioner.partition(wardPolygon, seeds, 1e-7);
            List<Point> next = new ArrayList<>();
            for (Geometry part : parts) {
                Point c = part.getCentroid();
                next.add(part.covers(c) ? snap(c) : part.getInteriorPoint());
            }
            seeds = next;
        }
        if (!org.locationtech.jts.coverage.CoverageValidator.isValid(parts.toArray(Geometry[]::new))) {
            throw new IllegalStateException("generated areas of " + ward.id() + " are not a valid coverage");
        }
        return parts;
    }

    /** Who pays for a camera of the owner: the household, the business, the State for the police, else the community fund. */
    static String fundingOf(String owner) {
        return switch (owner) {
            case "household" -> "household";
            case "business" -> "business";
            case "police" -> "state_budget";
            default -> "community_fund";
        };
    }

    /** A camera's lens: its kind, field of view and range. */
    record Lens(String kind, double fovDeg, double rangeM) {
    }

    /** The lens of a camera of the kind, its field of view and range drawn as every demo camera's are. */
    Lens lens(String kind) {
        return switch (kind) {
            case "ptz" -> new Lens(kind, 60, 80 + 5 * rnd.nextInt(5));
            case "dome" -> new Lens(kind, 360, 20 + 5 * rnd.nextInt(3));
            default -> new Lens("fixed", 70 + 10 * rnd.nextInt(4), 35 + 5 * rnd.nextInt(6));
        };
    }
}
