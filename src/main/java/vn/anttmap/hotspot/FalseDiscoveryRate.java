package vn.anttmap.hotspot;

import java.util.Arrays;

/**
 * The Benjamini–Hochberg (1995) step-up procedure: sort the m p-values ascending, find the largest k with
 * {@code p(k) ≤ k/m · α}, and reject the tests with the k smallest p-values.
 */
public final class FalseDiscoveryRate {
    private FalseDiscoveryRate() {
    }

    /**
     * The largest p-value rejected at false-discovery rate {@code alpha}: every test with a p-value at or below it is
     * significant. {@code -1} when none is.
     */
    public static double cutoff(double[] pValues, double alpha) {
        double[] p = pValues.clone();
        Arrays.sort(p);
        int m = p.length;
        double cut = -1;
        for (int k = 1; k <= m; k++) {
            if (p[k - 1] <= (double) k / m * alpha) {
                cut = p[k - 1];
            }
        }
        return cut;
    }
}
