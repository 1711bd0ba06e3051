package vn.anttmap;

import vn.anttmap.model.FeatureQuery;

/** Tile arithmetic for tests, written independently of the code under test (Web Mercator, 4096 units a tile). */
public final class TestTiles {
    private static final double R = 6378137.0;

    private TestTiles() {
    }

    /** The x and y of the zoom-z tile holding the point. */
    public static int[] at(int z, double lon, double lat) {
        double r = Math.toRadians(lat);
        return new int[]{(int) Math.floor((lon + 180) / 360 * (1 << z)),
                (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * (1 << z))};
    }

    /** The lon/lat of tile unit (ux, uy) of tile z/x/y (y down). */
    public static double[] lonLatOfUnit(int z, int x, int y, double ux, double uy) {
        double half = Math.PI * R;
        double size = 2 * half / (1 << z);
        double mx = -half + (x + ux / 4096) * size;
        double my = half - (y + uy / 4096) * size;
        return new double[]{Math.toDegrees(mx / R), Math.toDegrees(2 * Math.atan(Math.exp(my / R)) - Math.PI / 2)};
    }

    /** The records within the tile and its buffer of 1/16, as the tile path reads them. */
    public static FeatureQuery tileAndBuffer(int z, int x, int y) {
        return FeatureQuery.ALL.withBbox(vn.anttmap.io.MvtTiles.lonLatBoundsWithBuffer(z, x, y));
    }
}
