package vn.anttmap.geo;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;

/**
 * An outline drawn with fewer vertices for a map zoomed out: every vertex removed lies within the tolerance, in
 * metres, of the simplified outline (Douglas–Peucker in the local UTM zone, {@link MetricProjection}), and the result
 * keeps the outline's topology (rings neither cross nor vanish; {@link TopologyPreservingSimplifier}).
 *
 * <p>Input and output are in EPSG:4326 (lon, lat). A tolerance of zero or less, a {@code null} geometry or one
 * without area (points, lines) comes back as it is.
 */
public final class OutlineSimplifier {
    private final double toleranceMeters;

    /** @param toleranceMeters the largest distance, in metres, between a removed vertex and the simplified outline */
    public OutlineSimplifier(double toleranceMeters) {
        if (!(toleranceMeters >= 0) || Double.isInfinite(toleranceMeters)) {
            throw new IllegalArgumentException("tolerance must be a finite number of metres ≥ 0: " + toleranceMeters);
        }
        this.toleranceMeters = toleranceMeters;
    }

    /** As {@code new OutlineSimplifier(toleranceMeters).simplify(lonLat)}. */
    public static Geometry simplify(Geometry lonLat, double toleranceMeters) {
        return new OutlineSimplifier(toleranceMeters).simplify(lonLat);
    }

    public double toleranceMeters() {
        return toleranceMeters;
    }

    /** The outline simplified within the tolerance, in lon/lat. */
    public Geometry simplify(Geometry lonLat) {
        if (lonLat == null || lonLat.isEmpty() || toleranceMeters == 0 || lonLat.getDimension() < 2) {
            return lonLat;
        }
        MetricProjection utm = MetricProjection.forGeometry(lonLat);
        Geometry simplified = utm.toLonLat(TopologyPreservingSimplifier.simplify(utm.toMeters(lonLat), toleranceMeters));
        simplified.setSRID(lonLat.getSRID());
        return simplified;
    }
}
