package vn.anttmap.service;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.anttmap.App;
import vn.anttmap.api.TestData;
import vn.anttmap.model.InvalidInputException;
import vn.anttmap.model.Layer;
import vn.anttmap.scoring.Scorecard;
import vn.anttmap.store.H2gisFeatureStore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scoring end to end over a store: facts gathered by period, day boundaries in Vietnam, attestations. */
class ScoringServiceTest {
    App.Services services;

    @BeforeEach
    void setUp() throws IOException {
        H2gisFeatureStore store = H2gisFeatureStore.inMemory("scoring-" + UUID.randomUUID());
        store.migrate();
        services = App.services(store, Clock.fixed(Instant.parse("2023-11-20T03:00:00Z"), ZoneOffset.UTC));
        TestData.loadFixtures(services.importer());
        load(Layer.TEAMS, "id,area_id,kind,member_count,rating_year,rating,disciplined_members\n"
                + "ta,a,street_guard,2,2023,completed_well,0\ntb,b,street_guard,2,2023,completed,0\n");
    }

    @AfterEach
    void tearDown() {
        services.close();
    }

    void load(Layer layer, String csv) throws IOException {
        services.importer().importFile(layer, layer.apiName() + ".csv",
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), ImportService.Format.CSV, null);
    }

    Scorecard.CheckResult check(Scorecard card, String id) {
        return card.criteria().stream().flatMap(c -> c.checks().stream()).filter(k -> k.checkId().equals(id))
                .findFirst().orElseThrow();
    }

    void attest(String area, String check, boolean yes) {
        services.scoring().attest(new ScoringService.AttestationRequest("area", area, check, 2023, yes,
                "Trưởng Công an phường", "họp ngày 28/10", "BB-01"));
    }

    @Test
    void anIncidentAt2330On31OctoberLocalTimeBelongsToThePeriodEndingThatDay() throws IOException {
        load(Layer.INCIDENTS, "id,lon,lat,occurred_at,category,severity,channel\n"
                + "late,105.785,19.445,2023-10-31T16:30:00Z,crime,nghiem_trong,patrol\n"
                + "early,105.795,19.445,2023-10-31T17:30:00Z,crime,nghiem_trong,patrol\n");
        Scorecard a2023 = services.scoring().scoreArea("a", 2023);
        assertThat(check(a2023, "K4b").status()).isEqualTo(Scorecard.Status.NOT_MET);
        assertThat(check(a2023, "K4b").evidence()).extracting(Scorecard.Evidence::id).containsExactly("late");
        assertThat(check(services.scoring().scoreArea("b", 2023), "K4b").status()).isEqualTo(Scorecard.Status.MET);
        assertThat(check(services.scoring().scoreArea("b", 2024), "K4b").evidence())
                .extracting(Scorecard.Evidence::id).containsExactly("early");
    }

    @Test
    void anIncidentOnTheBoundaryBetweenTwoAreasIsCountedOnce() throws IOException {
        load(Layer.INCIDENTS, "id,lon,lat,occurred_at,category,severity,channel\n"
                + "edge,105.79,19.446,2023-03-01T10:00:00+07:00,crime,nghiem_trong,patrol\n");
        long counted = java.util.stream.Stream.of("a", "b").map(id -> services.scoring().scoreArea(id, 2023))
                .mapToLong(c -> check(c, "K4b").evidence().size()).sum();
        assertThat(counted).isEqualTo(1);
        assertThat(check(services.scoring().scoreWard("w", 2023), "X2.K4b").evidence()).hasSize(1);
    }

    @Test
    void missingAttestationsLeaveTheVerdictUndecidedUntilRecorded() throws IOException {
        load(Layer.HOUSEHOLD_COUNTS, "area_id,as_of,resident_households,registered_households\nb,2023-06-30,280,280\n");
        load(Layer.INCIDENTS, "id,lon,lat,occurred_at,category,channel\n"
                + "o1,105.795,19.445,2022-02-01T10:00:00+07:00,social_evil,patrol\n"
                + "o2,105.795,19.445,2022-03-01T10:00:00+07:00,social_evil,patrol\n");
        Scorecard before = services.scoring().scoreArea("b", 2023);
        assertThat(before.verdict()).isEqualTo(Scorecard.Verdict.CHUA_DU_CAN_CU);
        assertThat(check(before, "K2").status()).isEqualTo(Scorecard.Status.NEEDS_ATTESTATION);
        attest("b", "K1.q1", true);
        attest("b", "K2", true);
        Scorecard after = services.scoring().scoreArea("b", 2023);
        assertThat(check(after, "K2").status()).isEqualTo(Scorecard.Status.MET);
        assertThat(check(after, "K2").attestation().attestedBy()).isEqualTo("Trưởng Công an phường");
        assertThat(after.verdict()).isEqualTo(Scorecard.Verdict.DAT);
        attest("b", "K2", false);
        assertThat(services.scoring().scoreArea("b", 2023).verdict()).isEqualTo(Scorecard.Verdict.CHUA_DAT);
    }

    @Test
    void householdCountsImportedWithAnAsOfDateTakePrecedence() throws IOException {
        assertThat(check(services.scoring().scoreArea("a", 2023), "K1.households").measured()).isEqualTo(290.0 / 300);
        load(Layer.HOUSEHOLD_COUNTS, "area_id,as_of,resident_households,registered_households,source\n"
                + "a,2023-06-30,300,300,CSDLQG dân cư\na,2023-12-31,310,300,CSDLQG dân cư\n");
        Scorecard.CheckResult k1 = check(services.scoring().scoreArea("a", 2023), "K1.households");
        assertThat(k1.status()).isEqualTo(Scorecard.Status.MET);
        assertThat(k1.note()).isEqualTo("300/300 (2023-06-30)");
    }

    @Test
    void attestationsAreCheckedLikeAnyImport() {
        assertThatThrownBy(() -> services.scoring().attest(new ScoringService.AttestationRequest("area", "a", "K4b", 2023,
                true, "cán bộ", null, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("attestation: request, field check_id: 'K4b' is not a criterion an officer attests for a area; those are K1.q1, K2");
        assertThatThrownBy(() -> services.scoring().attest(new ScoringService.AttestationRequest("area", "zz", "K2", 2023,
                true, null, null, null)))
                .hasMessageContaining("field attested_by: required value is missing");
        assertThat(services.store().counts().get(Layer.ATTESTATIONS)).isZero();
    }

    /** The criteria with the incident ids left out of evidence (cards scored from counts list none). */
    static List<Scorecard.CriterionResult> withoutIncidentEvidence(List<Scorecard.CriterionResult> criteria) {
        return criteria.stream().map(c -> new Scorecard.CriterionResult(c.criterionId(), c.status(), c.checks().stream()
                .map(k -> new Scorecard.CheckResult(k.checkId(), k.kind(), k.status(), k.measured(), k.comparison(),
                        k.threshold(), k.note(), k.evidence().stream().filter(e -> !e.layer().equals("incidents")).toList(),
                        k.exceptions().stream().filter(e -> !e.layer().equals("incidents")).toList(), k.attestation(),
                        k.missing().stream().filter(e -> !e.layer().equals("incidents")).toList()))
                .toList())).toList();
    }

    /** Every area scored in one pass, each card checked against the area's own card; returns the one-pass cards. */
    List<Scorecard> everyAreaAsItsOwnCard(int year) {
        List<Scorecard> bulk = new java.util.ArrayList<>();
        assertThat(services.scoring().scoreAllAreas(year, bulk::add)).isEqualTo(bulk.size()).isPositive();
        for (Scorecard card : bulk) {
            Scorecard one = services.scoring().scoreArea(card.subjectId(), year);
            assertThat(card.verdict()).as(card.subjectId()).isEqualTo(one.verdict());
            assertThat(withoutIncidentEvidence(card.criteria())).as(card.subjectId()).isEqualTo(withoutIncidentEvidence(one.criteria()));
            assertThat(card.advisory().incidentsNow()).as(card.subjectId()).isEqualTo(one.advisory().incidentsNow());
            assertThat(card.advisory().incidentsBefore()).as(card.subjectId()).isEqualTo(one.advisory().incidentsBefore());
        }
        return bulk;
    }

    /**
     * Once every area has been scored for a year, the store keeps each area's counts on every write: after an import
     * of new and replacing incidents, an edit, a deletion and a boundary change that moves incidents to another area,
     * the one-pass cards are still each area's own.
     */
    @Test
    void scoringEveryAreaStaysRightAfterWritesOfEveryKind() throws IOException {
        List<Scorecard> before = everyAreaAsItsOwnCard(2023);
        load(Layer.INCIDENTS, "id,lon,lat,occurred_at,category,severity,channel,force_majeure,promptly_handled,serious,deaths\n"
                + "i1,105.785,19.445,2023-03-05T20:00:00Z,crime,nghiem_trong,hotline_113,false,false,,\n" // replaces i1: now serious
                + "n1,105.788,19.445,2023-06-01T10:00:00+07:00,crime,rat_nghiem_trong,hotline_113,,,,\n"
                + "n2,105.796,19.445,2022-06-01T10:00:00+07:00,social_evil,,hotline_113,,,,\n"
                + "n3,105.797,19.445,2023-07-01T10:00:00+07:00,fire_explosion,,hotline_113,,,true,\n");
        List<Scorecard> afterImport = everyAreaAsItsOwnCard(2023);
        Scorecard a = afterImport.stream().filter(c -> c.subjectId().equals("a")).findFirst().orElseThrow();
        assertThat(check(a, "K4b").measured()).isEqualTo(2.0); // i1 and n1
        assertThat(afterImport).isNotEqualTo(before);
        var who = vn.anttmap.auth.Principal.ADMIN_LOCAL;
        var n1 = services.edits().get(Layer.INCIDENTS, "n1").orElseThrow();
        services.edits().update(who, Layer.INCIDENTS, "n1", new vn.anttmap.io.RawRecord("edit", "n1",
                vn.anttmap.TestFeatures.wkt("POINT (105.788 19.445)"), Map.of("occurred_at", "2023-06-01T10:00:00+07:00", "category", "crime",
                "severity", "it_nghiem_trong", "channel", "hotline_113")), n1.version());
        var i3 = services.edits().get(Layer.INCIDENTS, "i3").orElseThrow();
        services.edits().delete(who, Layer.INCIDENTS, "i3", i3.version());
        Scorecard edited = everyAreaAsItsOwnCard(2023).stream().filter(c -> c.subjectId().equals("a")).findFirst().orElseThrow();
        assertThat(check(edited, "K4b").measured()).isEqualTo(1.0); // n1 is no longer serious
        try (var in = getClass().getResourceAsStream("/fixtures/import/areas-moved.geojson")) {
            assertThat(services.importer().importFile(Layer.AREAS, "areas-moved.geojson", in, ImportService.Format.GEOJSON, null)
                    .reassigned()).isPositive();
        }
        everyAreaAsItsOwnCard(2023);
        everyAreaAsItsOwnCard(2024);
    }

    /**
     * Scoring every area in one pass (incidents counted by the database) gives each area's card: same statuses,
     * figures and notes, with exceptions (force majeure, prompt handling), serious accidents (fire, deaths) and the
     * change against the previous period.
     */
    @Test
    void scoringEveryAreaFromDatabaseCountsGivesEachAreasCard() throws IOException {
        load(Layer.INCIDENTS, "id,lon,lat,occurred_at,category,severity,channel,force_majeure,promptly_handled,serious,deaths\n"
                + "c1,105.785,19.445,2023-03-01T10:00:00+07:00,crime,nghiem_trong,hotline_113,,,,\n"
                + "c2,105.785,19.445,2023-03-02T10:00:00+07:00,crime,nghiem_trong,hotline_113,true,,,\n"
                + "c3,105.785,19.445,2023-03-03T10:00:00+07:00,crime,rat_nghiem_trong,hotline_113,false,true,,\n"
                + "c4,105.785,19.445,2022-03-03T10:00:00+07:00,crime,it_nghiem_trong,hotline_113,,,,\n"
                + "f1,105.785,19.445,2023-04-01T10:00:00+07:00,fire_explosion,,hotline_113,,,true,\n"
                + "f2,105.785,19.445,2023-04-02T10:00:00+07:00,fire_explosion,,hotline_113,,,false,\n"
                + "w1,105.785,19.445,2023-05-01T10:00:00+07:00,work_accident,,hotline_113,true,,,1\n"
                + "s1,105.795,19.445,2023-10-31T23:30:00+07:00,social_evil,,hotline_113,,,,\n");
        List<Scorecard> bulk = everyAreaAsItsOwnCard(2023);
        Scorecard a = bulk.stream().filter(c -> c.subjectId().equals("a")).findFirst().orElseThrow();
        assertThat(check(a, "K4b").measured()).isEqualTo(1.0);
        assertThat(check(a, "K4b").note()).startsWith("2 vụ được loại trừ");
        assertThat(check(a, "K4b").evidence()).isEmpty();
        // K4a: this period's crimes in area a (the fixtures' i1, and c1–c3) against the previous period's (c4); K4d:
        // the serious fire counts, the fatal work accident flagged force majeure is excepted.
        assertThat(check(a, "K4a").measured()).isEqualTo(4.0);
        assertThat(check(a, "K4a").threshold()).isEqualTo(1.0);
        assertThat(check(a, "K4a").status()).isEqualTo(Scorecard.Status.NOT_MET);
        assertThat(check(a, "K4d").measured()).isEqualTo(1.0);
        assertThat(check(a, "K4d").note()).startsWith("1 vụ được loại trừ");
        assertThat(check(services.scoring().scoreArea("a", 2023), "K4d").exceptions()).extracting(Scorecard.Excepted::id)
                .containsExactly("w1");
        assertThat(check(services.scoring().scoreArea("a", 2023), "K4b").evidence()).extracting(Scorecard.Evidence::id)
                .containsExactly("c1");
    }
}
