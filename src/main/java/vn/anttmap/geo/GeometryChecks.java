package vn.anttmap.geo;

import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;

/** Checks and normalisations applied to geometries before they are stored. */
public final class GeometryChecks {
    /** The factory for every geometry in EPSG:4326. */
    public static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private GeometryChecks() {
    }

    /**
     * Why the geometry cannot be stored as lon/lat, or empty when it can: non-finite or out-of-range
     * coordinates, and the OGC validity rules (self-intersection, unclosed ring, too few points, …).
     */
    public static Optional<String> problem(Geometry g) {
        if (g.isEmpty()) {
            return Optional.of("hình học rỗng, không có tọa độ nào / empty geometry");
        }
        for (Coordinate c : g.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) {
                return Optional.of("tọa độ không phải số hữu hạn / coordinate is not a finite number");
            }
            if (Math.abs(c.y) > 90 || Math.abs(c.x) > 180) {
                boolean swapped = Math.abs(c.x) <= 90 && Math.abs(c.y) <= 180;
                return Optional.of(String.format(Locale.ROOT,
                        "tọa độ (%1$s %2$s) nằm ngoài kinh độ -180..180, vĩ độ -90..90%3$s / "
                                + "coordinate (%1$s %2$s) is outside longitude -180..180, latitude -90..90%4$s",
                        degrees(c.x), degrees(c.y), swapped ? " (có phải ghi nhầm chỗ vĩ độ và kinh độ?)" : "",
                        swapped ? " (latitude and longitude swapped?)" : ""));
            }
        }
        IsValidOp op = new IsValidOp(g);
        TopologyValidationError err = op.getValidationError();
        if (err != null) {
            Coordinate at = err.getCoordinate();
            String x = at == null ? "?" : degrees(at.x);
            String y = at == null ? "?" : degrees(at.y);
            // JTS's own words only on the English side.
            return Optional.of(String.format(Locale.ROOT, "hình học không hợp lệ: %s tại hoặc gần (%s %s) / "
                    + "invalid geometry: %s at or near (%s %s)", vietnamese(err), x, y, err.getMessage().toLowerCase(Locale.ROOT), x, y));
        }
        return Optional.empty();
    }

    /** What a JTS validity error means, in Vietnamese (JTS words it in English only). */
    private static String vietnamese(TopologyValidationError err) {
        return switch (err.getErrorType()) {
            case TopologyValidationError.REPEATED_POINT -> "điểm lặp lại";
            case TopologyValidationError.HOLE_OUTSIDE_SHELL -> "lỗ thủng nằm ngoài vòng bao";
            case TopologyValidationError.NESTED_HOLES -> "lỗ thủng nằm lồng trong lỗ thủng khác";
            case TopologyValidationError.DISCONNECTED_INTERIOR -> "phần trong của vùng bị chia cắt";
            case TopologyValidationError.SELF_INTERSECTION -> "ranh giới tự cắt nhau";
            case TopologyValidationError.RING_SELF_INTERSECTION -> "vòng ranh giới tự cắt";
            case TopologyValidationError.NESTED_SHELLS -> "vùng nằm lồng trong vùng khác";
            case TopologyValidationError.DUPLICATE_RINGS -> "vòng ranh giới bị trùng lặp";
            case TopologyValidationError.TOO_FEW_POINTS -> "quá ít điểm để tạo thành đường hoặc vùng";
            case TopologyValidationError.INVALID_COORDINATE -> "tọa độ không hợp lệ";
            case TopologyValidationError.RING_NOT_CLOSED -> "vòng ranh giới chưa khép kín (điểm cuối phải trùng điểm đầu)";
            default -> "lỗi hình học";
        };
    }

    /** A coordinate for messages: at most 7 decimals (about 1 cm), no trailing zeros. */
    public static String degrees(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return new BigDecimal(v).setScale(7, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    /** A point with x and y exchanged. */
    public static Point swapped(Point p) {
        return WGS84.createPoint(new Coordinate(p.getY(), p.getX()));
    }

    /**
     * A polygon or multipolygon as a multipolygon with exterior rings counter-clockwise and holes clockwise
     * (RFC 7946 §3.1.6), in EPSG:4326.
     *
     * @throws IllegalArgumentException if the geometry is not polygonal
     */
    public static MultiPolygon toMultiPolygon(Geometry g) {
        Polygon[] parts = new Polygon[g.getNumGeometries()];
        for (int i = 0; i < parts.length; i++) {
            Geometry part = g.getGeometryN(i);
            if (!(part instanceof Polygon p)) {
                throw new IllegalArgumentException("cần vùng (Polygon hoặc MultiPolygon), nhận được " + g.getGeometryType()
                        + " / expected a Polygon or MultiPolygon, got " + g.getGeometryType());
            }
            parts[i] = orientRfc7946(p);
        }
        return WGS84.createMultiPolygon(parts);
    }

    /**
     * A line or multiline as a multiline in EPSG:4326.
     *
     * @throws IllegalArgumentException if the geometry is not lineal
     */
    public static MultiLineString toMultiLineString(Geometry g) {
        LineString[] parts = new LineString[g.getNumGeometries()];
        for (int i = 0; i < parts.length; i++) {
            if (!(g.getGeometryN(i) instanceof LineString line)) {
                throw new IllegalArgumentException("cần đường (LineString hoặc MultiLineString), nhận được " + g.getGeometryType()
                        + " / expected a LineString or MultiLineString, got " + g.getGeometryType());
            }
            parts[i] = WGS84.createLineString(line.getCoordinateSequence());
        }
        return WGS84.createMultiLineString(parts);
    }

    /** The polygon with its shell counter-clockwise and its holes clockwise. */
    public static Polygon orientRfc7946(Polygon p) {
        LinearRing shell = oriented(p.getExteriorRing(), true);
        LinearRing[] holes = new LinearRing[p.getNumInteriorRing()];
        for (int i = 0; i < holes.length; i++) {
            holes[i] = oriented(p.getInteriorRingN(i), false);
        }
        return WGS84.createPolygon(shell, holes);
    }

    /** Every polygon in the geometry oriented as RFC 7946 wants; other geometries are returned unchanged. */
    public static Geometry orientRfc7946(Geometry g) {
        if (g instanceof Polygon p) {
            return orientRfc7946(p);
        }
        if (g instanceof MultiPolygon) {
            return toMultiPolygon(g);
        }
        return g;
    }

    private static LinearRing oriented(LinearRing ring, boolean counterClockwise) {
        Coordinate[] coords = ring.getCoordinates();
        if (Orientation.isCCW(coords) != counterClockwise) {
            coords = ring.reverse().getCoordinates();
        }
        return WGS84.createLinearRing(coords);
    }
}
