package vn.anttmap.siting;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

import java.util.ArrayList;
import java.util.List;

/**
 * Which demand points a camera at a place, looking one way, sees: within its range (metres), within half its field
 * of view of its bearing, and with no building between it and the point. All coordinates are metres in one
 * projected CRS, x east, y north; bearings are degrees clockwise from north.
 */
public final class CoverageModel {
    private final double[][] demandXy;
    private final STRtree demandIndex = new STRtree();
    private final STRtree buildingIndex = new STRtree();
    private final GeometryFactory factory = new GeometryFactory();

    /**
     * @param demandXy  demand points, {x, y} in metres
     * @param buildings building footprints in the same CRS (walls block the view), may be empty
     */
    public CoverageModel(double[][] demandXy, List<Geometry> buildings) {
        this.demandXy = demandXy.clone();
        for (int i = 0; i < demandXy.length; i++) {
            demandIndex.insert(new Envelope(demandXy[i][0], demandXy[i][0], demandXy[i][1], demandXy[i][1]), i);
        }
        demandIndex.build();
        for (Geometry b : buildings) {
            buildingIndex.insert(b.getEnvelopeInternal(), PreparedGeometryFactory.prepare(b));
        }
        buildingIndex.build();
    }

    /** The demand indices a camera covers, ascending. */
    public int[] covered(double xM, double yM, double bearingDeg, double fovDeg, double rangeM) {
        @SuppressWarnings("unchecked")
        List<Integer> near = demandIndex.query(new Envelope(xM - rangeM, xM + rangeM, yM - rangeM, yM + rangeM));
        List<Integer> out = new ArrayList<>();
        for (int i : near) {
            double dx = demandXy[i][0] - xM;
            double dy = demandXy[i][1] - yM;
            double d = Math.hypot(dx, dy);
            if (d > rangeM) {
                continue;
            }
            if (fovDeg < 360 && d > 0) {
                double azimuth = Math.toDegrees(Math.atan2(dx, dy));
                double off = Math.abs(((azimuth - bearingDeg) % 360 + 540) % 360 - 180);
                if (off > fovDeg / 2 + 1e-9) {
                    continue;
                }
            }
            if (d > 0 && blocked(xM, yM, demandXy[i][0], demandXy[i][1])) {
                continue;
            }
            out.add(i);
        }
        return out.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** Whether a building stands between two points (the sight line crosses a footprint's interior or wall). */
    public boolean blocked(double x0, double y0, double x1, double y1) {
        LineString sight = factory.createLineString(new Coordinate[]{new Coordinate(x0, y0), new Coordinate(x1, y1)});
        @SuppressWarnings("unchecked")
        List<PreparedGeometry> hits = buildingIndex.query(sight.getEnvelopeInternal());
        for (PreparedGeometry b : hits) {
            if (b.intersects(sight) && !b.getGeometry().covers(factory.createPoint(new Coordinate(x0, y0)))) {
                return true;
            }
        }
        return false;
    }

    public int size() {
        return demandXy.length;
    }
}
