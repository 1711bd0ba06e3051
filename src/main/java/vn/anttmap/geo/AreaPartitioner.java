package vn.anttmap.geo;

import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.overlayng.UnaryUnionNG;
import org.locationtech.jts.operation.polygonize.Polygonizer;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Splits a polygon into parts that tile it exactly: no gaps, no overlaps, and neighbouring parts sharing their
 * edges vertex for vertex (a valid polygonal coverage). Part i is the Voronoi cell of seed i, clipped to the
 * polygon. All linework (the polygon's boundary and the cell edges) is noded once, on a fixed grid, and the faces
 * are reassembled per seed, so shared edges are identical by construction.
 */
public final class AreaPartitioner {
    private AreaPartitioner() {
    }

    /**
     * @param polygon lon/lat polygon to split
     * @param seeds   one point per part, inside the polygon
     * @param gridDeg coordinates are snapped to this grid (1e-7° is about 1 cm)
     * @return one polygonal part per seed, in seed order
     */
    public static List<Geometry> partition(Geometry polygon, List<Point> seeds, double gridDeg) {
        GeometryFactory f = polygon.getFactory();
        PrecisionModel pm = new PrecisionModel(1.0 / gridDeg);
        VoronoiDiagramBuilder vb = new VoronoiDiagramBuilder();
        Coordinate[] sites = seeds.stream().map(Point::getCoordinate).toArray(Coordinate[]::new);
        vb.setSites(f.createMultiPointFromCoords(sites));
        Envelope clip = new Envelope(polygon.getEnvelopeInternal());
        clip.expandBy(clip.getWidth() + clip.getHeight());
        vb.setClipEnvelope(clip);
        Geometry cells = vb.getDiagram(f);

        List<Geometry> lines = new ArrayList<>();
        lines.add(polygon.getBoundary());
        for (int i = 0; i < cells.getNumGeometries(); i++) {
            lines.add(cells.getGeometryN(i).getBoundary());
        }
        Geometry noded = UnaryUnionNG.union(f.buildGeometry(lines), pm);
        Polygonizer polygonizer = new Polygonizer();
        polygonizer.add(noded);
        @SuppressWarnings("unchecked")
        Collection<Polygon> faces = polygonizer.getPolygons();

        List<List<Geometry>> perSeed = new ArrayList<>();
        seeds.forEach(s -> perSeed.add(new ArrayList<>()));
        for (Polygon face : faces) {
            Point inside = face.getInteriorPoint();
            if (!polygon.covers(inside)) {
                continue;
            }
            int nearest = 0;
            double best = Double.MAX_VALUE;
            for (int i = 0; i < seeds.size(); i++) {
                double d = seeds.get(i).distance(inside);
                if (d < best) {
                    best = d;
                    nearest = i;
                }
            }
            perSeed.get(nearest).add(face);
        }
        List<Geometry> parts = new ArrayList<>();
        for (List<Geometry> p : perSeed) {
            parts.add(p.isEmpty() ? f.createPolygon() : CoverageUnion.union(p.toArray(Geometry[]::new)));
        }
        return parts;
    }
}
