package vn.anttmap.service;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.anttmap.App;
import vn.anttmap.api.TestData;
import vn.anttmap.geo.MetricProjection;
import vn.anttmap.model.Layer;
import vn.anttmap.siting.ExactSolver;
import vn.anttmap.store.h2gis.H2gisFeatureStore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Coverage measures and the planner over the import fixtures (ward w, areas a and b, incidents i1–i3). */
class CoverageAndPlanTest {
    App.Services services;

    @BeforeEach
    void setUp() throws IOException {
        H2gisFeatureStore store = H2gisFeatureStore.inMemory("coverage-" + UUID.randomUUID());
        store.migrate();
        services = App.services(store, Clock.systemUTC());
        TestData.loadFixtures(services.importer());
    }

    @AfterEach
    void tearDown() {
        services.close();
    }

    void load(Layer layer, String csv) throws IOException {
        services.importer().importFile(layer, layer.apiName() + ".csv",
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), ImportService.Format.CSV, null);
    }

    CoverageService.Report coverage(String area) {
        return services.coverage().coverage("w", area, LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31));
    }

    @Test
    void aDomeInTheMiddleOfAnAreaCoversItsDiscAndOnlyWorkingCamerasCount() throws IOException {
        load(Layer.CAMERAS, "id,lon,lat,bearing_deg,fov_deg,range_m,kind,owner,status\n"
                + "dome,105.785,19.445,0,360,30,dome,community,active\n"
                + "dead,105.795,19.445,0,360,30,dome,community,inactive\n");
        CoverageService.Report a = coverage("a");
        assertThat(a.camerasWorking()).isEqualTo(1);
        assertThat(a.coveredAreaM2()).isCloseTo(Math.PI * 30 * 30, within(Math.PI * 30 * 30 * 0.01));
        double areaM2 = MetricProjection.forLongitude(105.785).areaM2(services.store().get(Layer.AREAS, "a").orElseThrow().geometry());
        assertThat(a.areaShare()).isCloseTo(a.coveredAreaM2() / areaM2, within(1e-4));
        assertThat(a.incidents()).isEqualTo(2);
        assertThat(a.incidentsCovered()).isEqualTo(1);
        assertThat(a.incidentShare()).isEqualTo(0.5);
        assertThat(a.largestGaps()).isNotEmpty();
        CoverageService.Report b = coverage("b");
        assertThat(b.camerasWorking()).isZero();
        assertThat(b.camerasTotal()).isEqualTo(1);
        assertThat(b.coveredAreaM2()).isZero();
    }

    @Test
    void aBuildingBlocksWhatIsBehindIt() throws IOException {
        load(Layer.CAMERAS, "id,lon,lat,bearing_deg,fov_deg,range_m,kind,owner,status\n"
                + "cam,105.7846,19.445,90,60,60,fixed,community,active\n");
        double open = coverage("a").coveredAreaM2();
        load(Layer.BUILDINGS, "id,wkt,name\nwall,\"POLYGON ((105.78475 19.4448, 105.78480 19.4448, 105.78480 19.4452, 105.78475 19.4452, 105.78475 19.4448))\",Nhà\n");
        double walled = coverage("a").coveredAreaM2();
        assertThat(walled).isLessThan(open * 0.8);
    }

    /**
     * Regression: the shares alone (scorecards, the bench) are the numbers of the whole report, and those of a direct
     * JTS computation: the union of the working cameras' viewsheds (walls cut), clipped to the area.
     */
    @Test
    void sharesAloneAreTheWholeReportsAndADirectComputations() throws IOException {
        load(Layer.ROADS, "id,wkt,kind\nr1,\"LINESTRING (105.781 19.445, 105.789 19.445)\",street\n");
        load(Layer.CAMERAS, "id,lon,lat,bearing_deg,fov_deg,range_m,kind,owner,status\n"
                + "cam,105.7846,19.445,90,60,60,fixed,community,active\n"
                + "dome,105.785,19.4452,0,360,30,dome,community,active\n"
                + "side,105.7853,19.4447,200,90,50,fixed,community,active\n"
                + "dead,105.7848,19.4449,0,360,40,dome,community,inactive\n");
        load(Layer.BUILDINGS, "id,wkt,name\nwall,\"POLYGON ((105.78475 19.4448, 105.78480 19.4448, 105.78480 19.4452, 105.78475 19.4452, 105.78475 19.4448))\",Nhà\n");
        LocalDate from = LocalDate.of(2023, 1, 1);
        LocalDate to = LocalDate.of(2023, 12, 31);
        CoverageService.Shares alone = new CoverageService(services.store()).shares("w", "a", from, to);
        CoverageService.Report whole = new CoverageService(services.store()).coverage("w", "a", from, to);
        assertThat(alone).isEqualTo(whole.shares());
        assertThat(whole.largestGaps()).isNotEmpty();

        // Directly: every working camera's view in metres, their union, clipped to the area.
        MetricProjection utm = MetricProjection.forLongitude(105.785);
        org.locationtech.jts.geom.Geometry areaM = utm.toMeters(services.store().get(Layer.AREAS, "a").orElseThrow().geometry());
        List<org.locationtech.jts.geom.Geometry> walls = services.store().query(Layer.BUILDINGS, vn.anttmap.model.FeatureQuery.ALL)
                .stream().map(b -> utm.toMeters(b.geometry())).toList();
        List<org.locationtech.jts.geom.Geometry> views = services.store().query(Layer.CAMERAS, vn.anttmap.model.FeatureQuery.ALL)
                .stream().filter(CoverageService::working).map(c -> (org.locationtech.jts.geom.Geometry) CoverageService.viewM(c, utm, walls))
                .toList();
        org.locationtech.jts.geom.Geometry coveredM = areaM.intersection(
                org.locationtech.jts.operation.union.UnaryUnionOp.union(views));
        assertThat(alone.camerasWorking()).isEqualTo(3);
        assertThat(alone.coveredAreaM2()).isCloseTo(coveredM.getArea(), within(0.1));
        assertThat(alone.areaShare()).isCloseTo(coveredM.getArea() / areaM.getArea(), within(1e-4));
        double roadM = 0;
        double coveredRoadM = 0;
        for (vn.anttmap.model.Feature r : services.store().query(Layer.ROADS, vn.anttmap.model.FeatureQuery.ALL)) {
            org.locationtech.jts.geom.Geometry inside = utm.toMeters(r.geometry()).intersection(areaM);
            roadM += inside.getLength();
            coveredRoadM += inside.intersection(coveredM).getLength();
        }
        assertThat(coveredRoadM).isPositive();
        assertThat(alone.coveredRoadM()).isCloseTo(coveredRoadM, within(0.1));
        assertThat(alone.roadShare()).isCloseTo(coveredRoadM / roadM, within(1e-4));
        long incidents = 0;
        long seen = 0;
        for (vn.anttmap.model.Feature i : services.store().query(Layer.INCIDENTS, vn.anttmap.model.FeatureQuery.ALL
                .withArea("a").withDays(from, to))) {
            incidents++;
            seen += coveredM.covers(utm.toMeters(i.geometry())) ? 1 : 0;
        }
        assertThat(alone.incidents()).isEqualTo(incidents);
        assertThat(alone.incidentsCovered()).isEqualTo(seen);
    }

    @Test
    void roadsCoveredAreMeasuredInMetres() throws IOException {
        load(Layer.ROADS, "id,wkt,kind\nr1,\"LINESTRING (105.781 19.445, 105.789 19.445)\",street\n");
        load(Layer.CAMERAS, "id,lon,lat,bearing_deg,fov_deg,range_m,kind,owner,status\n"
                + "dome,105.785,19.445,0,360,40,dome,community,active\n");
        CoverageService.Report a = coverage("a");
        double roadM = MetricProjection.forLongitude(105.785).lengthM(vn.anttmap.TestFeatures.wkt("LINESTRING (105.781 19.445, 105.789 19.445)"));
        assertThat(a.roadM()).isCloseTo(roadM, within(0.5));
        assertThat(a.coveredRoadM()).isCloseTo(80, within(1.0));
    }

    @Test
    void aPlanOverSuppliedPointsIsTheExactOptimumAndRepeatable() throws IOException {
        vn.anttmap.siting.SitingTest.requireOrToolsPublic();
        load(Layer.ROADS, "id,wkt,kind\nr1,\"LINESTRING (105.781 19.445, 105.799 19.445)\",street\n");
        List<double[]> points = List.of(new double[]{105.785, 19.445}, new double[]{105.7855, 19.445},
                new double[]{105.795, 19.446}, new double[]{105.79, 19.4452});
        PlanService.Request request = new PlanService.Request("w", 2, null, null, null, "points", null, points, 90.0, 60.0,
                null, null, null, "auto", LocalDate.of(2023, 12, 31));
        PlanService.Result auto = services.planner().plan(request);
        PlanService.Result exact = services.planner().plan(new PlanService.Request("w", 2, null, null, null, "points", null,
                points, 90.0, 60.0, null, null, null, "exact", LocalDate.of(2023, 12, 31)));
        assertThat(auto.optimal()).isTrue();
        assertThat(auto.coveredAfter()).isEqualTo(exact.coveredAfter());
        assertThat(auto.gap()).isZero();
        assertThat(auto.proposals()).hasSize(2);
        PlanService.Result again = services.planner().plan(request);
        assertThat(again.coveredAfter()).isEqualTo(auto.coveredAfter());
        assertThat(again.proposals()).extracting(p -> p.siteId() + "@" + p.bearingDeg() + " " + p.sector().toText())
                .containsExactlyElementsOf(auto.proposals().stream().map(p -> p.siteId() + "@" + p.bearingDeg() + " "
                        + p.sector().toText()).toList());
        PlanService.Result greedy = services.planner().plan(new PlanService.Request("w", 2, null, null, null, "points", null,
                points, 90.0, 60.0, null, null, null, "greedy", LocalDate.of(2023, 12, 31)));
        assertThat(greedy.coveredAfter()).isLessThanOrEqualTo(exact.coveredAfter() + 1e-9);
        assertThat(greedy.upperBound()).isGreaterThanOrEqualTo(exact.coveredAfter() - 1e-9);
        assertThat(ExactSolver.available()).isTrue();
    }

    @Test
    void withABudgetBrokenCamerasAreRepairCandidates() throws IOException {
        load(Layer.ROADS, "id,wkt,kind\nr1,\"LINESTRING (105.781 19.445, 105.799 19.445)\",street\n");
        load(Layer.CAMERAS, "id,lon,lat,bearing_deg,fov_deg,range_m,kind,owner,status\n"
                + "dead,105.785,19.445,0,360,40,dome,community,inactive\n");
        PlanService.Result r = services.planner().plan(new PlanService.Request("w", null, 3_000_000.0, 15_000_000.0,
                3_000_000.0, "along-roads", 100.0, null, 90.0, 50.0, null, null, null, "greedy", LocalDate.of(2023, 12, 31)));
        assertThat(r.proposals()).extracting(PlanService.Proposal::kind).containsExactly("repair");
        assertThat(r.proposals().get(0).siteId()).isEqualTo("dead");
        assertThat(r.spent()).isEqualTo(3_000_000.0);
    }

    @Test
    void aPlanForEveryWardOrAListOfWardsIsThePlanOfTheirUnion() {
        PlanService.Result one = services.planner().plan(new PlanService.Request("w", 3, null, null, null, null, null,
                null, null, null, null, null, null, "greedy", LocalDate.of(2023, 12, 31)));
        for (String spec : List.of("*", "w,w")) {
            PlanService.Result all = services.planner().plan(new PlanService.Request(spec, 3, null, null, null, null, null,
                    null, null, null, null, null, null, "greedy", LocalDate.of(2023, 12, 31)));
            assertThat(all.coveredAfter()).as(spec).isEqualTo(one.coveredAfter());
            assertThat(all.proposals()).extracting(PlanService.Proposal::siteId)
                    .isEqualTo(one.proposals().stream().map(PlanService.Proposal::siteId).toList());
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> services.planner().plan(new PlanService.Request("w,nowhere",
                        3, null, null, null, null, null, null, null, null, null, null, null, "greedy", null)))
                .isInstanceOf(java.util.NoSuchElementException.class).hasMessageContaining("no ward has id 'nowhere'");
    }
}
