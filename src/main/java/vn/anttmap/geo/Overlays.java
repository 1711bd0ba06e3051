package vn.anttmap.geo;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Overlay operations that do not fail on nearly coincident edges: JTS's OverlayNG with its robust fallbacks (snapping,
 * then a fixed precision), instead of the classic overlay that throws "found non-noded intersection" on the many
 * touching camera sectors of a real ward.
 */
public final class Overlays {
    private Overlays() {
    }

    public static Geometry intersection(Geometry a, Geometry b) {
        return OverlayNGRobust.overlay(a, b, OverlayNG.INTERSECTION);
    }

    public static Geometry difference(Geometry a, Geometry b) {
        return OverlayNGRobust.overlay(a, b, OverlayNG.DIFFERENCE);
    }

    /** The union of the geometries (an empty polygon for none). */
    public static Geometry union(Collection<Geometry> parts, org.locationtech.jts.geom.GeometryFactory factory) {
        if (parts.isEmpty()) {
            return factory.createPolygon();
        }
        return OverlayNGRobust.union(factory.buildGeometry(parts));
    }

    /** Only the polygons of a geometry (an overlay of areas can leave stray lines and points), as one geometry. */
    public static Geometry polygonal(Geometry g) {
        List<Polygon> polygons = new ArrayList<>();
        PolygonExtracter.getPolygons(g, polygons);
        return g.getFactory().buildGeometry(polygons);
    }
}
