package vn.anttmap.siting;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.WKTWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

public class SitingTest {

    static Geometry wkt(String s) throws Exception {
        return new WKTReader().read(s);
    }

    static SitingInstance.Option opt(int site, int... covered) {
        return new SitingInstance.Option(site, "s" + site, 0, covered, 1);
    }

    /** Greedy's trap: one big set overlapping two disjoint ones; the optimum for k = 2 is the two disjoint ones. */
    static SitingInstance trap() {
        double[] w = new double[10];
        java.util.Arrays.fill(w, 1);
        return new SitingInstance(w, List.of(
                opt(0, 0, 1, 2, 3, 5, 6, 7),
                opt(1, 0, 1, 2, 3, 4),
                opt(2, 5, 6, 7, 8, 9)), 3);
    }

    @Test
    void aSmallInstanceHasItsKnownOptimum() {
        requireOrTools();
        Selection exact = ExactSolver.byCount(trap(), 2, 10);
        assertThat(exact.optimal()).isTrue();
        assertThat(exact.value()).isEqualTo(10.0);
        assertThat(exact.chosen()).containsExactly(1, 2);
        Selection greedy = LazyGreedy.byCount(trap(), 2);
        assertThat(greedy.chosen()).containsExactly(0, 2);
        assertThat(greedy.value()).isEqualTo(9.0);
        assertThat(greedy.upperBound()).isGreaterThanOrEqualTo(exact.value());
    }

    @Test
    void oneOptionPerSite() {
        double[] w = {1, 1, 1, 1};
        SitingInstance in = new SitingInstance(w, List.of(opt(0, 0, 1), opt(0, 2, 3), opt(1, 0)), 2);
        assertThat(LazyGreedy.byCount(in, 2).value()).isEqualTo(2.0);
        requireOrTools();
        assertThat(ExactSolver.byCount(in, 2, 10).value()).isEqualTo(3.0);
    }

    @Test
    void onRandomSmallInstancesGreedyIsWithinOneMinusOneOverEOfTheOptimumAndUnderItsBound() {
        requireOrTools();
        Random rnd = new Random(7);
        for (int t = 0; t < 40; t++) {
            SitingInstance in = random(rnd, 30, 12, 6);
            int k = 1 + rnd.nextInt(4);
            Selection exact = ExactSolver.byCount(in, k, 10);
            Selection greedy = LazyGreedy.byCount(in, k);
            assertThat(exact.optimal()).isTrue();
            assertThat(greedy.value()).as("instance %d", t).isGreaterThanOrEqualTo((1 - 1 / Math.E) * exact.value() - 1e-9);
            assertThat(greedy.upperBound()).as("bound, instance %d", t).isGreaterThanOrEqualTo(exact.value() - 1e-9);
            assertThat(greedy.value()).isLessThanOrEqualTo(exact.value() + 1e-9);
        }
    }

    @Test
    void budgetsCountCostsAndGreedyStaysUnderItsBound() {
        requireOrTools();
        Random rnd = new Random(11);
        for (int t = 0; t < 20; t++) {
            SitingInstance base = random(rnd, 25, 10, 5);
            SitingInstance in = SitingTest.withCosts(base, rnd);
            Selection exact = ExactSolver.byBudget(in, 4, 10);
            Selection greedy = LazyGreedy.byBudget(in, 4);
            double spent = greedy.chosen().stream().mapToDouble(o -> in.options().get(o).cost()).sum();
            assertThat(spent).isLessThanOrEqualTo(4);
            assertThat(greedy.value()).isLessThanOrEqualTo(exact.value() + 1e-9);
            assertThat(greedy.upperBound()).isGreaterThanOrEqualTo(exact.value() - 1e-9);
            assertThat(greedy.value()).isGreaterThanOrEqualTo((1 - 1 / Math.E) / 2 * exact.value() - 1e-9);
        }
    }

    @Test
    void theSameInstanceGivesTheSameAnswer() {
        SitingInstance in = random(new Random(3), 200, 60, 10);
        assertThat(LazyGreedy.byCount(in, 8)).isEqualTo(LazyGreedy.byCount(in, 8));
    }

