package vn.anttmap.siting;

import com.google.ortools.Loader;
import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * Maximal covering solved exactly with OR-Tools CP-SAT: x_o = option chosen, y_d = demand covered;
 * maximise Σ w_d y_d subject to y_d ≤ Σ_{o covers d} x_o, at most one option per site, and Σ x_o ≤ k (or
 * Σ cost_o x_o ≤ budget). Weights are scaled to integers (1/1000 of a unit) for the solver; the reported value is
 * recomputed with the real weights. Deterministic: one search worker, fixed seed.
 */
public final class ExactSolver {
    static final double SCALE = 1000;
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

    private static synchronized void load() {
        if (!loaded) {
            Loader.loadNativeLibraries();
            loaded = true;
        }
    }

    public static Selection byCount(SitingInstance in, int count, double timeLimitSeconds) {
        return solve(in, count, Double.POSITIVE_INFINITY, timeLimitSeconds);
    }

    public static Selection byBudget(SitingInstance in, double budget, double timeLimitSeconds) {
        return solve(in, Integer.MAX_VALUE, budget, timeLimitSeconds);
    }

    private static Selection solve(SitingInstance in, int count, double budget, double timeLimitSeconds) {
        load();
        CpModel model = new CpModel();
        int n = in.options().size();
        BoolVar[] x = new BoolVar[n];
        for (int o = 0; o < n; o++) {
            x[o] = model.newBoolVar("x" + o);
        }
        List<List<Integer>> coveredBy = new ArrayList<>();
        for (int d = 0; d < in.weights().length; d++) {
            coveredBy.add(new ArrayList<>());
        }
        List<List<Integer>> bySite = new ArrayList<>();
        for (int s = 0; s < in.sites(); s++) {
            bySite.add(new ArrayList<>());
        }
        for (int o = 0; o < n; o++) {
            for (int d : in.options().get(o).covered()) {
                coveredBy.get(d).add(o);
            }
            bySite.get(in.options().get(o).site()).add(o);
        }
        LinearExprBuilder objective = LinearExpr.newBuilder();
        for (int d = 0; d < in.weights().length; d++) {
            long w = Math.round(in.weights()[d] * SCALE);
            if (w <= 0 || coveredBy.get(d).isEmpty()) {
                continue;
            }
            BoolVar y = model.newBoolVar("y" + d);
            LinearExprBuilder cover = LinearExpr.newBuilder();
            coveredBy.get(d).forEach(o -> cover.add(x[o]));
            model.addLessOrEqual(y, cover);
            objective.addTerm(y, w);
        }
        for (List<Integer> site : bySite) {
            if (site.size() > 1) {
                model.addAtMostOne(site.stream().map(o -> x[o]).toArray(BoolVar[]::new));
            }
        }
        if (count != Integer.MAX_VALUE) {
            model.addLessOrEqual(LinearExpr.sum(x), count);
        }
        if (budget != Double.POSITIVE_INFINITY) {
            LinearExprBuilder cost = LinearExpr.newBuilder();
            for (int o = 0; o < n; o++) {
                cost.addTerm(x[o], Math.round(in.options().get(o).cost() * SCALE));
            }
            model.addLessOrEqual(cost, Math.round(budget * SCALE));
        }
        model.maximize(objective);
        CpSolver solver = new CpSolver();
        solver.getParameters().setNumSearchWorkers(1).setRandomSeed(1).setMaxTimeInSeconds(timeLimitSeconds);
        CpSolverStatus status = solver.solve(model);
        if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
            throw new IllegalStateException("CP-SAT found no solution: " + status);
        }
        List<Integer> chosen = new ArrayList<>();
        for (int o = 0; o < n; o++) {
            if (solver.booleanValue(x[o])) {
                chosen.add(o);
            }
        }
        List<Double> gains = new ArrayList<>();
        List<Integer> sofar = new ArrayList<>();
        double before = 0;
        for (int o : chosen) {
            sofar.add(o);
            double v = in.value(sofar);
            gains.add(v - before);
            before = v;
        }
        boolean optimal = status == CpSolverStatus.OPTIMAL;
        double value = in.value(chosen);
        double bound = optimal ? value : Math.max(value, solver.bestObjectiveBound() / SCALE);
        return new Selection(chosen, gains, value, bound, optimal ? "exact (OR-Tools CP-SAT)" : "CP-SAT, time limit reached", optimal);
    }
}
