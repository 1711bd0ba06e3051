package vn.anttmap.siting;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Greedy maximal covering with lazy evaluation (Minoux): options sit in a priority queue keyed by their last known
 * marginal gain, which can only shrink; the top is re-evaluated until it stays on top. Picks at most one option per
 * site. With a count limit the result covers at least (1 − 1/e) of the optimum. Ties break by option index, so the
 * same instance always gives the same answer.
 *
 * <p>The upper bound is data-dependent: for any set O of at most k options and any S, f(O) ≤ f(S) + Σ Δ(o | S) over
 * O, so f(S) plus the k largest marginal gains with respect to S (one per site) bounds the optimum; it is taken at
 * steps 0, 1, 2, 4, 8, … and the last of the greedy, and the smallest kept. With a budget the sum is the fractional knapsack of marginal gains
 * within the budget.
 */
public final class LazyGreedy {
    private LazyGreedy() {
    }

    /** At most {@code count} options. */
    public static Selection byCount(SitingInstance in, int count) {
        return solve(in, count, Double.POSITIVE_INFINITY);
    }

    /**
     * Options whose costs add up to at most {@code budget}, chosen by gain per cost; the single best affordable option
     * is taken instead when it alone covers more (the classic guard for budgeted coverage).
     */
    public static Selection byBudget(SitingInstance in, double budget) {
        return solve(in, Integer.MAX_VALUE, budget);
    }

    private record Entry(int option, double key, int round) {
    }

    private static Selection solve(SitingInstance in, int count, double budget) {
        boolean budgeted = budget != Double.POSITIVE_INFINITY;
        boolean[] covered = new boolean[in.weights().length];
        boolean[] siteUsed = new boolean[in.sites()];
        List<Integer> chosen = new ArrayList<>();
        List<Double> gains = new ArrayList<>();
        PriorityQueue<Entry> queue = new PriorityQueue<>(Comparator.comparingDouble((Entry e) -> -e.key())
                .thenComparingInt(Entry::option));
        for (int o = 0; o < in.options().size(); o++) {
            double g = gain(in, o, covered);
            if (g > 0 && in.options().get(o).cost() <= budget) {
                queue.add(new Entry(o, budgeted ? g / in.options().get(o).cost() : g, 0));
            }
        }
        double spent = 0;
        double value = 0;
        int round = 0;
        double bound = boundAt(in, covered, 0, count, budget, budgeted);
        while (!queue.isEmpty() && chosen.size() < count) {
            Entry top = queue.poll();
            SitingInstance.Option opt = in.options().get(top.option());
            if (siteUsed[opt.site()] || spent + opt.cost() > budget) {
                continue;
            }
            if (top.round() != round) {
                double g = gain(in, top.option(), covered);
                if (g > 0) {
                    queue.add(new Entry(top.option(), budgeted ? g / opt.cost() : g, round));
                }
                continue;
            }
            double g = gain(in, top.option(), covered);
            for (int d : opt.covered()) {
                covered[d] = true;
            }
            siteUsed[opt.site()] = true;
            chosen.add(top.option());
            gains.add(g);
            value += g;
            spent += opt.cost();
            round++;
            if (Integer.bitCount(round) == 1) {
                bound = Math.min(bound, boundAt(in, covered, value, count, budget, budgeted));
            }
        }
        if (budgeted) {
            int best = -1;
            double bestValue = value;
            for (int o = 0; o < in.options().size(); o++) {
                if (in.options().get(o).cost() <= budget) {
                    double v = in.value(List.of(o));
                    if (v > bestValue) {
                        bestValue = v;
                        best = o;
                    }
                }
            }
            if (best >= 0) {
                chosen = List.of(best);
                gains = List.of(bestValue);
                value = bestValue;
                covered = new boolean[in.weights().length];
                for (int d : in.options().get(best).covered()) {
                    covered[d] = true;
                }
            }
        }
        bound = Math.max(value, Math.min(bound, boundAt(in, covered, value, count, budget, budgeted)));
        return new Selection(chosen, gains, value, bound, budgeted ? "lazy greedy (gain per cost)" : "lazy greedy", false);
    }

    /** f(S) plus what any feasible set could still add to S: an upper bound on the optimum. */
    private static double boundAt(SitingInstance in, boolean[] covered, double value, int count, double budget,
                                  boolean budgeted) {
        return value + (budgeted ? fractionalKnapsack(in, covered, budget) : topGains(in, covered, count));
    }

    /** The sum of the k largest marginal gains, at most one per site. */
    private static double topGains(SitingInstance in, boolean[] covered, int k) {
        double[] bestPerSite = new double[in.sites()];
        for (int o = 0; o < in.options().size(); o++) {
            int s = in.options().get(o).site();
            bestPerSite[s] = Math.max(bestPerSite[s], gain(in, o, covered));
        }
        double[] sorted = bestPerSite.clone();
        java.util.Arrays.sort(sorted);
        double sum = 0;
        for (int i = sorted.length - 1; i >= 0 && i >= sorted.length - k; i--) {
            sum += sorted[i];
        }
        return sum;
    }

    /** The LP relaxation of a knapsack over marginal gains: an upper bound on what the budget could still add. */
    private static double fractionalKnapsack(SitingInstance in, boolean[] covered, double budget) {
        List<double[]> items = new ArrayList<>();
        for (int o = 0; o < in.options().size(); o++) {
            double g = gain(in, o, covered);
            if (g > 0) {
                items.add(new double[]{g, in.options().get(o).cost()});
            }
        }
        items.sort(Comparator.comparingDouble((double[] i) -> -i[0] / i[1]));
        double left = budget;
        double sum = 0;
        for (double[] i : items) {
            if (left <= 0) {
                break;
            }
            double take = Math.min(1, left / i[1]);
            sum += take * i[0];
            left -= take * i[1];
        }
        return sum;
    }

    static double gain(SitingInstance in, int option, boolean[] covered) {
        double g = 0;
        for (int d : in.options().get(option).covered()) {
            if (!covered[d]) {
                g += in.weights()[d];
            }
        }
        return g;
    }
}
