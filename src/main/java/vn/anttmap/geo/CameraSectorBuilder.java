package vn.anttmap.geo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * The ground a camera sees, as a polygon: a circular sector of radius {@code rangeM} metres around the camera,
 * centred on {@code bearingDeg} (degrees clockwise from north) and {@code fovDeg} wide; a full disc when the field of
 * view is 360°. Built in the local UTM zone, so the range is metres on the ground, and returned in lon/lat.
 */
public final class CameraSectorBuilder {
    /** Vertices per full circle; a sector gets its share, at least 4. */
    public static final int SEGMENTS_PER_CIRCLE = 64;

    private CameraSectorBuilder() {
    }

    /**
     * @param cameraLonLat the camera's position
     * @throws IllegalArgumentException for a non-positive range or a field of view outside (0, 360]
     */
    public static Polygon sector(Point cameraLonLat, double bearingDeg, double fovDeg, double rangeM) {
        if (!(rangeM > 0)) {
            throw new IllegalArgumentException("range must be positive, got " + rangeM + " m");
        }
        if (!(fovDeg > 0 && fovDeg <= 360)) {
            throw new IllegalArgumentException("field of view must be in (0, 360], got " + fovDeg + "°");
        }
        MetricProjection utm = MetricProjection.forLongitude(cameraLonLat.getX());
        Point c = (Point) utm.toMeters(cameraLonLat);
        GeometryFactory f = c.getFactory();
        Coordinate[] ring;
        if (fovDeg >= 360) {
            ring = new Coordinate[SEGMENTS_PER_CIRCLE + 1];
            for (int i = 0; i < SEGMENTS_PER_CIRCLE; i++) {
                ring[i] = onCircle(c, rangeM, 360.0 * i / SEGMENTS_PER_CIRCLE);
            }
            ring[SEGMENTS_PER_CIRCLE] = ring[0];
        } else {
            int n = Math.max(4, (int) Math.ceil(SEGMENTS_PER_CIRCLE * fovDeg / 360.0));
            ring = new Coordinate[n + 3];
            ring[0] = c.getCoordinate();
            double start = bearingDeg - fovDeg / 2;
            for (int i = 0; i <= n; i++) {
                ring[i + 1] = onCircle(c, rangeM, start + fovDeg * i / n);
            }
            ring[n + 2] = c.getCoordinate();
        }
        Geometry metres = f.createPolygon(ring);
        return GeometryChecks.orientRfc7946((Polygon) utm.toLonLat(metres));
    }

    /** The point at {@code distanceM} from {@code centre} in the direction {@code azimuthDeg} (clockwise from north). */
    static Coordinate onCircle(Point centre, double distanceM, double azimuthDeg) {
        double a = Math.toRadians(azimuthDeg);
        return new Coordinate(centre.getX() + distanceM * Math.sin(a), centre.getY() + distanceM * Math.cos(a));
    }
}
