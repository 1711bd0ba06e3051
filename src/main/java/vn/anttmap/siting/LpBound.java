package vn.anttmap.siting;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;

import java.util.Arrays;

/**
 * An upper bound on the maximal-covering optimum from its LP relaxation, solved with OR-Tools' GLOP: maximise
 * Σ w_g y_g subject to y_g ≤ Σ_{o covers g} x_o, 0 ≤ y_g ≤ 1, Σ_{o at site s} x_o ≤ 1, Σ x_o ≤ k (or Σ c_o x_o ≤ B),
 * x_o ≥ 0, over demand groups g (see {@link DemandGroups}).
 *
 * <p>The bound reported is not GLOP's objective but a Lagrangian certificate computed here from GLOP's dual values
 * u_g ≥ 0 of the covering rows: for <em>any</em> u ≥ 0 and λ ≥ 0 and any feasible choice,
 * Σ w_g y_g ≤ Σ_g max(0, w_g − u_g) + λB + Σ_s max(0, max_{o at s} (U_o − λ c_o)) with U_o = Σ_{g covered by o} u_g
 * (for a count, c_o = 1 and B = k, and the best λ makes the last two terms the sum of the k largest
 * max_{o at s} U_o). So the bound holds whatever the LP solver's tolerances or status; with optimal duals it equals
 * the LP optimum. Needs OR-Tools' native library ({@link ExactSolver#available()}).
 */
public final class LpBound {
    private LpBound() {
    }

    /** An upper bound on what at most {@code count} options can cover; +∞ when the LP gives none. */
    public static double byCount(SitingInstance in, int count, double timeLimitSeconds) {
        return solve(in, count, Double.POSITIVE_INFINITY, timeLimitSeconds);
    }

    /** An upper bound on what options costing at most {@code budget} in all can cover; +∞ when the LP gives none. */
    public static double byBudget(SitingInstance in, double budget, double timeLimitSeconds) {
        return solve(in, Integer.MAX_VALUE, budget, timeLimitSeconds);
    }

