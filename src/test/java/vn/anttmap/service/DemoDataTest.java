package vn.anttmap.service;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.coverage.CoverageGapFinder;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Geometry;
import vn.anttmap.App;
import vn.anttmap.geo.MetricProjection;
import vn.anttmap.model.Feature;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.Layer;
import vn.anttmap.store.h2gis.H2gisFeatureStore;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The demo data set as shipped: it reproduces the ward's published figures and is what the generator makes. */
class DemoDataTest {
    static App.Services services;

    @BeforeAll
    static void load() throws IOException {
        H2gisFeatureStore store = H2gisFeatureStore.inMemory("demo-" + UUID.randomUUID());
        store.migrate();
        services = App.services(store, Clock.fixed(Instant.parse("2023-11-20T03:00:00Z"), ZoneOffset.UTC));
        DemoData.load(services.importer());
    }

    @AfterAll
    static void close() {
        services.close();
    }

    static Stats stats(String from, String to) {
        return services.stats().stats(DemoFiles.WARD_ID, null, LocalDate.parse(from), LocalDate.parse(to));
    }

    @Test
    void theFirstEightMonthsOf2023GiveTheArticlesFigures() {
        Stats s = stats("2023-01-01", "2023-08-31");
        assertThat(s.incidents().total()).isEqualTo(5);
        assertThat(s.mediatedDisputes()).isEqualTo(11);
        assertThat(s.videoExtractions()).isEqualTo(27);
        assertThat(s.cameras()).isEqualTo(new Stats.Cameras(125, 117));
        assertThat(s.registeredHouseholds()).isEqualTo(3_993);
        assertThat(s.households()).isGreaterThan(3_993);
        assertThat(s.teams().year()).isEqualTo(2023);
        assertThat(s.teams().byKind()).containsEntry("street_guard", new Stats.TeamCount(14, 27))
                .containsEntry("social_security", new Stats.TeamCount(128, 3_437))
                .containsEntry("eid_support", new Stats.TeamCount(14, 235));
    }

    @Test
    void theSamePeriodOf2022Had18Incidents() {
        assertThat(stats("2022-01-01", "2022-08-31").incidents().total()).isEqualTo(18);
    }

    @Test
    void areaFiguresAddUpToTheWards() {
        long incidents = 0;
        long registered = 0;
        for (Feature a : services.store().query(Layer.AREAS, FeatureQuery.ALL)) {
            Stats s = services.stats().stats(DemoFiles.WARD_ID, a.id(), LocalDate.of(2021, 11, 1), LocalDate.of(2023, 10, 31));
            incidents += s.incidents().total();
            registered += s.registeredHouseholds();
            assertThat(s.teams().byKind().get("street_guard").teams()).as(a.id()).isEqualTo(1);
        }
        assertThat(incidents).isEqualTo(36);
        assertThat(registered).isEqualTo(3_993);
    }

    @Test
    void fourteenAreasTileTheWardExactly() {
        Feature ward = services.store().get(Layer.WARDS, DemoFiles.WARD_ID).orElseThrow();
        List<Feature> areas = services.store().query(Layer.AREAS, FeatureQuery.ALL);
        assertThat(areas).hasSize(14);
        assertThat(areas).extracting(a -> a.get("ward_id")).containsOnly(DemoFiles.WARD_ID);
        assertThat(areas).extracting(a -> a.get("name")).contains("Tổ dân phố Tiền Phong", "Tổ dân phố Giang Sơn", "Tổ dân phố Đông Hải");
        Geometry[] coverage = areas.stream().map(Feature::geometry).toArray(Geometry[]::new);
        assertThat(CoverageValidator.isValid(coverage)).as("no overlaps, matching edges").isTrue();
        assertThat(CoverageGapFinder.findGaps(coverage, 1e-6).isEmpty()).as("no gaps").isTrue();
        Geometry union = org.locationtech.jts.coverage.CoverageUnion.union(coverage);
        assertThat(vn.anttmap.geo.GeometryChecks.toMultiPolygon(union).norm().equalsExact(ward.geometry().norm())).as("the areas' union is the ward, vertex for vertex").isTrue();
        Geometry outside = ward.geometry().getFactory().toGeometry(ward.geometry().getEnvelopeInternal()).buffer(0.01).difference(ward.geometry());
        Geometry[] withOutside = java.util.stream.Stream.concat(java.util.Arrays.stream(coverage), java.util.stream.Stream.of(outside))
                .toArray(Geometry[]::new);
        assertThat(CoverageValidator.isValid(withOutside)).as("area edges on the ward boundary match it exactly").isTrue();
        MetricProjection utm = MetricProjection.forGeometry(ward.geometry());
        double areasM2 = areas.stream().mapToDouble(a -> utm.areaM2(a.geometry())).sum();
        assertThat(areasM2).isCloseTo(utm.areaM2(ward.geometry()), within(1e-3));
    }

