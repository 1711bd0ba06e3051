package vn.anttmap.geo;

import org.locationtech.jts.geom.Envelope;

/**
 * Web Mercator (EPSG:3857) as tiles use it: the sphere's radius, the half-width of the world, and the bounds of tile
 * z/x/y (y from the north) in metres. One place for the numbers, so that tiles made in Java and tiles made by the
 * database put a point on the same tile unit.
 */
public final class WebMercator {
    /** The sphere's radius, metres. */
    public static final double R = 6378137.0;
    /** Half the world's width, metres. */
    public static final double HALF = Math.PI * R;

    private WebMercator() {
    }

    /** The bounds of tile z/x/y in metres. */
    public static Envelope tileBounds(int z, int x, int y) {
        double size = 2 * HALF / (1 << z);
        double minX = -HALF + x * size;
        double maxY = HALF - y * size;
        return new Envelope(minX, minX + size, maxY - size, maxY);
    }
}
