package vn.anttmap.siting;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Candidate generation, demand and the planner on hand-made values in metres: no store, no projection. */
class SitePlannerTest {
    static Geometry wkt(String text) {
        try {
            return new WKTReader().read(text);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A crossing: an east-west road and a north-south road, 200 m each, meeting at (100, 100). */
    static final List<LineString> PLUS = List.of((LineString) wkt("LINESTRING (0 100, 200 100)"),
            (LineString) wkt("LINESTRING (100 0, 100 200)"));
    static final CameraModel CAMERA = CameraModel.of(null, null);

    @Test
    void aCrossingFacesBothWaysAlongEachRoadAndRoadSitesAlongTheirRoad() {
        List<CandidateSite> sites = CandidateSites.generate(CandidateSites.Kinds.parse(null), PLUS, null, null, CAMERA, 7);
        CandidateSite crossing = sites.get(0);
        assertThat(crossing.id()).isEqualTo("crossing-0-1-0");
        assertThat(List.of(crossing.xM(), crossing.yM())).containsExactly(100.0, 100.0);
        assertThat(crossing.bearingsDeg()).containsExactly(90.0, 270.0, 0.0, 180.0);
        assertThat(sites.subList(1, sites.size())).extracting(CandidateSite::id).containsExactly(
                "road-0-25", "road-0-75", "road-0-125", "road-0-175", "road-1-25", "road-1-75", "road-1-125", "road-1-175");
        assertThat(sites.get(1).bearingsDeg()).containsExactly(90.0, 270.0);
        assertThat(sites.get(5).bearingsDeg()).containsExactly(0.0, 180.0);
        assertThat(sites).allSatisfy(s -> {
            assertThat(s.kind()).isEqualTo(CandidateSite.NEW);
            assertThat(s.cost()).isEqualTo(7.0);
            assertThat(s.fovDeg()).isEqualTo(90.0);
            assertThat(s.rangeM()).isEqualTo(50.0);
        });
        // A camera that sees all round needs one bearing; given points get every 45° otherwise.
        assertThat(CandidateSites.generate(CandidateSites.Kinds.parse("crossings"), PLUS, null, null,
                CameraModel.of(360.0, 30.0), 1).get(0).bearingsDeg()).containsExactly(0.0);
        assertThat(CandidateSites.generate(CandidateSites.Kinds.parse("Points"), PLUS, null,
                List.of(new org.locationtech.jts.geom.Coordinate(3, 4)), CAMERA, 1))
                .singleElement().satisfies(p -> {
                    assertThat(p.id()).isEqualTo("point-1");
                    assertThat(p.bearingsDeg()).containsExactly(0.0, 45.0, 90.0, 135.0, 180.0, 225.0, 270.0, 315.0);
                });
    }

    @Test
    void badCandidateSettingsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> CandidateSites.Kinds.parse("nonsense"))
                .hasMessage("candidates must be crossings, along-roads or points, got 'nonsense'");
        assertThatThrownBy(() -> CandidateSites.generate(CandidateSites.Kinds.parse("along-roads"), PLUS, 4.0, null, CAMERA, 1))
                .hasMessage("spacing must be at least 5 m, got 4.0");
        assertThatThrownBy(() -> CandidateSites.generate(CandidateSites.Kinds.parse("points"), PLUS, null, List.of(), CAMERA, 1))
                .hasMessageContaining("needs a list");
        assertThatThrownBy(() -> CameraModel.of(0.0, null)).hasMessageStartingWith("camera model");
        assertThatThrownBy(() -> SitePlanner.Limit.of(0, null)).hasMessage("count must be 1–1000, got 0");
        assertThat(SitePlanner.Limit.of(0, 5.0).byBudget()).isTrue();
    }

    @Test
    void demandWeighsRoadsByLengthResidentsByAreaAndIncidentsByAgeAndSeverity() {
        DemandPoints demand = new DemandPoints()
                .addRoads(List.of((LineString) wkt("LINESTRING (0 0, 100 0)")), 1)
                .addPopulation(wkt("POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))"), 2000, 1);
        // Ten samples of 10 m of road, 0.01 each; four 50 m cells sharing two thousand residents.
        assertThat(demand.size()).isEqualTo(14);
        assertThat(demand.weights()).containsExactly(0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01,
                0.5, 0.5, 0.5, 0.5);
        assertThat(demand.points()[0]).containsExactly(5.0, 0.0);
        assertThat(demand.points()[10]).containsExactly(25.0, 25.0);

        LocalDate to = LocalDate.of(2023, 12, 31);
        DemandPoints.IncidentWeights w = new DemandPoints.IncidentWeights(to, 10);
        assertThat(w.weight(to, "it_nghiem_trong")).isEqualTo(10.0);
        assertThat(w.weight(to.minusDays(365), null)).isCloseTo(5.0, within(1e-12));
        assertThat(w.weight(to, "rat_nghiem_trong")).isEqualTo(30.0);
        assertThat(w.counts(LocalDate.of(2023, 1, 1))).isTrue();
        assertThat(w.counts(LocalDate.of(2022, 12, 31))).isFalse();
        assertThat(w.counts(LocalDate.of(2024, 1, 1))).isFalse();
    }

    @Test
    void thePlannerCoversWhatTheWorkingCamerasLeaveAndRanksByGain() {
        // Three demand points west of the origin (one covered by a working camera), one to the east.
        double[][] xy = {{-10, 0}, {-12, 0}, {-14, 0}, {30, 0}};
        double[] weights = {1, 1, 1, 5};
        List<SitePlanner.Camera> working = List.of(new SitePlanner.Camera(-10, 10, 180, 10, 15));
        List<CandidateSite> sites = List.of(
                new CandidateSite("west", CandidateSite.NEW, 0, 0, List.of(270.0), 90, 20, 15),
                new CandidateSite("east", CandidateSite.NEW, 0, 0, List.of(90.0), 90, 40, 15),
                CandidateSite.repair("broken", -5, 0, 270, 90, 20, 3));
        SitePlanner.Plan plan = SitePlanner.plan(xy, weights, List.of(), working, sites, SitePlanner.Limit.of(2, null), "greedy");
        assertThat(plan.totalDemand()).isEqualTo(8.0);
        assertThat(plan.coveredBefore()).isEqualTo(1.0);
        assertThat(plan.placements()).extracting(p -> p.site().id()).containsExactly("east", "west");
        assertThat(plan.placements()).extracting(SitePlanner.Placement::gain).containsExactly(5.0, 2.0);
        assertThat(plan.coveredAfter()).isEqualTo(8.0);
        assertThat(plan.spent()).isEqualTo(30.0);

        // With a budget of 5 only the repair fits.
        SitePlanner.Plan cheap = SitePlanner.plan(xy, weights, List.of(), working, sites, SitePlanner.Limit.of(null, 5.0), "greedy");
        assertThat(cheap.placements()).extracting(p -> p.site().kind()).containsExactly(CandidateSite.REPAIR);
        assertThat(cheap.coveredAfter()).isEqualTo(3.0);
        assertThat(cheap.spent()).isEqualTo(3.0);
        assertThatThrownBy(() -> SitePlanner.plan(xy, weights, List.of(), working, sites, SitePlanner.Limit.of(2, null), "magic"))
                .hasMessage("method must be auto, greedy or exact, got 'magic'");
    }
}
