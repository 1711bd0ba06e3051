package vn.anttmap.hotspot;

/** The standard normal distribution's tail probabilities. */
public final class Normal {
    private Normal() {
    }

    /** P(Z > z). */
    public static double upperTail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /** The two-sided p-value of a z-score: P(|Z| ≥ |z|). */
    public static double twoSided(double z) {
        return Math.min(1, erfc(Math.abs(z) / Math.sqrt(2)));
    }

    /**
     * The complementary error function, by the Chebyshev fit of Numerical Recipes (3rd ed., §6.2.2), relative error
     * below 1.2 × 10⁻⁷ everywhere.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double ans = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2 - ans;
    }
}
