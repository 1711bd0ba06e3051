package vn.anttmap.demo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import vn.anttmap.geo.GeometryChecks;
import vn.anttmap.model.Feature;

import java.util.ArrayList;
import java.util.List;

import static vn.anttmap.demo.DemoContext.SYNTHETIC;
import static vn.anttmap.demo.DemoContext.props;
import static vn.anttmap.demo.DemoContext.reduce;

/**
 * The demo's lines: the coastline (the ward's seaward edge) and the roads (a main road, cross streets, two side
 * streets and a beach road ~160 m inland, clipped to the ward). Draws nothing from the random sequence.
 */
final class DemoRoads {
    private final DemoContext ctx;

    DemoRoads(DemoContext ctx) {
        this.ctx = ctx;
    }

    /** The ward's seaward edge: the longest edge of its eastern side (the polygon contains the beach strip). */
    LineString coastline() {
        Coordinate[] ring = ctx.wardPolygon.getExteriorRing().getCoordinates();
        int best = 0;
        double bestScore = -1;
        for (int i = 0; i + 1 < ring.length; i++) {
            double eastness = (ring[i].x + ring[i + 1].x) / 2;
            double length = ring[i].distance(ring[i + 1]);
            double score = eastness * 1000 + length;
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        Coordinate a = ring[best];
        Coordinate b = ring[best + 1];
        return ctx.f.createLineString(a.y < b.y ? new Coordinate[]{a, b} : new Coordinate[]{b, a});
    }

    private record RoadSpec(String id, String name, String kind, double[] lonLat) {
    }

    List<Feature> roads() {
        Envelope e = ctx.wardPolygon.getEnvelopeInternal();
        double west = e.getMinX() - 0.002;
        List<RoadSpec> specs = new ArrayList<>();
        specs.add(new RoadSpec("road-main", "Đường trục chính", "main",
                new double[]{105.7905, e.getMinY() - 0.002, 105.7912, 19.4500, 105.7893, e.getMaxY() + 0.002}));
        LineString coast = coastline();
        Coordinate s = coast.getCoordinateN(0);
        Coordinate n = coast.getCoordinateN(1);
        double inland = -0.0017;
        specs.add(new RoadSpec("road-beach", "Đường ven biển", "beach_road",
                new double[]{s.x + inland, s.y - 0.004, n.x + inland, n.y + 0.004}));
        double beachAt = (s.x + n.x) / 2 + inland;
        double[] crossLats = {19.4418, 19.4452, 19.4486, 19.4521, 19.4556, 19.4590};
        for (int i = 0; i < crossLats.length; i++) {
            specs.add(new RoadSpec("road-cross-" + (i + 1), "Đường ngang số " + (i + 1), "street",
                    new double[]{west, crossLats[i], beachAt + 0.0004, crossLats[i] + 0.0002}));
        }
        specs.add(new RoadSpec("road-west", "Đường dọc phía tây", "street",
                new double[]{105.7848, e.getMinY() - 0.002, 105.7852, e.getMaxY() + 0.002}));
        specs.add(new RoadSpec("road-east", "Đường dọc phía đông", "street",
                new double[]{105.7992, e.getMinY() - 0.002, 105.7988, 19.4620}));
        List<Feature> out = new ArrayList<>();
        for (RoadSpec r : specs) {
            Coordinate[] cs = new Coordinate[r.lonLat().length / 2];
            for (int i = 0; i < cs.length; i++) {
                cs[i] = new Coordinate(r.lonLat()[2 * i], r.lonLat()[2 * i + 1]);
            }
            Geometry clipped = ctx.f.createLineString(cs).intersection(ctx.wardPolygon);
            if (clipped.isEmpty() || clipped.getDimension() != 1) {
                continue;
            }
            out.add(new Feature(r.id(), GeometryChecks.toMultiLineString(reduce(clipped).norm()),
                    props("name", r.name(), "kind", r.kind(), "source", SYNTHETIC)));
        }
        return out;
    }
}
