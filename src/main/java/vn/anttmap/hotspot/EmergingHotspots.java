package vn.anttmap.hotspot;

/**
 * Emerging hot-spot classes of a location from its Gi* bins over consecutive time steps, after ESRI's Emerging Hot
 * Spot Analysis (hot side): the share of steps that were hot, whether the last one was, and the Mann-Kendall trend
 * of the Gi* z-scores.
 */
public final class EmergingHotspots {
    /** Intensifying, persistent, diminishing and historical need at least this share of hot steps. */
    public static final double MOSTLY = 0.9;

    public enum Pattern {
        /** Hot in the last step only. */
        NEW("mới", "new"),
        /** An unbroken run of at least two hot steps at the end, never hot before, under 90 % of the steps. */
        CONSECUTIVE("liên tiếp", "consecutive"),
        /** Hot in at least 90 % of the steps including the last, with intensity rising significantly. */
        INTENSIFYING("gia tăng", "intensifying"),
        /** Hot in at least 90 % of the steps including the last, with no significant trend. */
        PERSISTENT("kéo dài", "persistent"),
        /** Hot in at least 90 % of the steps including the last, with intensity falling significantly. */
        DIMINISHING("giảm dần", "diminishing"),
        /** Hot in the last step and on and off before, under 90 % of the steps, never cold. */
        SPORADIC("rải rác", "sporadic"),
        /** Hot in the last step, cold in some earlier step, under 90 % of the steps. */
        OSCILLATING("dao động", "oscillating"),
        /** Not hot in the last step but hot in at least 90 % of the steps. */
        HISTORICAL("trước đây", "historical"),
        NONE("không", "no pattern");

        private final String vi;
        private final String en;

        Pattern(String vi, String en) {
            this.vi = vi;
            this.en = en;
        }

        public String vi() {
            return vi;
        }

        public String en() {
            return en;
        }

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private EmergingHotspots() {
    }

    /**
     * @param bins      the location's Gi* bin per step, oldest first (positive = hot)
     * @param z         its Gi* z-score per step
     * @param trendAlpha the significance of the trend test (ESRI uses 0.05)
     */
    public static Pattern classify(int[] bins, double[] z, double trendAlpha) {
        int steps = bins.length;
        if (steps == 0) {
            return Pattern.NONE;
        }
        int hot = 0;
        boolean everCold = false;
        for (int b : bins) {
            hot += b > 0 ? 1 : 0;
            everCold |= b < 0;
        }
        boolean lastHot = bins[steps - 1] > 0;
        boolean mostly = hot >= MOSTLY * steps;
        if (!lastHot) {
            return mostly ? Pattern.HISTORICAL : Pattern.NONE;
        }
        if (mostly && steps > 1) {
            MannKendall.Trend trend = MannKendall.test(z);
            if (trend.p() <= trendAlpha) {
                return trend.s() > 0 ? Pattern.INTENSIFYING : Pattern.DIMINISHING;
            }
            return Pattern.PERSISTENT;
        }
        if (hot == 1) {
            return Pattern.NEW;
        }
        int run = 0;
        while (run < steps && bins[steps - 1 - run] > 0) {
            run++;
        }
        if (run == hot) {
            return Pattern.CONSECUTIVE;
        }
        return everCold ? Pattern.OSCILLATING : Pattern.SPORADIC;
    }
}
