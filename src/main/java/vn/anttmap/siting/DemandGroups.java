package vn.anttmap.siting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demand of an instance as the solvers see it: demand points covered by exactly the same options are one group
 * whose weight is their sum (the same objective, fewer variables); points of weight 0 or that no option covers are
 * left out (no choice can add them). Groups are in the order of their first point, so the model is deterministic.
 *
 * @param weight    each group's total weight
 * @param coveredBy each group's covering options, ascending
 */
record DemandGroups(double[] weight, int[][] coveredBy) {

    static DemandGroups of(SitingInstance in) {
        double[] w = in.weights();
        List<List<Integer>> by = new ArrayList<>();
        for (int d = 0; d < w.length; d++) {
            by.add(null);
        }
        for (int o = 0; o < in.options().size(); o++) {
            for (int d : in.options().get(o).covered()) {
                if (w[d] > 0) {
                    if (by.get(d) == null) {
                        by.set(d, new ArrayList<>());
                    }
                    by.get(d).add(o);
                }
            }
        }
        Map<List<Integer>, Double> groups = new LinkedHashMap<>();
        for (int d = 0; d < w.length; d++) {
            if (by.get(d) != null) {
                groups.merge(by.get(d), w[d], Double::sum);
            }
        }
        double[] weight = new double[groups.size()];
        int[][] coveredBy = new int[groups.size()][];
        int g = 0;
        for (Map.Entry<List<Integer>, Double> e : groups.entrySet()) {
            weight[g] = e.getValue();
            coveredBy[g++] = e.getKey().stream().mapToInt(Integer::intValue).toArray();
        }
        return new DemandGroups(weight, coveredBy);
    }

    int size() {
        return weight.length;
    }

    /** The options of each site, by site index. */
    static int[][] bySite(SitingInstance in) {
        int[] n = new int[in.sites()];
        for (SitingInstance.Option o : in.options()) {
            n[o.site()]++;
        }
        int[][] out = new int[in.sites()][];
        for (int s = 0; s < out.length; s++) {
            out[s] = new int[n[s]];
        }
        Arrays.fill(n, 0);
        for (int o = 0; o < in.options().size(); o++) {
            int s = in.options().get(o).site();
            out[s][n[s]++] = o;
        }
        return out;
    }
}
