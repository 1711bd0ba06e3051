package vn.anttmap.hotspot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static vn.anttmap.hotspot.EmergingHotspots.Pattern.*;

class EmergingHotspotsTest {
    static EmergingHotspots.Pattern of(int[] bins, double[] z) {
        return EmergingHotspots.classify(bins, z, 0.05);
    }

    static double[] flat(int n) {
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = 3 + (i % 2) * 0.1;
        }
        return z;
    }

    @Test
    void patternsFollowTheirDefinitions() {
        assertThat(of(new int[]{0, 0, 0, 2}, new double[]{0, 0, 0, 2.5})).isEqualTo(NEW);
        assertThat(of(new int[]{0, 0, 1, 3}, new double[]{0, 0, 1.8, 3.1})).isEqualTo(CONSECUTIVE);
        assertThat(of(new int[]{3, 0, 2, 0, 3}, new double[]{3, 0, 2, 0, 3})).isEqualTo(SPORADIC);
        assertThat(of(new int[]{-2, 0, 1, 0, 3}, new double[]{-2.2, 0, 1.7, 0, 3})).isEqualTo(OSCILLATING);
        assertThat(of(new int[]{3, 3, 3, 3, 3, 3, 3, 3, 3, 0}, flat(10))).isEqualTo(HISTORICAL);
        assertThat(of(new int[]{0, 0, 0, 0}, new double[4])).isEqualTo(NONE);
        int[] always = {1, 1, 2, 2, 2, 3, 3, 3, 3, 3};
        assertThat(of(always, new double[]{1.7, 1.8, 2.0, 2.1, 2.3, 2.7, 2.9, 3.2, 3.5, 3.9})).isEqualTo(INTENSIFYING);
        assertThat(of(always, new double[]{3.9, 3.5, 3.2, 2.9, 2.7, 2.3, 2.1, 2.0, 1.8, 1.7})).isEqualTo(DIMINISHING);
        assertThat(of(always, flat(10))).isEqualTo(PERSISTENT);
    }

    @Test
    void mannKendallMatchesTheTextbookValue() {
        // 1..5 rising: S = 10, Var = 5·4·15/18 = 16.667, z = (10 − 1)/√16.667 = 2.2045, two-sided p = 0.0275.
        MannKendall.Trend t = MannKendall.test(new double[]{1, 2, 3, 4, 5});
        assertThat(t.s()).isEqualTo(10);
        assertThat(t.z()).isCloseTo(2.2045, within(1e-4));
        assertThat(t.p()).isCloseTo(0.0275, within(1e-4));
        // Ties shrink the variance: 1,1,2 has S = 2 and Var = (3·2·11 − 2·1·9)/18 = 2.667.
        assertThat(MannKendall.test(new double[]{1, 1, 2}).z()).isCloseTo(1 / Math.sqrt(48.0 / 18), within(1e-9));
    }

    @Test
    void normalTailsAreAccurate() {
        assertThat(Normal.twoSided(1.959964)).isCloseTo(0.05, within(1e-6));
        assertThat(Normal.twoSided(2.575829)).isCloseTo(0.01, within(1e-6));
        assertThat(Normal.upperTail(-1.644854)).isCloseTo(0.95, within(1e-6));
    }
}
