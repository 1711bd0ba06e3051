package vn.anttmap.geo;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Transforms JTS geometries between two coordinate reference systems. Geographic coordinates are in degrees,
 * x = longitude. Instances are not thread-safe (proj4j's transforms keep scratch state); make one per use.
 */
public final class CoordinateTransformer {
    private static final CoordinateTransformFactory FACTORY = new CoordinateTransformFactory();

    private final CoordinateTransform transform;

    public CoordinateTransformer(CoordinateReferenceSystem source, CoordinateReferenceSystem target) {
        this.transform = FACTORY.createTransform(source, target);
    }

    /** A transformed copy of {@code geometry}; the input is not changed. */
    public Geometry apply(Geometry geometry) {
        Geometry copy = geometry.copy();
        ProjCoordinate in = new ProjCoordinate();
        ProjCoordinate out = new ProjCoordinate();
        copy.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                in.x = seq.getX(i);
                in.y = seq.getY(i);
                transform.transform(in, out);
                seq.setOrdinate(i, 0, out.x);
                seq.setOrdinate(i, 1, out.y);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        copy.geometryChanged();
        return copy;
    }

    /** Transforms one coordinate pair; returns {x, y}. */
    public double[] apply(double x, double y) {
        ProjCoordinate out = new ProjCoordinate();
        transform.transform(new ProjCoordinate(x, y), out);
        return new double[]{out.x, out.y};
    }
}
