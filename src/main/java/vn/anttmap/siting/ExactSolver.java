package vn.anttmap.siting;

import com.google.ortools.Loader;
import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Maximal covering solved exactly with OR-Tools CP-SAT: x_o = option chosen, y_g = demand group covered (points
 * covered by the same options are one group, see {@link DemandGroups}); maximise Σ w_g y_g subject to
 * y_g ≤ Σ_{o covers g} x_o, at most one option per site, and Σ x_o ≤ k (or Σ cost_o x_o ≤ budget).
 *
 * <p>The search starts from the lazy greedy improved by {@link LocalSearch} (a hint), and the covering rows go into
 * CP-SAT's LP relaxation (linearization level 2; at the default level its bound stayed at the total weight and a
 * ward of 700 options was not proved in 30 s). Weights are scaled to integers (10⁻⁶ of a unit) for the solver; the
 * reported value is recomputed with the real weights, and the reported bound is CP-SAT's bound plus the most the
 * rounding can be off by, so it bounds the real optimum. If CP-SAT ends with a worse choice than its start, the start
 * is returned. Deterministic: one search worker, fixed seed.
 */
public final class ExactSolver {
    static final double SCALE = 1_000_000;
    private static volatile boolean loaded;

    private ExactSolver() {
    }

    /** Whether OR-Tools' native library loads on this machine. */
    public static boolean available() {
        try {
            load();
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static synchronized void load() {
        if (!loaded) {
            Loader.loadNativeLibraries();
            loaded = true;
        }
    }

    public static Selection byCount(SitingInstance in, int count, double timeLimitSeconds) {
        Selection start = LocalSearch.byCount(in, LazyGreedy.byCount(in, count), count);
        return solve(in, count, Double.POSITIVE_INFINITY, timeLimitSeconds, start);
    }

    public static Selection byBudget(SitingInstance in, double budget, double timeLimitSeconds) {
        Selection start = LocalSearch.byBudget(in, LazyGreedy.byBudget(in, budget), budget);
        return solve(in, Integer.MAX_VALUE, budget, timeLimitSeconds, start);
    }

    private static Selection solve(SitingInstance in, int count, double budget, double timeLimitSeconds, Selection start) {
        load();
        CpModel model = new CpModel();
        int n = in.options().size();
        BoolVar[] x = new BoolVar[n];
        for (int o = 0; o < n; o++) {
            x[o] = model.newBoolVar("x" + o);
        }
        DemandGroups groups = DemandGroups.of(in);
        LinearExprBuilder objective = LinearExpr.newBuilder();
        // How far the scaled objective can be from the real one, for any choice: Σ |w_g − round(w_g·SCALE)/SCALE|.
        double roundingSlack = 0;
        for (int g = 0; g < groups.size(); g++) {
            long w = Math.round(groups.weight()[g] * SCALE);
            roundingSlack += Math.abs(groups.weight()[g] - w / SCALE);
            if (w <= 0) {
                continue;
            }
            BoolVar y = model.newBoolVar("y" + g);
            LinearExprBuilder cover = LinearExpr.newBuilder();
            for (int o : groups.coveredBy()[g]) {
                cover.add(x[o]);
            }
            model.addLessOrEqual(y, cover);
            objective.addTerm(y, w);
        }
        for (int[] site : DemandGroups.bySite(in)) {
            if (site.length > 1) {
                BoolVar[] vars = new BoolVar[site.length];
                for (int i = 0; i < site.length; i++) {
                    vars[i] = x[site[i]];
                }
                model.addAtMostOne(vars);
            }
        }
        if (count != Integer.MAX_VALUE) {
            model.addLessOrEqual(LinearExpr.sum(x), count);
        }
        if (budget != Double.POSITIVE_INFINITY) {
            LinearExprBuilder cost = LinearExpr.newBuilder();
            for (int o = 0; o < n; o++) {
                cost.addTerm(x[o], Math.round(in.options().get(o).cost() * 1000));
            }
            model.addLessOrEqual(cost, Math.round(budget * 1000));
        }
        model.maximize(objective);
        Set<Integer> hinted = new HashSet<>(start.chosen());
        for (int o = 0; o < n; o++) {
            model.addHint(x[o], hinted.contains(o));
        }
        CpSolver solver = new CpSolver();
        solver.getParameters().setNumSearchWorkers(1).setRandomSeed(1).setMaxTimeInSeconds(timeLimitSeconds)
                .setLinearizationLevel(2);
        CpSolverStatus status = solver.solve(model);
        boolean optimal = status == CpSolverStatus.OPTIMAL;
        double cpBound = status == CpSolverStatus.OPTIMAL || status == CpSolverStatus.FEASIBLE
                ? solver.bestObjectiveBound() / SCALE + roundingSlack : Double.POSITIVE_INFINITY;
        List<Integer> chosen = new ArrayList<>();
        if (status == CpSolverStatus.OPTIMAL || status == CpSolverStatus.FEASIBLE) {
            for (int o = 0; o < n; o++) {
                if (solver.booleanValue(x[o])) {
                    chosen.add(o);
                }
            }
        }
        double value = in.value(chosen);
        if (chosen.isEmpty() || value < start.value()) {
            if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE && status != CpSolverStatus.UNKNOWN) {
                throw new IllegalStateException("CP-SAT found no solution: " + status);
            }
            String how = optimal ? "exact (OR-Tools CP-SAT; its optimum is the greedy's)" : "CP-SAT, time limit reached; "
                    + "kept its start, " + start.method();
            double bound = Math.max(start.value(), Math.min(start.upperBound(), cpBound));
            return new Selection(start.chosen(), start.gains(), start.value(), bound, how, optimal);
        }
        List<Double> gains = in.gains(chosen);
        double bound = Math.max(value, Math.min(start.upperBound(), cpBound));
        return new Selection(chosen, gains, value, bound, optimal ? "exact (OR-Tools CP-SAT)" : "CP-SAT, time limit reached", optimal);
    }
}
