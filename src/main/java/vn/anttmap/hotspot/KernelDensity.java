package vn.anttmap.hotspot;

/**
 * Kernel density estimation in metres with the quartic (biweight) kernel of Silverman (1986), as ArcGIS and QGIS use
 * it: {@code K(d) = 3 / (π h²) · (1 − d²/h²)²} for {@code d < h}, else 0. The kernel integrates to one, so the
 * density summed over the cells times the cell area gives back the number of points (less what spills over the
 * grid's edge). Values do not depend on any map zoom: they are computed on a grid in a projected CRS.
 */
public final class KernelDensity {
    private KernelDensity() {
    }

    /** The quartic kernel's value at distance {@code dM} for bandwidth {@code hM}, per square metre. */
    public static double quartic(double dM, double hM) {
        if (dM >= hM) {
            return 0;
        }
        double u = 1 - (dM * dM) / (hM * hM);
        return 3.0 / (Math.PI * hM * hM) * u * u;
    }

    /**
     * The density at every cell centre, in points per square kilometre.
     *
     * @param xsM        point x in metres
     * @param ysM        point y in metres
     * @param bandwidthM the kernel's radius
     */
    public static double[] densityPerKm2(Grid grid, double[] xsM, double[] ysM, double bandwidthM) {
        if (!(bandwidthM > 0)) {
            throw new IllegalArgumentException("bandwidth must be positive, got " + bandwidthM + " m");
        }
        double[] out = new double[grid.size()];
        int reach = (int) Math.ceil(bandwidthM / grid.cellM()) + 1;
        for (int i = 0; i < xsM.length; i++) {
            int pc = (int) Math.floor((xsM[i] - grid.originXM()) / grid.cellM());
            int pr = (int) Math.floor((ysM[i] - grid.originYM()) / grid.cellM());
            for (int r = Math.max(0, pr - reach); r <= Math.min(grid.rows() - 1, pr + reach); r++) {
                for (int c = Math.max(0, pc - reach); c <= Math.min(grid.cols() - 1, pc + reach); c++) {
                    int k = grid.index(c, r);
                    double k2 = quartic(Math.hypot(grid.centreX(k) - xsM[i], grid.centreY(k) - ysM[i]), bandwidthM);
                    out[k] += k2 * 1e6;
                }
            }
        }
        return out;
    }
}
