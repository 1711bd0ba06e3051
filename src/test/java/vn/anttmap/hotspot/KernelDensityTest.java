package vn.anttmap.hotspot;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class KernelDensityTest {

    @Test
    void theDensityIntegratesToTheNumberOfPoints() {
        Grid grid = Grid.covering(new Envelope(0, 2000, 0, 2000), 10);
        double[] xs = {1000, 1100, 900, 1020};
        double[] ys = {1000, 950, 1040, 1200};
        double[] d = KernelDensity.densityPerKm2(grid, xs, ys, 300);
        double incidents = Arrays.stream(d).sum() * 10 * 10 / 1e6;
        assertThat(incidents).isCloseTo(4.0, within(0.01));
    }

    @Test
    void aLonePointPeaksAtThreeOverPiHSquared() {
        Grid grid = new Grid(0, 0, 10, 100, 100);
        double[] d = KernelDensity.densityPerKm2(grid, new double[]{505}, new double[]{505}, 200);
        // At the point: 3 / (π · 200²) per m² = 23.873 per km²; at half the bandwidth: (1 − 1/4)² of that.
        assertThat(d[grid.indexOf(505, 505)]).isCloseTo(3 / (Math.PI * 200 * 200) * 1e6, within(1e-9));
        assertThat(d[grid.indexOf(605, 505)]).isCloseTo(3 / (Math.PI * 200 * 200) * 1e6 * 0.5625, within(1e-9));
        assertThat(d[grid.indexOf(705, 505)]).isZero();
    }

    @Test
    void theDefaultBandwidthFollowsTheSpatialSilvermanRule() {
        // Four corners of a 2 m square: mean centre (1, 1), every distance √2, so SD = Dm = √2 and
        // min(SD, √(1/ln 2)·Dm) = √2; h = 0.9 · √2 · 4^−0.2 = 0.9646 m.
        double h = Bandwidth.spatialSilverman(new double[]{0, 2, 0, 2}, new double[]{0, 0, 2, 2});
        assertThat(h).isCloseTo(0.9646, within(1e-4));
        // An outlier far away: the median distance keeps the bandwidth near the cluster's scale.
        double[] xs = {0, 1, 2, 0, 1, 2, 0, 1, 2, 10_000};
        double[] ys = {0, 0, 0, 1, 1, 1, 2, 2, 2, 10_000};
        assertThat(Bandwidth.spatialSilverman(xs, ys)).isLessThan(2500);
        assertThatThrownBy(() -> Bandwidth.spatialSilverman(new double[]{5, 5}, new double[]{1, 1}))
                .hasMessageContaining("all lie at one place");
    }

    @Test
    void gridCellsAreAlignedToMultiplesOfTheCellSize() {
        Grid g = Grid.covering(new Envelope(575_123, 577_456, 2_150_010, 2_151_990), 50);
        assertThat(g.originXM()).isEqualTo(575_100);
        assertThat(g.originYM()).isEqualTo(2_150_000);
        assertThat(g.indexOf(577_456, 2_151_990)).isNotNegative();
        assertThat(g.cellId(g.indexOf(575_123, 2_150_010))).isEqualTo("575100_2150000");
    }
}
