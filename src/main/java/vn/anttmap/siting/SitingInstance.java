package vn.anttmap.siting;

import java.util.List;

/**
 * A maximal covering instance.
 *
 * @param weights demand weights (already-covered demand has weight 0 or is left out)
 * @param options every way to place one camera: a site, a bearing, what it covers, what it costs
 * @param sites   how many distinct sites there are; at most one option per site may be chosen
 */
public record SitingInstance(double[] weights, List<Option> options, int sites) {

    public SitingInstance {
        options = List.copyOf(options);
    }

    /**
     * @param site      the site's index (0..sites-1)
     * @param siteId    the site's id (a candidate point, or the camera to repair)
     * @param bearingDeg the bearing of this option, degrees clockwise from north
     * @param covered   indices of the demand points this option covers, ascending
     * @param cost      its cost (for budgets), 1 when planning by count
     */
    public record Option(int site, String siteId, double bearingDeg, int[] covered, double cost) {
    }

    /** What each option adds to those before it, in the order given (their sum is {@link #value}). */
    public List<Double> gains(List<Integer> chosen) {
        boolean[] seen = new boolean[weights.length];
        List<Double> out = new java.util.ArrayList<>();
        for (int o : chosen) {
            double g = 0;
            for (int d : options.get(o).covered()) {
                if (!seen[d]) {
                    seen[d] = true;
                    g += weights[d];
                }
            }
            out.add(g);
        }
        return out;
    }

    /** Total weight covered by a set of options. */
    public double value(List<Integer> chosen) {
        boolean[] seen = new boolean[weights.length];
        double v = 0;
        for (int o : chosen) {
            for (int d : options.get(o).covered()) {
                if (!seen[d]) {
                    seen[d] = true;
                    v += weights[d];
                }
            }
        }
        return v;
    }
}