    @Test
    void camerasAndIncidentsLieInTheWardAndSomeAreasWouldFailTheStandard() {
        assertThat(services.store().query(Layer.CAMERAS, FeatureQuery.ALL)).hasSize(125)
                .allSatisfy(c -> assertThat(c.get("ward_id")).isEqualTo(DemoFiles.WARD_ID))
                .allSatisfy(c -> assertThat(c.get("area_id")).isNotNull());
        assertThat(services.store().query(Layer.INCIDENTS, FeatureQuery.ALL))
                .allSatisfy(i -> assertThat(i.get("ward_id")).isEqualTo(DemoFiles.WARD_ID));
        List<Feature> areas = services.store().query(Layer.AREAS, FeatureQuery.ALL);
        long fullyRegistered = areas.stream().filter(a -> a.get("households").equals(a.get("registered_households"))).count();
        assertThat(fullyRegistered).isBetween(1L, 13L);
        long moreThanLastYear = areas.stream().filter(a -> {
            long now = services.stats().stats("hai-hoa", a.id(), LocalDate.of(2022, 11, 1), LocalDate.of(2023, 10, 31)).incidents().total();
            long before = services.stats().stats("hai-hoa", a.id(), LocalDate.of(2021, 11, 1), LocalDate.of(2022, 10, 31)).incidents().total();
            return now > 0 && now >= before;
        }).count();
        assertThat(moreThanLastYear).isBetween(1L, 13L);
        assertThat(services.store().query(Layer.TEAMS, FeatureQuery.ALL.withEqual("rating", "not_completed"))).hasSize(1);
    }

    /**
     * The demo declares what an officer would (each area's and the ward's incident register complete for the scoring
     * year and the one before), and excepts no incident without a decision record behind it.
     */
    @Test
    void theDemoDeclaresItsRegistersAndEveryExceptionHasADecision() {
        var attestations = services.store().query(Layer.ATTESTATIONS, FeatureQuery.ALL.withEqual("check_id", "register_complete"));
        long areas = services.store().query(Layer.AREAS, FeatureQuery.ALL).size();
        assertThat(attestations.stream().filter(a -> "area".equals(a.text("subject_kind"))).count()).isEqualTo(2 * areas);
        assertThat(attestations.stream().filter(a -> "ward".equals(a.text("subject_kind")))
                .map(a -> a.get("period_year"))).containsExactlyInAnyOrder(2022, 2023);
        var decided = services.store().query(Layer.EXCEPTION_DECISIONS, FeatureQuery.ALL).stream()
                .map(d -> d.text("incident_id")).collect(java.util.stream.Collectors.toSet());
        var flagged = services.store().query(Layer.INCIDENTS, FeatureQuery.ALL).stream()
                .filter(i -> Boolean.TRUE.equals(i.get("promptly_handled")) || Boolean.TRUE.equals(i.get("force_majeure")))
                .map(vn.anttmap.model.Feature::id).collect(java.util.stream.Collectors.toSet());
        assertThat(decided).isNotEmpty().isEqualTo(flagged);
        for (var card : services.scoring().scoreAreas("hai-hoa", 2023)) {
            card.criteria().forEach(c -> c.checks().forEach(k -> k.exceptions().forEach(e -> {
                assertThat(decided).contains(e.id());
                assertThat(e.documentRef()).isNotBlank();
            })));
        }
    }

    @Test
    void theShippedFilesAreExactlyWhatTheGeneratorMakes() throws IOException {
        Map<Layer, byte[]> generated;
        try (InputStream source = getClass().getResourceAsStream(DemoFiles.SOURCE)) {
            generated = DemoFiles.generate(DemoFiles.SOURCE, source);
        }
        assertThat(generated).hasSize(15);
        for (Map.Entry<Layer, byte[]> e : generated.entrySet()) {
            try (InputStream shipped = getClass().getResourceAsStream(DemoData.FOLDER + e.getKey().apiName() + ".geojson")) {
                assertThat(shipped).as(e.getKey().apiName()).isNotNull();
                byte[] bytes = shipped.readAllBytes();
                int at = java.util.Arrays.mismatch(bytes, e.getValue());
                assertThat(at).as(e.getKey().apiName() + ".geojson differs from the generator's output at byte " + at
                        + ": regenerate on purpose with 'java -jar target/antt-map.jar generate-demo --out geodata/demo'")
                        .isEqualTo(-1);
            }
        }
    }

    /** The demo's areas scored in one pass (incidents counted by the database) get their own cards' verdicts and figures. */
    @Test
    void scoringEveryDemoAreaInOnePassAgreesWithEachAreasCard() {
        for (int year : new int[]{2022, 2023}) {
            List<vn.anttmap.scoring.Scorecard> bulk = new java.util.ArrayList<>();
            services.scoring().scoreAllAreas(year, bulk::add);
            assertThat(bulk).hasSize(services.store().query(Layer.AREAS, FeatureQuery.ALL.withAt(
                    services.scoring().standard().areaPeriod().of(year).last())).size());
            long incidents = 0;
            for (vn.anttmap.scoring.Scorecard card : bulk) {
                vn.anttmap.scoring.Scorecard one = services.scoring().scoreArea(card.subjectId(), year);
                assertThat(card.verdict()).as(card.subjectId() + " " + year).isEqualTo(one.verdict());
                assertThat(ScoringServiceTest.withoutIncidentEvidence(card.criteria())).as(card.subjectId() + " " + year)
                        .isEqualTo(ScoringServiceTest.withoutIncidentEvidence(one.criteria()));
                incidents += card.advisory().incidentsNow();
            }
            assertThat(incidents).as("incidents of %d counted", year).isPositive();
        }
    }
}
