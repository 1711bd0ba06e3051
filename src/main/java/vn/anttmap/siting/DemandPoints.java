package vn.anttmap.siting;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.linearref.LengthIndexedLine;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The weighted demand a plan covers, built up in metres: incidents (weighted by {@link IncidentWeights}), road length
 * sampled every {@value #ROAD_SAMPLE_M} m, and residents spread evenly over a {@value #POPULATION_GRID_M} m grid of
 * their area. Points keep the order they were added in.
 */
public final class DemandPoints {
    /** Roads are sampled every this many metres; each sample stands for that much road. */
    public static final double ROAD_SAMPLE_M = 10;
    /** Residents are spread over the centres of a grid of this cell size, metres. */
    public static final double POPULATION_GRID_M = 50;
    private static final GeometryFactory GF = new GeometryFactory();

    private final List<double[]> xy = new ArrayList<>();
    private final List<Double> weights = new ArrayList<>();

    /** One demand point of weight {@code weight}. */
    public DemandPoints add(double xM, double yM, double weight) {
        xy.add(new double[]{xM, yM});
        weights.add(weight);
        return this;
    }

    /** Points every {@value #ROAD_SAMPLE_M} m along each road (from half a step in), each weighing its share of a km. */
    public DemandPoints addRoads(List<LineString> roadsM, double weightPerKm) {
        double weight = weightPerKm * ROAD_SAMPLE_M / 1000;
        for (LineString road : roadsM) {
            LengthIndexedLine line = new LengthIndexedLine(road);
            for (double d = ROAD_SAMPLE_M / 2; d < road.getLength(); d += ROAD_SAMPLE_M) {
                Coordinate c = line.extractPoint(d);
                add(c.x, c.y, weight);
            }
        }
        return this;
    }

    /**
     * An area's residents: the centres of the {@value #POPULATION_GRID_M} m grid cells the area covers share
     * {@code population / 1000 × weightPerThousand} equally (nothing when the area covers no centre).
     */
    public DemandPoints addPopulation(Geometry areaM, double population, double weightPerThousand) {
        PreparedGeometry inside = PreparedGeometryFactory.prepare(areaM);
        Envelope e = areaM.getEnvelopeInternal();
        List<double[]> cells = new ArrayList<>();
        for (double x = Math.floor(e.getMinX() / POPULATION_GRID_M) * POPULATION_GRID_M + POPULATION_GRID_M / 2;
             x < e.getMaxX(); x += POPULATION_GRID_M) {
            for (double y = Math.floor(e.getMinY() / POPULATION_GRID_M) * POPULATION_GRID_M + POPULATION_GRID_M / 2;
                 y < e.getMaxY(); y += POPULATION_GRID_M) {
                if (inside.covers(GF.createPoint(new Coordinate(x, y)))) {
                    cells.add(new double[]{x, y});
                }
            }
        }
        for (double[] c : cells) {
            add(c[0], c[1], weightPerThousand * population / 1000 / cells.size());
        }
        return this;
    }

    public int size() {
        return xy.size();
    }

    /** The points, {x, y} in metres. */
    public double[][] points() {
        return xy.toArray(double[][]::new);
    }

    /** Their weights, aligned with {@link #points}. */
    public double[] weights() {
        return weights.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * How much an incident weighs: those of the year up to {@code to} count, a recent one {@code weightPerIncident},
     * halving per year of age, times 2, 3 or 4 for a serious, very serious or especially serious one.
     */
    public record IncidentWeights(LocalDate to, double weightPerIncident) {
        /** The first day that counts: a year before {@code to}, plus a day. */
        public LocalDate from() {
            return to.minusYears(1).plusDays(1);
        }

        /** Whether an incident of that day counts. */
        public boolean counts(LocalDate day) {
            return !day.isBefore(from()) && !day.isAfter(to);
        }

        /** The weight of an incident of that day and severity code (unknown codes count once). */
        public double weight(LocalDate day, String severity) {
            double age = ChronoUnit.DAYS.between(day, to) / 365.0;
            return weightPerIncident * Math.pow(0.5, age) * severityFactor(severity);
        }

        /** {@code nghiem_trong} (serious) 2, {@code rat_nghiem_trong} 3, {@code dac_biet_nghiem_trong} 4, else 1. */
        public static double severityFactor(String severity) {
            return switch (String.valueOf(severity)) {
                case "nghiem_trong" -> 2;
                case "rat_nghiem_trong" -> 3;
                case "dac_biet_nghiem_trong" -> 4;
                default -> 1;
            };
        }
    }
}