    @Test
    void lazyGreedyEqualsPlainGreedy() {
        Random rnd = new Random(5);
        for (int t = 0; t < 10; t++) {
            SitingInstance in = random(rnd, 300, 80, 12);
            assertThat(LazyGreedy.byCount(in, 10).value()).isEqualTo(PlainGreedy.byCount(in, 10).value());
        }
    }

    @Test
    void aWallHidesWhatIsBehindIt() throws Exception {
        List<Geometry> wall = List.of(wkt("POLYGON ((10 -5, 11 -5, 11 5, 10 5, 10 -5))"));
        CoverageModel open = new CoverageModel(new double[][]{{20, 0}, {20, 20}, {5, 0}}, List.of());
        CoverageModel walled = new CoverageModel(new double[][]{{20, 0}, {20, 20}, {5, 0}}, wall);
        assertThat(open.covered(0, 0, 90, 120, 40)).containsExactly(0, 1, 2);
        assertThat(walled.covered(0, 0, 90, 120, 40)).containsExactly(1, 2);
        Polygon shed = ViewshedBuilder.viewshed(0, 0, 90, 60, 30, wall, 1);
        assertThat(shed.covers(new org.locationtech.jts.geom.GeometryFactory().createPoint(new org.locationtech.jts.geom.Coordinate(20, 0)))).isFalse();
        assertThat(shed.covers(new org.locationtech.jts.geom.GeometryFactory().createPoint(new org.locationtech.jts.geom.Coordinate(8, 0)))).isTrue();
        double unblockedEdge = 30 * Math.sin(Math.toRadians(90 - Math.toDegrees(Math.atan(5.0 / 10))));
        assertThat(shed.getEnvelopeInternal().getMaxX()).isBetween(30 * Math.cos(Math.toRadians(30)), unblockedEdge + 1e-9);
    }

    @Test
    void aSectorInMetresIsAFanAroundItsBearing() {
        Polygon east = ViewshedBuilder.viewshed(0, 0, 90, 90, 10, List.of(), 45);
        assertThat(new WKTWriter().write(east.norm()).replaceAll("(\\d+\\.\\d{3})\\d*", "$1"))
                .isEqualTo("POLYGON ((0 0, 7.071 7.071, 10 0.000, 7.071 -7.071, 0 0))");
    }

    @Test
    void resolutionTiersFollowEn62676() {
        assertThat(ImageTier.IDENTIFY.rangeM(1920, 90)).isCloseTo(3.84, within(0.01));
        assertThat(ImageTier.RECOGNISE.rangeM(1920, 90)).isCloseTo(7.68, within(0.01));
        assertThat(ImageTier.DETECT.rangeM(1920, 60)).isCloseTo(66.51, within(0.01));
    }

    public static void requireOrToolsPublic() {
        requireOrTools();
    }

    /** OR-Tools ships in the jar for linux-x86-64; elsewhere these tests skip, and under CI=true they fail. */
    static void requireOrTools() {
        if (!ExactSolver.available()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                org.junit.jupiter.api.Assertions.fail("OR-Tools' native library does not load, but CI=true");
            }
            Assumptions.abort("OR-Tools' native library does not load on this platform");
        }
    }

    /** The instance with each option costing 1, 2 or 3 at random. */
    static SitingInstance withCosts(SitingInstance base, Random rnd) {
        List<SitingInstance.Option> costed = new ArrayList<>();
        for (SitingInstance.Option o : base.options()) {
            costed.add(new SitingInstance.Option(o.site(), o.siteId(), 0, o.covered(), 1 + rnd.nextInt(3)));
        }
        return new SitingInstance(base.weights(), costed, base.sites());
    }

    static SitingInstance random(Random rnd, int demand, int options, int perOption) {
        double[] w = new double[demand];
        for (int i = 0; i < demand; i++) {
            w[i] = 1 + rnd.nextInt(5);
        }
        List<SitingInstance.Option> opts = new ArrayList<>();
        for (int o = 0; o < options; o++) {
            java.util.TreeSet<Integer> c = new java.util.TreeSet<>();
            int n = 1 + rnd.nextInt(perOption);
            while (c.size() < n) {
                c.add(rnd.nextInt(demand));
            }
            opts.add(new SitingInstance.Option(o / 2, "s" + (o / 2), o % 2 * 180, c.stream().mapToInt(Integer::intValue).toArray(), 1));
        }
        return new SitingInstance(w, opts, (options + 1) / 2);
    }
}
