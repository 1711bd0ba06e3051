package vn.anttmap.siting;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.anttmap.siting.SitingTest.random;
import static vn.anttmap.siting.SitingTest.requireOrTools;
import static vn.anttmap.siting.SitingTest.trap;

/** The LP bound, the 1-exchange local search and the certificate they give, against exact optima. */
public class BoundAndLocalSearchTest {

    /** A random instance with fractional weights (so the solver's integer scaling has something to round). */
    static SitingInstance fractional(Random rnd, int demand, int options, int perOption) {
        SitingInstance base = random(rnd, demand, options, perOption);
        double[] w = new double[demand];
        for (int i = 0; i < demand; i++) {
            w[i] = rnd.nextInt(4) == 0 ? 0 : 0.1 + rnd.nextDouble() * 3;
        }
        return new SitingInstance(w, base.options(), base.sites());
    }

    static void assertFeasible(SitingInstance in, Selection s, int count, double budget) {
        Set<Integer> sites = new HashSet<>();
        double spent = 0;
        for (int o : s.chosen()) {
            assertThat(sites.add(in.options().get(o).site())).as("one option per site").isTrue();
            spent += in.options().get(o).cost();
        }
        assertThat(s.chosen().size()).isLessThanOrEqualTo(count);
        assertThat(spent).isLessThanOrEqualTo(budget + 1e-9);
        assertThat(s.value()).isCloseTo(in.value(s.chosen()), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(s.gains().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(s.value(), org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void theLpBoundIsAtLeastTheExactOptimumAndNoWorseThanTheGreedysBound() {
        requireOrTools();
        Random rnd = new Random(17);
        for (int t = 0; t < 40; t++) {
            SitingInstance in = t % 2 == 0 ? random(rnd, 40, 16, 8) : fractional(rnd, 40, 16, 8);
            int k = 1 + rnd.nextInt(5);
            Selection exact = ExactSolver.byCount(in, k, 10);
            assertThat(exact.optimal()).isTrue();
            double lp = LpBound.byCount(in, k, 10);
            assertThat(lp).as("LP bound, instance %d", t).isGreaterThanOrEqualTo(exact.value() - 1e-9);
            // The greedy's bound is the same Lagrangian at particular multipliers, so the LP's is never above it.
            assertThat(lp).as("LP vs greedy bound, instance %d", t)
                    .isLessThanOrEqualTo(LazyGreedy.byCount(in, k).upperBound() + 1e-6);
        }
    }

    @Test
    void theLpBoundWithABudgetIsAtLeastTheExactOptimum() {
        requireOrTools();
        Random rnd = new Random(19);
        for (int t = 0; t < 20; t++) {
            SitingInstance base = fractional(rnd, 30, 12, 6);
            SitingInstance in = SitingTest.withCosts(base, rnd);
            Selection exact = ExactSolver.byBudget(in, 5, 10);
            assertThat(exact.optimal()).isTrue();
            assertThat(LpBound.byBudget(in, 5, 10)).as("instance %d", t).isGreaterThanOrEqualTo(exact.value() - 1e-9);
        }
    }

    @Test
    void theCertificateHoldsForAnyNonNegativeMultipliers() {
        requireOrTools();
        Random rnd = new Random(23);
        for (int t = 0; t < 30; t++) {
            SitingInstance in = fractional(rnd, 30, 12, 6);
            int k = 1 + rnd.nextInt(4);
            double opt = ExactSolver.byCount(in, k, 10).value();
            DemandGroups groups = DemandGroups.of(in);
            int[][] bySite = DemandGroups.bySite(in);
            for (int r = 0; r < 20; r++) {
                double[] u = new double[groups.size()];
                for (int g = 0; g < u.length; g++) {
                    u[g] = rnd.nextDouble() * 2 * groups.weight()[g];
                }
                assertThat(LpBound.certificate(in, groups, bySite, u, k)).isGreaterThanOrEqualTo(opt - 1e-9);
                assertThat(LpBound.certificate(in, groups, bySite, u, (double) k, rnd.nextDouble() * 5))
                        .as("count as a budget of unit costs").isGreaterThanOrEqualTo(opt - 1e-9);
            }
        }
    }

    @Test
    void localSearchNeverLowersTheValueKeepsTheLimitsAndFindsTheTrapsOptimum() {
        Selection greedy = LazyGreedy.byCount(trap(), 2);
        Selection better = LocalSearch.byCount(trap(), greedy, 2);
        assertThat(greedy.value()).isEqualTo(9.0);
        assertThat(better.value()).isEqualTo(10.0);
        assertThat(better.chosen()).containsExactlyInAnyOrder(1, 2);
        assertThat(better.upperBound()).isEqualTo(greedy.upperBound());
        Random rnd = new Random(29);
        for (int t = 0; t < 40; t++) {
            SitingInstance in = t % 2 == 0 ? random(rnd, 60, 30, 10) : fractional(rnd, 60, 30, 10);
            int k = 1 + rnd.nextInt(6);
            Selection g = LazyGreedy.byCount(in, k);
            Selection ls = LocalSearch.byCount(in, g, k);
            assertThat(ls.value()).as("instance %d", t).isGreaterThanOrEqualTo(g.value());
            assertFeasible(in, ls, k, Double.POSITIVE_INFINITY);
            assertThat(LocalSearch.byCount(in, ls, k).value()).as("a local optimum stays").isEqualTo(ls.value());
            // from an empty start it fills the count
            Selection fromNothing = LocalSearch.byCount(in, new Selection(List.of(), List.of(), 0, Double.NaN, "none", false), k);
            assertFeasible(in, fromNothing, k, Double.POSITIVE_INFINITY);
            assertThat(fromNothing.value()).isGreaterThan(0);
        }
        for (int t = 0; t < 20; t++) {
            SitingInstance base = fractional(rnd, 40, 16, 6);
            SitingInstance in = SitingTest.withCosts(base, rnd);
            Selection g = LazyGreedy.byBudget(in, 5);
            Selection ls = LocalSearch.byBudget(in, g, 5);
            assertThat(ls.value()).isGreaterThanOrEqualTo(g.value());
            assertFeasible(in, ls, Integer.MAX_VALUE, 5);
        }
    }

    @Test
    void localSearchStaysAtOrBelowTheOptimumAndTheExactSolverAtOrAboveIt() {
        requireOrTools();
        Random rnd = new Random(31);
        for (int t = 0; t < 30; t++) {
            SitingInstance in = fractional(rnd, 50, 20, 8);
            int k = 1 + rnd.nextInt(5);
            Selection ls = LocalSearch.byCount(in, LazyGreedy.byCount(in, k), k);
            Selection exact = ExactSolver.byCount(in, k, 10);
            assertThat(exact.optimal()).isTrue();
            assertFeasible(in, exact, k, Double.POSITIVE_INFINITY);
            assertThat(ls.value()).isLessThanOrEqualTo(exact.value() + 1e-9);
            // the exact solver starts from the local search and never returns less
            assertThat(exact.value()).isGreaterThanOrEqualTo(ls.value() - 1e-9);
            // its bound covers the rounding of the weights, so it is a bound on the real optimum
            assertThat(exact.upperBound()).isGreaterThanOrEqualTo(exact.value());
            assertThat(exact.gap()).isLessThan(1e-6);
        }
    }

    @Test
    void theLpBoundCertifiesTheGapAndProvesOptimalityWhenItMeetsTheValue() {
        requireOrTools();
        Selection greedy = LazyGreedy.byCount(trap(), 2);
        Selection certified = greedy.withBound(LpBound.byCount(trap(), 2, 10), "LP bound (GLOP)");
        // the trap's LP allows at most all 10 points; greedy's 9 is then certified within 10 %
        assertThat(certified.upperBound()).isLessThanOrEqualTo(greedy.upperBound());
        assertThat(certified.upperBound()).isGreaterThanOrEqualTo(10.0 - 1e-9);
        Selection improved = LocalSearch.byCount(trap(), greedy, 2).withBound(LpBound.byCount(trap(), 2, 10), "LP bound (GLOP)");
        assertThat(improved.optimal()).isTrue();
        assertThat(improved.gap()).isZero();
        assertThat(improved.method()).contains("proven optimal");

        Random rnd = new Random(37);
        for (int t = 0; t < 30; t++) {
            SitingInstance in = fractional(rnd, 60, 24, 8);
            int k = 1 + rnd.nextInt(5);
            Selection s = LocalSearch.byCount(in, LazyGreedy.byCount(in, k), k);
            Selection c = s.withBound(LpBound.byCount(in, k, 10), "LP bound (GLOP)");
            double opt = ExactSolver.byCount(in, k, 10).value();
            assertThat(c.upperBound()).isGreaterThanOrEqualTo(opt - 1e-9).isLessThanOrEqualTo(s.upperBound());
            // what the certificate claims holds: value ≥ (1 − gap) · optimum
            assertThat(c.value()).isGreaterThanOrEqualTo((1 - c.gap()) * opt - 1e-9);
            if (c.optimal()) {
                assertThat(c.value()).isCloseTo(opt, org.assertj.core.api.Assertions.within(1e-6));
            }
        }
    }

    @Test
    void aLooserBoundDoesNotReplaceATighterOne() {
        Selection s = new Selection(List.of(0), List.of(5.0), 5, 6, "m", false);
        assertThat(s.withBound(7, "x")).isEqualTo(s);
        assertThat(s.withBound(Double.NaN, "x")).isEqualTo(s);
        assertThat(s.withBound(Double.POSITIVE_INFINITY, "x")).isEqualTo(s);
        assertThat(s.withBound(5.5, "x").upperBound()).isEqualTo(5.5);
        assertThat(s.withBound(5.5, "x").optimal()).isFalse();
        assertThat(s.withBound(4, "x").upperBound()).as("never below the value").isEqualTo(5.0);
    }
}
