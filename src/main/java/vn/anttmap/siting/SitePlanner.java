package vn.anttmap.siting;

import org.locationtech.jts.geom.Geometry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plans camera sites as maximal covering: of weighted demand points, what the working cameras do not already cover,
 * the candidate sites (each with a few bearings) that cover the most, within a count of sites or a budget. Small
 * instances are solved exactly ({@link ExactSolver}, CP-SAT), large ones by {@link LazyGreedy} improved by
 * {@link LocalSearch}; a selection not proved optimal carries the smaller of the greedy's upper bound and the LP
 * relaxation's ({@link LpBound}). The same input always gives the same plan. Metres in one projected CRS throughout.
 */
public final class SitePlanner {
    /** Instances up to this many options × demand points are solved exactly when the method is {@code auto}. */
    public static final long EXACT_LIMIT = 4_000_000;
    /**
     * A plan that is not proved optimal gets the LP relaxation's bound (GLOP) when its options × demand points are at
     * most this, within {@link #LP_SECONDS}; it replaces the greedy's own bound when smaller. The proposals never
     * depend on it (only the bound could, were GLOP to stop at its time limit). A ward is about 3 million; the whole
     * province (10¹¹) is left to the greedy's bound, whose gap there is already 0.01 %, as GLOP takes 3 s more.
     */
    public static final long LP_LIMIT = 50_000_000;
    public static final double LP_SECONDS = 10;
    /** The exact solver's time limit, seconds. */
    public static final double EXACT_SECONDS = 30;

    private SitePlanner() {
    }

    /**
     * How many cameras a plan may add: a count of sites, or (when {@code budget} is set) a sum of costs.
     *
     * @param count  the number of sites, 1–1000, when there is no budget
     * @param budget the money to spend instead, or {@code null}
     */
    public record Limit(int count, Double budget) {
        public static final int DEFAULT_COUNT = 10;

        /** @throws IllegalArgumentException for a count outside 1–1000 without a budget */
        public static Limit of(Integer count, Double budget) {
            int c = count == null ? DEFAULT_COUNT : count;
            if (budget == null && (c < 1 || c > 1000)) {
                throw new IllegalArgumentException("count must be 1–1000, got " + c);
            }
            return new Limit(c, budget);
        }

        public boolean byBudget() {
            return budget != null;
        }
    }

    /** A working camera: where it stands, which way it looks, how wide and how far. */
    public record Camera(double xM, double yM, double bearingDeg, double fovDeg, double rangeM) {
    }

    /**
     * A chosen option.
     *
     * @param site   its candidate site
     * @param option the option (the site and a bearing) with what it covers
     * @param gain   the weight it adds to those chosen before it
     */
    public record Placement(CandidateSite site, SitingInstance.Option option, double gain) {
    }

    /**
     * A plan.
     *
     * @param demandPoints   the number of demand points
     * @param totalDemand    their summed weight
     * @param coveredBefore  what the working cameras already cover
     * @param candidateSites the number of candidate sites
     * @param options        the number of options (sites × bearings)
     * @param selection      the solver's answer, over what was not yet covered
     * @param placements     the chosen options, largest gain first (ties in the order chosen)
     * @param spent          the placements' summed cost
     */
    public record Plan(int demandPoints, double totalDemand, double coveredBefore, int candidateSites, int options,
                       Selection selection, List<Placement> placements, double spent) {
        public Plan {
            placements = List.copyOf(placements);
        }

        /** What is covered with the placements added. */
        public double coveredAfter() {
            return coveredBefore + selection.value();
        }

        /** No choice within the same limit could cover more than this. */
        public double upperBound() {
            return coveredBefore + selection.upperBound();
        }
    }

    /**
     * Plans the sites.
     *
     * @param demandXy   demand points, {x, y} in metres
     * @param weights    their weights
     * @param buildingsM footprints that block the view
     * @param working    the working cameras, which stay
     * @param candidates the sites to choose from
     * @param method     {@code auto} (or {@code null}), {@code greedy} or {@code exact}
     * @throws IllegalArgumentException for another method
     */
    public static Plan plan(double[][] demandXy, double[] weights, List<Geometry> buildingsM, List<Camera> working,
                            List<CandidateSite> candidates, Limit limit, String method) {
        CoverageModel model = new CoverageModel(demandXy, buildingsM);
        double total = 0;
        for (double x : weights) {
            total += x;
        }
        boolean[] baseline = new boolean[weights.length];
        for (Camera c : working) {
            for (int d : model.covered(c.xM(), c.yM(), c.bearingDeg(), c.fovDeg(), c.rangeM())) {
                baseline[d] = true;
            }
        }
        double before = 0;
        double[] remaining = weights.clone();
        for (int d = 0; d < weights.length; d++) {
            if (baseline[d]) {
                before += weights[d];
                remaining[d] = 0;
            }
        }
        List<SitingInstance.Option> options = new ArrayList<>();
        for (int s = 0; s < candidates.size(); s++) {
            CandidateSite c = candidates.get(s);
            for (double b : c.bearingsDeg()) {
                int[] covered = model.covered(c.xM(), c.yM(), b, c.fovDeg(), c.rangeM());
                options.add(new SitingInstance.Option(s, c.id(), b, covered, c.cost()));
            }
        }
        SitingInstance instance = new SitingInstance(remaining, options, candidates.size());
        Selection sel = solve(instance, limit, method, (long) options.size() * Math.max(1, weights.length));

        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < sel.chosen().size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Double.compare(sel.gains().get(b), sel.gains().get(a)));
        List<Placement> placements = new ArrayList<>();
        double spent = 0;
        for (int i : order) {
            SitingInstance.Option o = options.get(sel.chosen().get(i));
            CandidateSite c = candidates.get(o.site());
            spent += c.cost();
            placements.add(new Placement(c, o, sel.gains().get(i)));
        }
        return new Plan(weights.length, total, before, candidates.size(), options.size(), sel, placements, spent);
    }

    /**
     * Solves an instance: exactly when asked, or with {@code auto} when its {@code size} (options × demand points) is at
     * most {@value #EXACT_LIMIT} and OR-Tools is available; otherwise greedy with local search, then bounded by the
     * LP relaxation when the size is at most {@value #LP_LIMIT}.
     */
    public static Selection solve(SitingInstance instance, Limit limit, String method, long size) {
        String m = method == null ? "auto" : method.toLowerCase(Locale.ROOT);
        boolean exact = switch (m) {
            case "exact" -> true;
            case "greedy" -> false;
            case "auto" -> size <= EXACT_LIMIT && ExactSolver.available();
            default -> throw new IllegalArgumentException("method must be auto, greedy or exact, got '" + method + "'");
        };
        Selection solved;
        if (limit.byBudget()) {
            solved = exact ? ExactSolver.byBudget(instance, limit.budget(), EXACT_SECONDS)
                    : LocalSearch.byBudget(instance, LazyGreedy.byBudget(instance, limit.budget()), limit.budget());
        } else {
            solved = exact ? ExactSolver.byCount(instance, limit.count(), EXACT_SECONDS)
                    : LocalSearch.byCount(instance, LazyGreedy.byCount(instance, limit.count()), limit.count());
        }
        if (!solved.optimal() && size <= LP_LIMIT && ExactSolver.available()) {
            solved = solved.withBound(limit.byBudget() ? LpBound.byBudget(instance, limit.budget(), LP_SECONDS)
                    : LpBound.byCount(instance, limit.count(), LP_SECONDS), "LP bound (GLOP)");
        }
        return solved;
    }
}
