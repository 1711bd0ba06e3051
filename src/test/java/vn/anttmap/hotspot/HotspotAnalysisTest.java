package vn.anttmap.hotspot;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The analyses on a hand-made study, values in and values out: a 980 m square area (10–990 m) under a grid of 100 m
 * cells, so 10 × 10 cells; one incident at the centre of every cell, and a cluster of 40 more in the cell whose
 * lower-left corner is (500, 500).
 */
class HotspotAnalysisTest {
    static final Geometry AREA = wkt("POLYGON ((10 10, 990 10, 990 990, 10 990, 10 10))");
    static final LocalDate FIRST = LocalDate.of(2023, 1, 1);
    static final LocalDate LAST = LocalDate.of(2023, 12, 31);
    static final HotspotAnalysis.Options CELL_100_BAND_100 = new HotspotAnalysis.Options(null, 100.0, 100.0, null);

    static Geometry wkt(String text) {
        try {
            return new WKTReader().read(text);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The background (cell k on day 1 of month 1 + k % 12) and the cluster on {@code clusterDay}. */
    static Study study(LocalDate clusterDay) {
        List<double[]> xy = new ArrayList<>();
        List<LocalDate> days = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            xy.add(new double[]{(k % 10) * 100 + 50, (k / 10) * 100 + 50});
            days.add(LocalDate.of(2023, 1 + k % 12, 1));
        }
        for (int i = 0; i < 40; i++) {
            xy.add(new double[]{520 + i % 7 * 10, 520 + i / 7 * 10});
            days.add(clusterDay);
        }
        return new Study(AREA, FIRST, LAST, xy.stream().mapToDouble(p -> p[0]).toArray(),
                xy.stream().mapToDouble(p -> p[1]).toArray(), days.toArray(LocalDate[]::new));
    }

    static <C> C cellAt(List<C> cells, java.util.function.ToIntFunction<C> index, Grid grid, String cellId) {
        return cells.stream().filter(c -> grid.cellId(index.applyAsInt(c)).equals(cellId)).findFirst().orElseThrow();
    }

    @Test
    void giStarCallsTheClusterCellAndItsFourNeighboursHotAt99AndNothingElse() {
        HotspotAnalysis.GiStar gi = HotspotAnalysis.giStar(study(LocalDate.of(2023, 6, 1)), CELL_100_BAND_100);
        Grid grid = gi.grid().grid();
        assertThat(gi.cells()).hasSize(100);
        assertThat(gi.classes()).isEqualTo(Map.of("hot_99", 5L, "not_significant", 95L));
        HotspotAnalysis.GiCell cluster = cellAt(gi.cells(), HotspotAnalysis.GiCell::index, grid, "500_500");
        assertThat(cluster.count()).isEqualTo(41);
        assertThat(cluster.neighbours()).isEqualTo(4);
        assertThat(cluster.giClass()).isEqualTo("hot_99");
        // Counts 41 and four 1s against a mean of 1.4 and a standard deviation of √15.84:
        // z = (45 − 1.4·5) / (√15.84 · √((100·5 − 25) / 99)).
        assertThat(cluster.z()).isCloseTo(38 / (Math.sqrt(15.84) * Math.sqrt(475.0 / 99)), within(1e-9));
        for (String id : List.of("400_500", "600_500", "500_400", "500_600")) {
            assertThat(cellAt(gi.cells(), HotspotAnalysis.GiCell::index, grid, id).giClass()).as(id).isEqualTo("hot_99");
        }
        assertThat(cellAt(gi.cells(), HotspotAnalysis.GiCell::index, grid, "0_0").giClass()).isEqualTo("not_significant");
    }

    @Test
    void giStarDefaultsToAboutTwoHundredCellsAndABandOfTwoCells() {
        HotspotAnalysis.GiStar gi = HotspotAnalysis.giStar(study(LocalDate.of(2023, 6, 1)), HotspotAnalysis.Options.DEFAULTS);
        // √(980² / 200) = 69.3 m, in whole 10 m.
        assertThat(gi.cellM()).isEqualTo(70.0);
        assertThat(gi.bandM()).isEqualTo(140.0);
    }

    @Test
    void densityPeaksInClass5AtTheClusterAndKeepsTheIncidents() {
        HotspotAnalysis.Density d = HotspotAnalysis.density(study(LocalDate.of(2023, 6, 1)),
                new HotspotAnalysis.Options(150.0, 100.0, null, null));
        Grid grid = d.grid().grid();
        assertThat(d.bandwidthGiven()).isTrue();
        assertThat(d.bandwidthM()).isEqualTo(150.0);
        HotspotAnalysis.DensityCell peak = d.cells().stream()
                .max(java.util.Comparator.comparingDouble(HotspotAnalysis.DensityCell::perKm2)).orElseThrow();
        assertThat(grid.cellId(peak.index())).isEqualTo("500_500");
        assertThat(peak.densityClass()).isEqualTo(5);
        assertThat(peak.perKm2()).isEqualTo(d.maxPerKm2());
        assertThat(cellAt(d.cells(), HotspotAnalysis.DensityCell::index, grid, "0_0").densityClass()).isEqualTo(1);
        assertThat(d.breaksPerKm2()).hasSize(5);
        assertThat(d.breaksPerKm2()[4]).isCloseTo(d.maxPerKm2(), within(5e-4));
        // The kernel integrates to one: the cells hold the 140 incidents, less what spills over the area's edge.
        assertThat(d.incidentsInAreaCells()).isBetween(120.0, 140.0);
    }

    @Test
    void densityClassesAreEqualIntervalsUpperBoundIncluded() {
        double[] breaks = {1, 2, 3, 4, 5};
        assertThat(HotspotAnalysis.densityClass(0.5, breaks)).isEqualTo(1);
        assertThat(HotspotAnalysis.densityClass(1.0, breaks)).isEqualTo(1);
        assertThat(HotspotAnalysis.densityClass(1.01, breaks)).isEqualTo(2);
        assertThat(HotspotAnalysis.densityClass(4.5, breaks)).isEqualTo(5);
        assertThat(HotspotAnalysis.densityClass(5.0, breaks)).isEqualTo(5);
    }

    @Test
    void emergingCallsAClusterOfTheLastStepNew() {
        HotspotAnalysis.Emerging e = HotspotAnalysis.emerging(study(LocalDate.of(2023, 11, 15)), CELL_100_BAND_100);
        Grid grid = e.grid().grid();
        assertThat(e.stepStarts()).containsExactly(LocalDate.of(2023, 1, 1), LocalDate.of(2023, 4, 1),
                LocalDate.of(2023, 7, 1), LocalDate.of(2023, 10, 1));
        // Each step counts itself and the step before: the background of months 1–3, 1–6, 4–9 and 7–12 (cells k with
        // k % 12 in 0–2, 0–5, 3–8, 6–11), and the cluster in the last.
        assertThat(e.incidentsPerStep()).containsExactly(27, 52, 49, 48 + 40);
        HotspotAnalysis.EmergingCell cluster = cellAt(e.cells(), HotspotAnalysis.EmergingCell::index, grid, "500_500");
        assertThat(cluster.pattern()).isEqualTo(EmergingHotspots.Pattern.NEW);
        assertThat(cluster.bins()[3]).isEqualTo(3);
        assertThat(cluster.hotSteps()).isEqualTo(1);
        assertThat(cellAt(e.cells(), HotspotAnalysis.EmergingCell::index, grid, "0_0").pattern())
                .isEqualTo(EmergingHotspots.Pattern.NONE);
    }

    @Test
    void parametersAreCheckedBeforeAnythingIsComputed() {
        Study s = study(LocalDate.of(2023, 6, 1));
        assertThatThrownBy(() -> HotspotAnalysis.giStar(s, new HotspotAnalysis.Options(null, 200.0, 100.0, null)))
                .isInstanceOf(HotspotException.class).hasMessageContaining("band_m").hasMessageContaining("smaller than the cell");
        assertThatThrownBy(() -> HotspotAnalysis.density(s, new HotspotAnalysis.Options(-1.0, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bandwidth_m: must be a positive number");
        assertThatThrownBy(() -> HotspotAnalysis.emerging(s, new HotspotAnalysis.Options(null, null, null, 25)))
                .hasMessageStartingWith("step_months: must be 1 to 24");
        assertThatThrownBy(() -> HotspotAnalysis.giStar(s, new HotspotAnalysis.Options(null, 1.5, null, null)))
                .isInstanceOf(HotspotException.class).hasMessageContaining("at most " + StudyGrid.MAX_CELLS);
    }
}
