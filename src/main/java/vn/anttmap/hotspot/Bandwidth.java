package vn.anttmap.hotspot;

import java.util.Arrays;

/**
 * Default kernel bandwidth: the spatial variant of Silverman's rule that ArcGIS uses (robust to outliers):
 * {@code h = 0.9 · min(SD, √(1/ln 2) · Dm) · n^(−0.2)}, where SD is the standard distance of the points from their
 * mean centre and Dm the median of those distances.
 */
public final class Bandwidth {
    private Bandwidth() {
    }

    /** @throws HotspotException with fewer than two distinct points */
    public static double spatialSilverman(double[] xsM, double[] ysM) {
        int n = xsM.length;
        if (n < 2) {
            throw new HotspotException("a default bandwidth needs at least 2 incidents, got " + n + "; give one in metres");
        }
        double mx = Arrays.stream(xsM).average().orElseThrow();
        double my = Arrays.stream(ysM).average().orElseThrow();
        double[] d = new double[n];
        double sum2 = 0;
        for (int i = 0; i < n; i++) {
            d[i] = Math.hypot(xsM[i] - mx, ysM[i] - my);
            sum2 += d[i] * d[i];
        }
        double sd = Math.sqrt(sum2 / n);
        Arrays.sort(d);
        double median = n % 2 == 1 ? d[n / 2] : (d[n / 2 - 1] + d[n / 2]) / 2;
        double h = 0.9 * Math.min(sd, Math.sqrt(1 / Math.log(2)) * median) * Math.pow(n, -0.2);
        if (!(h > 0)) {
            throw new HotspotException("the incidents all lie at one place, so no default bandwidth exists; give one in metres");
        }
        return h;
    }
}
