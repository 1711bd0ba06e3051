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

    /** The neighbours' incidents end with Hải Hòa's month, so the map still opens on the period of the published figures. */
    @Test
    void theMapsDefaultPeriodIsStillTheFirstEightMonthsOf2023() {
        assertThat(services.features().defaultPeriod()).isEqualTo(new vn.anttmap.scoring.Standard.Period(
                LocalDate.of(2023, 1, 1), LocalDate.of(2023, 8, 31)));
        assertThat(services.features().busiestWard()).contains(DemoFiles.WARD_ID);
    }

    @Test
    void theSamePeriodOf2022Had18Incidents() {
        assertThat(stats("2022-01-01", "2022-08-31").incidents().total()).isEqualTo(18);
    }

    @Test
    void areaFiguresAddUpToTheWards() {
        long incidents = 0;
        long registered = 0;
        for (Feature a : services.store().query(Layer.AREAS, FeatureQuery.ALL.withWard(DemoFiles.WARD_ID))) {
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
        List<Feature> areas = services.store().query(Layer.AREAS, FeatureQuery.ALL.withWard(DemoFiles.WARD_ID));
        assertThat(areas).hasSize(14);
        assertThat(areas).extracting(a -> a.get("name")).contains("Tổ dân phố Tiền Phong", "Tổ dân phố Giang Sơn", "Tổ dân phố Đông Hải");
        assertTilesExactly(DemoFiles.WARD_ID, areas);
    }

    /** The three neighbours' synthetic areas tile each its ward as exactly as Hải Hòa's. */
    @Test
    void theNeighboursAreasTileTheirWardsExactly() {
        for (Map.Entry<String, Integer> e : Map.of("binh-minh", 5, "hai-nhan", 6, "ninh-hai", 4).entrySet()) {
            List<Feature> areas = services.store().query(Layer.AREAS, FeatureQuery.ALL.withWard(e.getKey()));
            assertThat(areas).as(e.getKey()).hasSize(e.getValue())
                    .allSatisfy(a -> assertThat(a.id()).startsWith(e.getKey() + "-"))
                    .allSatisfy(a -> assertThat(a.text("source")).startsWith("synthetic"));
            assertTilesExactly(e.getKey(), areas);
        }
    }

    private static void assertTilesExactly(String wardId, List<Feature> areas) {
        Feature ward = services.store().get(Layer.WARDS, wardId).orElseThrow();
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
        assertThat(services.store().query(Layer.CAMERAS, FeatureQuery.ALL.withWard(DemoFiles.WARD_ID))).hasSize(125)
                .allSatisfy(c -> assertThat(c.id()).startsWith("cam-"));
        // Every camera and incident of the demo (Hải Hòa's and the neighbours') lies in an area of the ward its id names.
        for (Layer layer : List.of(Layer.CAMERAS, Layer.INCIDENTS)) {
            assertThat(services.store().query(layer, FeatureQuery.ALL)).allSatisfy(f -> {
                assertThat(f.get("area_id")).as(f.id()).isNotNull();
                String ward = f.text("ward_id");
                assertThat(f.id()).as("in " + ward).startsWith(!DemoFiles.WARD_ID.equals(ward) ? ward + "-"
                        : layer == Layer.CAMERAS ? "cam-" : "vv-");
            });
        }
        assertThat(services.store().query(Layer.INCIDENTS, FeatureQuery.ALL.withWard(DemoFiles.WARD_ID))).hasSize(36);
        List<Feature> areas = services.store().query(Layer.AREAS, FeatureQuery.ALL.withWard(DemoFiles.WARD_ID));
        long fullyRegistered = areas.stream().filter(a -> a.get("households").equals(a.get("registered_households"))).count();
        assertThat(fullyRegistered).isBetween(1L, 13L);
        long moreThanLastYear = areas.stream().filter(a -> {
            long now = services.stats().stats("hai-hoa", a.id(), LocalDate.of(2022, 11, 1), LocalDate.of(2023, 10, 31)).incidents().total();
            long before = services.stats().stats("hai-hoa", a.id(), LocalDate.of(2021, 11, 1), LocalDate.of(2022, 10, 31)).incidents().total();
            return now > 0 && now >= before;
        }).count();
        assertThat(moreThanLastYear).isBetween(1L, 13L);
        assertThat(services.store().query(Layer.TEAMS, FeatureQuery.ALL.withWard(DemoFiles.WARD_ID)
                .withEqual("rating", "not_completed"))).hasSize(1);
    }

    /**
     * The demo declares what an officer would (each area's and the ward's incident register complete for the scoring
     * year and the one before), and excepts no incident without a decision record behind it.
     */
    @Test
    void theDemoDeclaresItsRegistersAndEveryExceptionHasADecision() {
        var attestations = services.store().query(Layer.ATTESTATIONS, FeatureQuery.ALL.withWard(DemoFiles.WARD_ID)
                .withEqual("check_id", "register_complete"));
        long areas = services.store().query(Layer.AREAS, FeatureQuery.ALL.withWard(DemoFiles.WARD_ID)).size();
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

    /** The demo's "today" for the handling: no step of any history is later. */
    static final java.time.OffsetDateTime HANDLING_AS_OF = java.time.OffsetDateTime.parse("2023-11-15T17:00:00+07:00");

    /**
     * Every incident of the demo carries a handling history that the lifecycle rules accept, by illustrative officers,
     * none later than the demo's date; Hải Hòa's older ones are closed, and of its recent ones some are still open.
     */
    @Test
    void everyIncidentHasAPlausibleHandlingHistory() {
        List<Feature> incidents = services.store().query(Layer.INCIDENTS, FeatureQuery.ALL);
        assertThat(incidents).allSatisfy(i -> {
            assertThat(vn.anttmap.model.IncidentLifecycle.problems(i.id(), i.properties())).isEmpty();
            assertThat(i.text("status")).isNotNull();
            assertThat(i.text("received_by")).endsWith("(minh họa)");
            for (String f : List.of("received_at", "assigned_at", "verified_at", "handled_at", "closed_at")) {
                if (i.get(f) != null) {
                    assertThat(((java.time.OffsetDateTime) i.get(f)).toInstant()).as(i.id() + " " + f)
                            .isBeforeOrEqualTo(HANDLING_AS_OF.toInstant());
                }
            }
            if (vn.anttmap.model.IncidentLifecycle.isHandled(i.text("status"))) {
                assertThat(i.get("handle_minutes")).as(i.id()).isEqualTo((int) java.time.Duration.between(
                        (java.time.OffsetDateTime) i.get("received_at"), (java.time.OffsetDateTime) i.get("handled_at")).toMinutes());
            } else {
                assertThat(i.get("handle_minutes")).as(i.id()).isNull();
            }
        });
        List<Feature> haiHoa = services.store().query(Layer.INCIDENTS, FeatureQuery.ALL.withWard(DemoFiles.WARD_ID));
        java.time.OffsetDateTime recent = HANDLING_AS_OF.minusDays(75);
        assertThat(haiHoa.stream().filter(i -> ((java.time.OffsetDateTime) i.get("occurred_at")).isBefore(recent)))
                .allSatisfy(i -> assertThat(i.text("status")).as(i.id()).isEqualTo("closed"));
        assertThat(haiHoa.stream().filter(i -> vn.anttmap.model.IncidentLifecycle.isOpen(i.text("status"))).map(Feature::id))
                .containsExactly("vv-2023-006", "vv-2023-007");
        // Crimes go to the investigating body; disputes are mediated or referred.
        assertThat(incidents.stream().filter(i -> "crime".equals(i.text("category")) && i.get("handling") != null))
                .isNotEmpty().allSatisfy(i -> assertThat(i.text("handling")).isEqualTo("transferred"));
        assertThat(incidents.stream().filter(i -> "dispute".equals(i.text("category")) && i.get("handling") != null))
                .isNotEmpty().allSatisfy(i -> assertThat(i.text("handling")).isIn("mediated", "referred"));
    }

    /**
     * The three neighbours carry figures of their own, as planned for the dashboard: Bình Minh handles fastest, Hải
     * Nhân slowest, Ninh Hải leaves the largest share open; each has cameras out of service and cameras sharing
     * footage; among their areas' 2023 verdicts are all three.
     */
    @Test
    void theNeighboursHaveFiguresOfTheirOwn() {
        Map<String, Double> medianHours = new java.util.HashMap<>();
        Map<String, Double> openShare = new java.util.HashMap<>();
        java.util.Set<vn.anttmap.scoring.Scorecard.Verdict> verdicts = java.util.EnumSet.noneOf(vn.anttmap.scoring.Scorecard.Verdict.class);
        for (String ward : List.of(DemoFiles.WARD_ID, "binh-minh", "hai-nhan", "ninh-hai")) {
            List<Feature> incidents = services.store().query(Layer.INCIDENTS, FeatureQuery.ALL.withWard(ward));
            List<Integer> minutes = incidents.stream().map(i -> (Integer) i.get("handle_minutes"))
                    .filter(java.util.Objects::nonNull).sorted().toList();
            medianHours.put(ward, minutes.size() % 2 == 1 ? minutes.get(minutes.size() / 2) / 60.0
                    : (minutes.get(minutes.size() / 2 - 1) + minutes.get(minutes.size() / 2)) / 120.0);
            openShare.put(ward, incidents.stream().filter(i -> vn.anttmap.model.IncidentLifecycle.isOpen(i.text("status"))).count()
                    / (double) incidents.size());
            if (ward.equals(DemoFiles.WARD_ID)) {
                continue;
            }
            assertThat(incidents.size()).as(ward).isBetween(20, 40);
            List<Feature> cameras = services.store().query(Layer.CAMERAS, FeatureQuery.ALL.withWard(ward));
            assertThat(cameras.size()).as(ward).isBetween(15, 40);
            assertThat(cameras).as(ward).anyMatch(c -> !"active".equals(c.text("status")))
                    .anyMatch(c -> Boolean.TRUE.equals(c.get("footage_sharing")))
                    .anyMatch(c -> Boolean.FALSE.equals(c.get("footage_sharing")));
            services.scoring().scoreAreas(ward, 2023).forEach(c -> verdicts.add(c.verdict()));
        }
        assertThat(medianHours.get("binh-minh")).isLessThan(medianHours.get(DemoFiles.WARD_ID));
        assertThat(medianHours.get("hai-nhan")).isGreaterThan(2 * medianHours.get(DemoFiles.WARD_ID));
        assertThat(openShare.get("ninh-hai")).isGreaterThan(0.25)
                .isGreaterThan(openShare.get("binh-minh")).isGreaterThan(openShare.get("hai-nhan"))
                .isGreaterThan(openShare.get(DemoFiles.WARD_ID));
        assertThat(verdicts).containsExactlyInAnyOrder(vn.anttmap.scoring.Scorecard.Verdict.values());
    }

    @Test
    void theShippedFilesAreExactlyWhatTheGeneratorMakes() throws IOException {
        Map<Layer, byte[]> generated;
        try (InputStream source = getClass().getResourceAsStream(DemoFiles.SOURCE)) {
            generated = DemoFiles.generate(DemoFiles.SOURCE, source);
        }
        assertThat(generated).hasSize(15);
        assertThat(new String(generated.get(Layer.WARDS), java.nio.charset.StandardCharsets.UTF_8))
                .contains("Neighbour of the demo's ward, with its own synthetic areas");
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
