package vn.anttmap.siting;

import java.util.ArrayList;
import java.util.List;

/**
 * 1-exchange local search from a starting selection: swap one chosen option for one not chosen (or add one while the
 * count or budget leaves room), taking the move that raises the covered weight most, until no move raises it. Only
 * strictly improving moves are taken, so the value never falls below the start's; at most one option per site, and
 * the count or budget is kept. Ties break by the lowest indices, so the same start always gives the same answer.
 * The start's upper bound stays valid (it bounds every feasible choice).
 */
public final class LocalSearch {
    /** A move must add more than this share of the value (guards against loops on rounding noise). */
    static final double MIN_GAIN = 1e-12;
    private static final int MAX_MOVES = 10_000;

    private LocalSearch() {
    }

    public static Selection byCount(SitingInstance in, Selection start, int count) {
        return solve(in, start, count, Double.POSITIVE_INFINITY);
    }

    public static Selection byBudget(SitingInstance in, Selection start, double budget) {
        return solve(in, start, Integer.MAX_VALUE, budget);
    }

    private static Selection solve(SitingInstance in, Selection start, int count, double budget) {
        double[] w = in.weights();
        int n = in.options().size();
        List<Integer> chosen = new ArrayList<>(start.chosen());
        int[] cnt = new int[w.length];
        int[] siteHolder = new int[in.sites()];
        java.util.Arrays.fill(siteHolder, -1);
        boolean[] isChosen = new boolean[n];
        double spent = 0;
        for (int p = 0; p < chosen.size(); p++) {
            int o = chosen.get(p);
            isChosen[o] = true;
            siteHolder[in.options().get(o).site()] = p;
            spent += in.options().get(o).cost();
            for (int d : in.options().get(o).covered()) {
                cnt[d]++;
            }
        }
        double value = in.value(chosen);
        boolean[] onlyByRemoved = new boolean[w.length];
        int moves = 0;
        while (moves < MAX_MOVES) {
            double bestDelta = MIN_GAIN * Math.max(1, value);
            int bestPos = -2;
            int bestIn = -1;
            // pos = -1: add without removing; pos ≥ 0: swap out chosen.get(pos)
            for (int pos = -1; pos < chosen.size(); pos++) {
                double loss = 0;
                int out = pos < 0 ? -1 : chosen.get(pos);
                if (pos < 0 && chosen.size() >= count) {
                    continue;
                }
                if (out >= 0) {
                    for (int d : in.options().get(out).covered()) {
                        if (cnt[d] == 1) {
                            onlyByRemoved[d] = true;
                            loss += w[d];
                        }
                    }
                }
                double room = budget - spent + (out >= 0 ? in.options().get(out).cost() : 0);
                for (int o = 0; o < n; o++) {
                    SitingInstance.Option opt = in.options().get(o);
                    if (isChosen[o] || opt.cost() > room) {
                        continue;
                    }
                    int holder = siteHolder[opt.site()];
                    if (holder >= 0 && holder != pos) {
                        continue;
                    }
                    double gain = 0;
                    for (int d : opt.covered()) {
                        if (cnt[d] == 0 || onlyByRemoved[d]) {
                            gain += w[d];
                        }
                    }
                    if (gain - loss > bestDelta) {
                        bestDelta = gain - loss;
                        bestPos = pos;
                        bestIn = o;
                    }
                }
                if (out >= 0) {
                    for (int d : in.options().get(out).covered()) {
                        onlyByRemoved[d] = false;
                    }
                }
            }
            if (bestIn < 0) {
                break;
            }
            SitingInstance.Option add = in.options().get(bestIn);
            if (bestPos >= 0) {
                int out = chosen.get(bestPos);
                SitingInstance.Option rem = in.options().get(out);
                isChosen[out] = false;
                siteHolder[rem.site()] = -1;
                spent -= rem.cost();
                for (int d : rem.covered()) {
                    cnt[d]--;
                }
                chosen.set(bestPos, bestIn);
                siteHolder[add.site()] = bestPos;
            } else {
                chosen.add(bestIn);
                siteHolder[add.site()] = chosen.size() - 1;
            }
            isChosen[bestIn] = true;
            spent += add.cost();
            for (int d : add.covered()) {
                cnt[d]++;
            }
            value = in.value(chosen);
            moves++;
        }
        if (moves == 0) {
            return start;
        }
        List<Double> gains = in.gains(chosen);
        return new Selection(chosen, gains, value, Math.max(value, start.upperBound()),
                start.method() + " + 1-exchange (" + moves + (moves == 1 ? " move)" : " moves)"), start.optimal());
    }
}
