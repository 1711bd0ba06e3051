package vn.anttmap.hotspot;

/**
 * The Mann-Kendall trend test: {@code S = Σ_{i<j} sign(x_j − x_i)}, variance {@code n(n−1)(2n+5)/18} less the
 * correction for ties, and the continuity-corrected z-score.
 */
public final class MannKendall {
    private MannKendall() {
    }

    /** @param s the statistic, @param z its z-score, @param p two-sided p-value */
    public record Trend(long s, double z, double p) {
    }

    public static Trend test(double[] x) {
        int n = x.length;
        long s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                s += (long) Math.signum(x[j] - x[i]);
            }
        }
        double[] sorted = x.clone();
        java.util.Arrays.sort(sorted);
        double ties = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && sorted[j] == sorted[i]) {
                j++;
            }
            int t = j - i;
            ties += t * (t - 1.0) * (2.0 * t + 5);
            i = j;
        }
        double var = (n * (n - 1.0) * (2.0 * n + 5) - ties) / 18.0;
        double z = var <= 0 || s == 0 ? 0 : (s > 0 ? (s - 1) : (s + 1)) / Math.sqrt(var);
        return new Trend(s, z, Normal.twoSided(z));
    }
}
