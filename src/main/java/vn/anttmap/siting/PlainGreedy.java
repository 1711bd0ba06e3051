package vn.anttmap.siting;

import java.util.ArrayList;
import java.util.List;

/**
 * Greedy maximal covering that re-evaluates every option each round: the textbook algorithm, kept as the baseline
 * the lazy version is measured against (same answer, more work).
 */
public final class PlainGreedy {
    private PlainGreedy() {
    }

    public static Selection byCount(SitingInstance in, int count) {
        boolean[] covered = new boolean[in.weights().length];
        boolean[] siteUsed = new boolean[in.sites()];
        List<Integer> chosen = new ArrayList<>();
        List<Double> gains = new ArrayList<>();
        double value = 0;
        while (chosen.size() < count) {
            int best = -1;
            double bestGain = 0;
            for (int o = 0; o < in.options().size(); o++) {
                if (siteUsed[in.options().get(o).site()]) {
                    continue;
                }
                double g = LazyGreedy.gain(in, o, covered);
                if (g > bestGain) {
                    bestGain = g;
                    best = o;
                }
            }
            if (best < 0) {
                break;
            }
            for (int d : in.options().get(best).covered()) {
                covered[d] = true;
            }
            siteUsed[in.options().get(best).site()] = true;
            chosen.add(best);
            gains.add(bestGain);
            value += bestGain;
        }
        return new Selection(chosen, gains, value, Double.NaN, "plain greedy", false);
    }
}
