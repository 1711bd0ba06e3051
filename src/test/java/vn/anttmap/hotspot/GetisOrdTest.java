package vn.anttmap.hotspot;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GetisOrdTest {
    static final Grid GRID = new Grid(0, 0, 100, 6, 5);
    static final int[] ALL = IntStream.range(0, GRID.size()).toArray();

    /**
     * Getis and Ord's (1992) form for binary weights, written out independently: G*i = Σj wij xj / Σj xj, with
     * E[G*i] = W*i / n and Var[G*i] = W*i (n − W*i) Y2 / (n² (n − 1) Y1²), Y1 = Σ x / n, Y2 = Σ x² / n − Y1²; the
     * z-score is (G*i − E) / √Var. Neighbours come from a dense distance matrix over the cell centres.
     */
    static double[] getisOrd1992(double[] x, double bandM) {
        int n = x.length;
        double sum = 0;
        double sum2 = 0;
        for (double v : x) {
            sum += v;
            sum2 += v * v;
        }
        double y1 = sum / n;
        double y2 = sum2 / n - y1 * y1;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double w = 0;
            double lag = 0;
            for (int j = 0; j < n; j++) {
                double d = Math.hypot(GRID.centreX(i) - GRID.centreX(j), GRID.centreY(i) - GRID.centreY(j));
                if (d <= bandM) {
                    w++;
                    lag += x[j];
                }
            }
            double g = lag / sum;
            double e = w / n;
            double var = w * (n - w) * y2 / ((double) n * n * (n - 1) * y1 * y1);
            z[i] = (g - e) / Math.sqrt(var);
        }
        return z;
    }

    @Test
    void giStarEqualsTheIndependentClosedForm() {
        Random rnd = new Random(7);
        double[] x = new double[GRID.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextInt(5);
        }
        x[14] = 12;
        for (double band : new double[]{100, 150, 250}) {
            GetisOrd.Result r = GetisOrd.analyse(GRID, ALL, x, band);
            double[] expected = getisOrd1992(x, band);
            for (int i = 0; i < x.length; i++) {
                assertThat(r.z()[i]).as("cell %d, band %s", i, band).isCloseTo(expected[i], within(1e-9));
                assertThat(r.p()[i]).isCloseTo(2 * Normal.upperTail(Math.abs(expected[i])), within(1e-9));
            }
        }
        // The corner cell has 3 neighbours within 150 m (two edges and one diagonal), an inner cell 8.
        assertThat(GetisOrd.analyse(GRID, ALL, x, 150).neighbours()[0]).isEqualTo(3);
        assertThat(GetisOrd.analyse(GRID, ALL, x, 150).neighbours()[GRID.index(2, 2)]).isEqualTo(8);
    }

    @Test
    void aPlantedClusterIsHotThereAndNowhereElse() {
        Grid grid = new Grid(0, 0, 50, 20, 20);
        Random rnd = new Random(42);
        double[] x = new double[grid.size()];
        for (int k = 0; k < 150; k++) {
            x[grid.indexOf(rnd.nextDouble() * 1000, rnd.nextDouble() * 1000)]++;
        }
        for (int k = 0; k < 40; k++) {
            x[grid.indexOf(700 + rnd.nextGaussian() * 30, 300 + rnd.nextGaussian() * 30)]++;
        }
        GetisOrd.Result r = GetisOrd.analyse(grid, IntStream.range(0, grid.size()).toArray(), x, 100);
        int hot = 0;
        for (int i = 0; i < x.length; i++) {
            if (r.bin()[i] > 0) {
                hot++;
                assertThat(Math.hypot(grid.centreX(i) - 700, grid.centreY(i) - 300)).as("hot cell %s", grid.cellId(i))
                        .isLessThan(200);
            }
        }
        assertThat(hot).isGreaterThanOrEqualTo(4);
        assertThat(r.bin()[grid.indexOf(700, 300)]).isEqualTo(3);
    }

    @Test
    void theFdrCutOffEqualsTheHandWorkedExample() {
        // m = 4, α = 0.05: the thresholds k/m·α are 0.0125, 0.025, 0.0375, 0.05. Sorted p: 0.001 ≤ 0.0125 yes,
        // 0.03 ≤ 0.025 no, 0.035 ≤ 0.0375 yes, 0.5 ≤ 0.05 no. The largest k that passes is 3, so the cut-off is
        // 0.035 and the step-up rejects 0.03 as well, though it failed its own threshold.
        assertThat(FalseDiscoveryRate.cutoff(new double[]{0.5, 0.035, 0.001, 0.03}, 0.05)).isEqualTo(0.035);
        // At α = 0.01 only 0.001 ≤ 0.0025 passes.
        assertThat(FalseDiscoveryRate.cutoff(new double[]{0.5, 0.035, 0.001, 0.03}, 0.01)).isEqualTo(0.001);
        assertThat(FalseDiscoveryRate.cutoff(new double[]{0.2, 0.3}, 0.05)).isEqualTo(-1);
    }

    @Test
    void binsFollowTheFdrCutOffsAtEachConfidence() {
        double[] x = new double[GRID.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1;
        }
        x[GRID.index(2, 2)] = 12;
        x[GRID.index(3, 2)] = 10;
        x[GRID.index(2, 3)] = 10;
        x[GRID.index(3, 3)] = 11;
        x[GRID.index(1, 2)] = 9;
        GetisOrd.Result r = GetisOrd.analyse(GRID, ALL, x, 150);
        for (int i = 0; i < x.length; i++) {
            int expected = r.p()[i] <= r.cutoffs()[0] ? 3 : r.p()[i] <= r.cutoffs()[1] ? 2 : r.p()[i] <= r.cutoffs()[2] ? 1 : 0;
            assertThat(Math.abs(r.bin()[i])).isEqualTo(r.cutoffs()[2] < 0 ? 0 : expected);
        }
        assertThat(r.bin()[GRID.index(2, 2)]).isPositive();
    }

    @Test
    void guardRailsSayWhatIsWrong() {
        double[] few = new double[GRID.size()];
        few[3] = 29;
        assertThatThrownBy(() -> GetisOrd.analyse(GRID, ALL, few, 150))
                .isInstanceOf(HotspotException.class).hasMessageContaining("needs at least 30 incidents to be trusted, got 29");
        double[] enough = few.clone();
        enough[4] = 5;
        assertThatThrownBy(() -> GetisOrd.analyse(GRID, ALL, enough, 80))
                .hasMessageContaining("distance band (80 m) is smaller than the cell (100 m)");
        // Two cells 300 m apart with a band of 150 m: neither has a neighbour.
        assertThatThrownBy(() -> GetisOrd.analyse(GRID, new int[]{0, 3}, new double[]{20, 15}, 150))
                .hasMessageContaining("cell 0_0 has no neighbour within 150 m");
        double[] flat = new double[GRID.size()];
        java.util.Arrays.fill(flat, 2);
        assertThatThrownBy(() -> GetisOrd.analyse(GRID, ALL, flat, 150)).hasMessageContaining("same count");
    }
}