    private static double solve(SitingInstance in, int count, double budget, double timeLimitSeconds) {
        ExactSolver.load();
        DemandGroups groups = DemandGroups.of(in);
        int[][] bySite = DemandGroups.bySite(in);
        MPSolver solver = MPSolver.createSolver("GLOP");
        if (solver == null) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            int n = in.options().size();
            MPVariable[] x = new MPVariable[n];
            for (int o = 0; o < n; o++) {
                x[o] = solver.makeNumVar(0, 1, "x" + o);
            }
            MPObjective objective = solver.objective();
            MPConstraint[] cover = new MPConstraint[groups.size()];
            for (int g = 0; g < groups.size(); g++) {
                MPVariable y = solver.makeNumVar(0, 1, "y" + g);
                objective.setCoefficient(y, groups.weight()[g]);
                cover[g] = solver.makeConstraint(Double.NEGATIVE_INFINITY, 0, "cover" + g);
                cover[g].setCoefficient(y, 1);
                for (int o : groups.coveredBy()[g]) {
                    cover[g].setCoefficient(x[o], -1);
                }
            }
            for (int s = 0; s < bySite.length; s++) {
                if (bySite[s].length > 1) {
                    MPConstraint site = solver.makeConstraint(Double.NEGATIVE_INFINITY, 1, "site" + s);
                    for (int o : bySite[s]) {
                        site.setCoefficient(x[o], 1);
                    }
                }
            }
            boolean budgeted = budget != Double.POSITIVE_INFINITY;
            MPConstraint limit = solver.makeConstraint(Double.NEGATIVE_INFINITY, budgeted ? budget : count, "limit");
            for (int o = 0; o < n; o++) {
                limit.setCoefficient(x[o], budgeted ? in.options().get(o).cost() : 1);
            }
            objective.setMaximization();
            solver.setTimeLimit(Math.max(1, Math.round(timeLimitSeconds * 1000)));
            MPSolver.ResultStatus status = solver.solve();
            if (status != MPSolver.ResultStatus.OPTIMAL && status != MPSolver.ResultStatus.FEASIBLE) {
                return Double.POSITIVE_INFINITY;
            }
            double[] u = new double[groups.size()];
            for (int g = 0; g < u.length; g++) {
                // The sign convention of a dual value depends on the sense; the certificate only needs u ≥ 0.
                u[g] = Math.abs(cover[g].dualValue());
            }
            double lambda = Math.abs(limit.dualValue());
            return budgeted ? certificate(in, groups, bySite, u, budget, lambda) : certificate(in, groups, bySite, u, count);
        } finally {
            solver.delete();
        }
    }

    /** The Lagrangian bound for a count: Σ max(0, w_g − u_g) plus the k largest per-site max U_o. */
    static double certificate(SitingInstance in, DemandGroups groups, int[][] bySite, double[] u, int count) {
        double[] perSite = perSite(in, groups, bySite, u, 0);
        Arrays.sort(perSite);
        double sum = residual(groups, u);
        for (int i = perSite.length - 1; i >= 0 && i >= perSite.length - count; i--) {
            sum += perSite[i];
        }
        return sum;
    }

    /**
     * The Lagrangian bound for a budget, at the smallest value over λ found (it is convex in λ): the LP's own λ and
     * a ternary search; every λ ≥ 0 gives a valid bound, so the smallest seen is one.
     */
    static double certificate(SitingInstance in, DemandGroups groups, int[][] bySite, double[] u, double budget,
                              double lambdaLp) {
        double residual = residual(groups, u);
        double[] coverU = coverU(in, groups, u);
        double hi = 0;
        for (int o = 0; o < coverU.length; o++) {
            double c = in.options().get(o).cost();
            if (c > 0) {
                hi = Math.max(hi, coverU[o] / c);
            }
        }
        double best = atLambda(in, bySite, coverU, budget, lambdaLp);
        double lo = 0;
        for (int i = 0; i < 200; i++) {
            double a = lo + (hi - lo) / 3;
            double b = hi - (hi - lo) / 3;
            double fa = atLambda(in, bySite, coverU, budget, a);
            double fb = atLambda(in, bySite, coverU, budget, b);
            best = Math.min(best, Math.min(fa, fb));
            if (fa <= fb) {
                hi = b;
            } else {
                lo = a;
            }
        }
        best = Math.min(best, Math.min(atLambda(in, bySite, coverU, budget, 0), atLambda(in, bySite, coverU, budget, lo)));
        return residual + best;
    }

    private static double atLambda(SitingInstance in, int[][] bySite, double[] coverU, double budget, double lambda) {
        double sum = lambda * budget;
        for (int[] site : bySite) {
            double best = 0;
            for (int o : site) {
                best = Math.max(best, coverU[o] - lambda * in.options().get(o).cost());
            }
            sum += best;
        }
        return sum;
    }

    private static double residual(DemandGroups groups, double[] u) {
        double sum = 0;
        for (int g = 0; g < u.length; g++) {
            sum += Math.max(0, groups.weight()[g] - u[g]);
        }
        return sum;
    }

    private static double[] coverU(SitingInstance in, DemandGroups groups, double[] u) {
        double[] coverU = new double[in.options().size()];
        for (int g = 0; g < u.length; g++) {
            for (int o : groups.coveredBy()[g]) {
                coverU[o] += u[g];
            }
        }
        return coverU;
    }

    private static double[] perSite(SitingInstance in, DemandGroups groups, int[][] bySite, double[] u, double lambda) {
        double[] coverU = coverU(in, groups, u);
        double[] out = new double[bySite.length];
        for (int s = 0; s < bySite.length; s++) {
            for (int o : bySite[s]) {
                out[s] = Math.max(out[s], coverU[o] - lambda * in.options().get(o).cost());
            }
        }
        return out;
    }
}
