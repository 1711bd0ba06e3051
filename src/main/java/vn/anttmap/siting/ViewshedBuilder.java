package vn.anttmap.siting;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

import java.util.ArrayList;
import java.util.List;

/**
 * A camera's visible area with walls: rays cast every {@code stepDeg} across the field of view, each cut at the first
 * building it meets; the fan of ray ends is the viewshed. Metres, x east, y north, bearings clockwise from north.
 */
public final class ViewshedBuilder {
    private ViewshedBuilder() {
    }

    public static Polygon viewshed(double xM, double yM, double bearingDeg, double fovDeg, double rangeM,
                                   List<Geometry> buildings, double stepDeg) {
        GeometryFactory f = new GeometryFactory();
        boolean full = fovDeg >= 360;
        int n = Math.max(2, (int) Math.ceil(fovDeg / stepDeg));
        double start = full ? 0 : bearingDeg - fovDeg / 2;
        List<Coordinate> ring = new ArrayList<>();
        if (!full) {
            ring.add(new Coordinate(xM, yM));
        }
        for (int i = 0; i <= (full ? n - 1 : n); i++) {
            double a = Math.toRadians(start + fovDeg * i / n);
            Coordinate end = new Coordinate(xM + rangeM * Math.sin(a), yM + rangeM * Math.cos(a));
            ring.add(cut(f, new Coordinate(xM, yM), end, buildings));
        }
        ring.add(ring.get(0));
        Polygon p = f.createPolygon(ring.toArray(Coordinate[]::new));
        return p.isValid() ? p : (Polygon) largest(p.buffer(0));
    }

    private static Coordinate cut(GeometryFactory f, Coordinate from, Coordinate to, List<Geometry> buildings) {
        LineString ray = f.createLineString(new Coordinate[]{from, to});
        Coordinate best = to;
        double bestD = from.distance(to);
        for (Geometry b : buildings) {
            if (!b.getEnvelopeInternal().intersects(ray.getEnvelopeInternal())) {
                continue;
            }
            for (Coordinate c : ray.intersection(b.getBoundary()).getCoordinates()) {
                double d = from.distance(c);
                if (d < bestD) {
                    bestD = d;
                    best = c;
                }
            }
        }
        return best;
    }

    private static Geometry largest(Geometry g) {
        Geometry best = g.getGeometryN(0);
        for (int i = 1; i < g.getNumGeometries(); i++) {
            if (g.getGeometryN(i).getArea() > best.getArea()) {
                best = g.getGeometryN(i);
            }
        }
        return best;
    }
}
