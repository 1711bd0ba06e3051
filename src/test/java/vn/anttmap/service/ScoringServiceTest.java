package vn.anttmap.service;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.anttmap.App;
import vn.anttmap.api.TestData;
import vn.anttmap.model.InvalidInputException;
import vn.anttmap.model.Layer;
import vn.anttmap.scoring.Scorecard;
import vn.anttmap.store.h2gis.H2gisFeatureStore;

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

/**
 * Scoring end to end over a store: facts gathered by period, day boundaries in Vietnam, attestations, declarations,
 * exception decisions and organisations. Runs on H2GIS here and on PostGIS in {@link PostgisScoringServiceTest}.
 */
class ScoringServiceTest {
    App.Services services;

    /** A fresh, migrated store. */
    protected vn.anttmap.store.FeatureStore openStore() {
        H2gisFeatureStore store = H2gisFeatureStore.inMemory("scoring-" + UUID.randomUUID());
        store.migrate();
        return store;
    }

    @BeforeEach
    void setUp() throws IOException {
        services = App.services(openStore(), Clock.fixed(Instant.parse("2023-11-20T03:00:00Z"), ZoneOffset.UTC));
        TestData.loadFixtures(services.importer());
        load(Layer.TEAMS, "id,area_id,kind,member_count,rating_year,rating,disciplined_members\n"
                + "ta,a,street_guard,2,2023,completed_well,0\ntb,b,street_guard,2,2023,completed,0\n");
    }

    @AfterEach
    void tearDown() {
        if (services != null) { // null when the set-up was skipped (PostGIS not configured)
            services.close();
        }
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
        attest("area", area, check, 2023, yes);
    }

    void attest(String kind, String subject, String check, int year, boolean yes) {
        services.scoring().attest(new ScoringService.AttestationRequest(kind, subject, check, year, yes,
                "Trưởng Công an phường", "họp ngày 28/10", "BB-01"));
    }

    /** Declares the area's incident register complete for the year. */
    void declareRegister(String area, int year) {
        attest("area", area, "register_complete", year, true);
    }

    @Test
    void anIncidentAt2330On31OctoberLocalTimeBelongsToThePeriodEndingThatDay() throws IOException {
        load(Layer.INCIDENTS, "id,lon,lat,occurred_at,category,severity,channel\n"
                + "late,105.785,19.445,2023-10-31T16:30:00Z,crime,nghiem_trong,patrol\n"
                + "early,105.795,19.445,2023-10-31T17:30:00Z,crime,nghiem_trong,patrol\n");
        declareRegister("b", 2023);
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
        attest("b", "K4c.management", true);
        Scorecard undeclared = services.scoring().scoreArea("b", 2023);
        assertThat(undeclared.verdict()).isEqualTo(Scorecard.Verdict.CHUA_DU_CAN_CU);
        assertThat(check(undeclared, "K3").status()).isEqualTo(Scorecard.Status.NO_DATA);
        assertThat(check(undeclared, "K3").note()).startsWith("chưa xác nhận sổ theo dõi vụ việc đầy đủ");
        declareRegister("b", 2023);
        Scorecard after = services.scoring().scoreArea("b", 2023);
        assertThat(check(after, "K2").status()).isEqualTo(Scorecard.Status.MET);
        assertThat(check(after, "K2").attestation().attestedBy()).isEqualTo("Trưởng Công an phường");
        assertThat(after.verdict()).isEqualTo(Scorecard.Verdict.DAT);
        attest("b", "K2", false);
        assertThat(services.scoring().scoreArea("b", 2023).verdict()).isEqualTo(Scorecard.Verdict.CHUA_DAT);
    }

    /** Regression: the area record's undated household figures (290 of 300) decided K1; only a dated count may. */
    @Test
    void onlyDatedHouseholdCountsDecideK1() throws IOException {
        Scorecard.CheckResult undated = check(services.scoring().scoreArea("a", 2023), "K1.households");
        assertThat(undated.status()).isEqualTo(Scorecard.Status.NO_DATA);
        assertThat(undated.measured()).isNull();
        load(Layer.HOUSEHOLD_COUNTS, "area_id,as_of,resident_households,registered_households,source\n"
                + "a,2023-06-30,300,300,CSDLQG dân cư\na,2023-11-15,310,300,CSDLQG dân cư\n"); // after the period (to 31/10/2023), before today
        Scorecard.CheckResult k1 = check(services.scoring().scoreArea("a", 2023), "K1.households");
        assertThat(k1.status()).isEqualTo(Scorecard.Status.MET);
        assertThat(k1.note()).isEqualTo("300/300 (số hộ ngày 30/06/2023)");
        assertThat(k1.noteEn()).isEqualTo("300/300 (count of 30/06/2023)");
    }

    @Test
    void attestationsAreCheckedLikeAnyImport() {
        assertThatThrownBy(() -> services.scoring().attest(new ScoringService.AttestationRequest("area", "a", "K4b", 2023,
                true, "cán bộ", null, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("attestation: request, field check_id: 'K4b' không phải tiêu chí cán bộ xác nhận cho khu dân cư; "
                        + "các tiêu chí được xác nhận là K1.q1, K2, K4c.management, register_complete, registration / "
                        + "'K4b' is not a criterion an officer attests for a area; "
                        + "those are K1.q1, K2, K4c.management, register_complete, registration");
        assertThatThrownBy(() -> services.scoring().attest(new ScoringService.AttestationRequest("area", "zz", "K2", 2023,
                true, null, null, null)))
                .hasMessageContaining("field attested_by: bắt buộc, chưa nhập / required value is missing");
        assertThat(services.store().counts().get(Layer.ATTESTATIONS)).isZero();
    }

    /** The criteria with the incident ids left out of evidence (cards scored from counts list none). */
    static List<Scorecard.CriterionResult> withoutIncidentEvidence(List<Scorecard.CriterionResult> criteria) {
        return criteria.stream().map(c -> new Scorecard.CriterionResult(c.criterionId(), c.status(), c.checks().stream()
                .map(k -> new Scorecard.CheckResult(k.checkId(), k.kind(), k.status(), k.measured(), k.comparison(),
                        k.threshold(), k.note(), k.evidence().stream().filter(e -> !e.layer().equals("incidents")).toList(),
                        k.exceptions(), k.attestation(),
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
        // c2's flag excepts nothing by itself; the decisions do (c3 prompt handling, w1 force majeure; a decision naming
        // prompt handling for K4d would be refused).
        load(Layer.EXCEPTION_DECISIONS, "id,incident_id,check_id,exception,decided_by,decided_on,document_ref\n"
                + "d3,c3,K4b,prompt_handling,Chủ tịch UBND phường,2023-04-10,QĐ-12/2023\n"
                + "dw,w1,K4d,force_majeure,Chủ tịch UBND phường,2023-06-10,QĐ-13/2023\n");
        declareRegister("a", 2023);
        declareRegister("a", 2022);
        List<Scorecard> bulk = everyAreaAsItsOwnCard(2023);
        Scorecard a = bulk.stream().filter(c -> c.subjectId().equals("a")).findFirst().orElseThrow();
        assertThat(check(a, "K4b").measured()).isEqualTo(2.0);
        assertThat(check(a, "K4b").note()).startsWith("1 vụ được loại trừ theo quyết định");
        assertThat(check(a, "K4b").exceptions()).extracting(Scorecard.Excepted::id, Scorecard.Excepted::exception,
                Scorecard.Excepted::documentRef).containsExactly(org.assertj.core.groups.Tuple.tuple("c3", "prompt_handling", "QĐ-12/2023"));
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
                .containsExactly("c1", "c2");
    }

    /**
     * Regression: a fire whose seriousness, a work accident whose deaths and a crime whose severity were not recorded
     * read as "no" and K4b/K4d as met. Now the checks are undecided and list those incidents as needing details; the
     * one-pass cards agree.
     */
    @Test
    void anUnsetDecidingFieldMakesTheCheckUndecidedAndListsTheIncident() throws IOException {
        load(Layer.INCIDENTS, "id,lon,lat,occurred_at,category,severity,channel,serious,deaths\n"
                + "f1,105.785,19.445,2023-04-01T10:00:00+07:00,fire_explosion,,hotline_113,,\n"
                + "w1,105.786,19.445,2023-05-01T10:00:00+07:00,work_accident,,hotline_113,,\n"
                + "c1,105.787,19.445,2023-05-02T10:00:00+07:00,political_security,,hotline_113,,\n");
        declareRegister("a", 2023);
        Scorecard card = services.scoring().scoreArea("a", 2023);
        assertThat(check(card, "K4d").status()).isEqualTo(Scorecard.Status.NO_DATA);
        assertThat(check(card, "K4d").missing()).extracting(Scorecard.Evidence::id).containsExactly("f1", "w1");
        assertThat(check(card, "K4d").note()).contains("2 vụ cần bổ sung thông tin");
        assertThat(check(card, "K4b").status()).isEqualTo(Scorecard.Status.NO_DATA);
        assertThat(check(card, "K4b").missing()).extracting(Scorecard.Evidence::id).containsExactly("c1");
        assertThat(card.verdict()).isNotEqualTo(Scorecard.Verdict.DAT);
        everyAreaAsItsOwnCard(2023);
        // Once recorded, the fire is not serious and nobody died: K4d is met.
        var who = vn.anttmap.auth.Principal.ADMIN_LOCAL;
        for (String[] x : new String[][]{{"f1", "fire_explosion", "serious", "false"}, {"w1", "work_accident", "deaths", "0"}}) {
            var before = services.edits().get(Layer.INCIDENTS, x[0]).orElseThrow();
            Map<String, Object> values = new java.util.HashMap<>(Map.of("occurred_at", "2023-04-01T10:00:00+07:00",
                    "category", x[1], "channel", "hotline_113"));
            values.put(x[2], x[3]);
            services.edits().update(who, Layer.INCIDENTS, x[0], new vn.anttmap.io.RawRecord("edit", x[0],
                    before.feature().geometry(), values), before.version());
        }
        assertThat(check(services.scoring().scoreArea("a", 2023), "K4d").status()).isEqualTo(Scorecard.Status.MET);
        everyAreaAsItsOwnCard(2023);
    }

    /** Exception decisions are checked like any import: an allowed exception, an incident that exists; all or nothing. */
    @Test
    void exceptionDecisionsAreCheckedAndK4dNeverTakesPromptHandling() throws IOException {
        load(Layer.INCIDENTS, "id,lon,lat,occurred_at,category,severity,channel,serious,deaths\n"
                + "w1,105.786,19.445,2023-05-01T10:00:00+07:00,work_accident,,hotline_113,,1\n");
        assertThatThrownBy(() -> load(Layer.EXCEPTION_DECISIONS, "id,incident_id,check_id,exception,decided_by,decided_on,document_ref\n"
                + "ok,w1,K4d,force_majeure,Chủ tịch UBND phường,2023-06-10,QĐ-1\n"
                + "d1,w1,K4d,prompt_handling,Chủ tịch UBND phường,2023-06-10,QĐ-2\n"
                + "d2,zz,K4b,force_majeure,Chủ tịch UBND phường,2023-06-10,QĐ-3\n"
                + "d3,w1,K4b,force_majeure,Chủ tịch UBND phường,2023-06-10,\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 3, field exception: K4d không cho phép ngoại lệ 'prompt_handling': K4d chỉ loại trừ "
                        + "trường hợp bất khả kháng")
                .hasMessageContaining("line 4, field incident_id: không có vụ việc mã 'zz' / no incident has id 'zz'")
                .hasMessageContaining("line 5, field document_ref: bắt buộc, chưa nhập / required value is missing");
        assertThat(services.store().counts().get(Layer.EXCEPTION_DECISIONS)).isZero();
    }

    /** X4 counts the residential areas and the ward's organisations together, and says what it counted. */
    @Test
    void organisationsCountBesideTheAreasInX4() throws IOException {
        for (String area : List.of("a", "b")) {
            attest("area", area, "registration", 2023, true);
        }
        load(Layer.ORGANISATIONS, "id,lon,lat,name,kind,assessment_year,registered,registered_on,registration_ref,"
                + "recognised,recognition_ref,recognition_decided_on\n"
                + "o1,105.785,19.445,UBND phường,agency,2023,true,2023-03-01,ĐK-1,true,QĐ-40,2023-11-18\n"
                + "o2,105.795,19.445,Trường THCS,school,2023,true,2023-03-02,ĐK-2,,,\n"
                + "o3,105.795,19.445,Trường cũ,school,2022,true,2022-03-02,ĐK-0,false,QĐ-9,2022-11-18\n");
        Scorecard ward = services.scoring().scoreWard("w", 2023);
        Scorecard.CheckResult registered = check(ward, "X4.registered");
        assertThat(registered.status()).isEqualTo(Scorecard.Status.MET);
        assertThat(registered.note()).startsWith("đăng ký: khu dân cư 2/2, cơ quan 1/1, cơ sở giáo dục 1/1; tổng 4/4");
        Scorecard.CheckResult recognised = check(ward, "X4.recognised");
        // Areas a and b are undecided (no attestations) and the school has no result yet: X4 is undecided.
        assertThat(recognised.status()).isEqualTo(Scorecard.Status.NO_DATA);
        assertThat(recognised.missing()).extracting(Scorecard.Evidence::id).containsExactlyInAnyOrder("a", "b", "o2");
        assertThatThrownBy(() -> load(Layer.ORGANISATIONS, "id,lon,lat,name,kind,assessment_year,registered,recognised\n"
                + "o9,105.785,19.445,Công ty,enterprise,2023,true,true\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("field registered_on: bắt buộc khi registered là có")
                .hasMessageContaining("field recognition_ref: bắt buộc khi đã có kết quả công nhận");
        assertThat(services.store().counts().get(Layer.ORGANISATIONS)).isEqualTo(3);
    }

    /** Periods that ended before the standard came into force (10/02/2022) are refused, and so are their attestations. */
    @Test
    void periodsBeforeTheStandardCameIntoForceAreRefused() {
        assertThatThrownBy(() -> services.scoring().scoreArea("a", 2021))
                .isInstanceOf(vn.anttmap.scoring.Standard.NotInForceException.class)
                .hasMessageContaining("kết thúc trước ngày 10/02/2022").hasMessageContaining("Thông tư số 23/2012/TT-BCA");
        assertThatThrownBy(() -> services.scoring().scoreWard("w", 2021)).isInstanceOf(vn.anttmap.scoring.Standard.NotInForceException.class);
        assertThatThrownBy(() -> services.scoring().scoreAllAreas(2021, c -> { }))
                .isInstanceOf(vn.anttmap.scoring.Standard.NotInForceException.class);
        assertThatThrownBy(() -> attest("area", "a", "K2", 2021, true)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("field period_year: kỳ đánh giá năm 2021 (01/11/2020–31/10/2021) kết thúc trước ngày 10/02/2022");
        assertThatThrownBy(() -> services.scoring().attest(new ScoringService.AttestationRequest("area", "a",
                "register_complete", 2023, true, "Trưởng Công an phường", null, null))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("field document_ref: bắt buộc với register_complete");
        assertThat(services.store().counts().get(Layer.ATTESTATIONS)).isZero();
        assertThat(services.scoring().scoreArea("a", 2022).year()).isEqualTo(2022);
    }

    /** Regression: a street-guard team of the year with no rating made K5 "not met"; it is undecided. */
    @Test
    void anUnratedTeamLeavesK5Undecided() throws IOException {
        load(Layer.TEAMS, "id,area_id,kind,name,member_count,rating_year,rating,disciplined_members\n"
                + "tb,b,street_guard,Tổ BVDP số 2,2,2023,,0\n");
        Scorecard.CheckResult k5 = check(services.scoring().scoreArea("b", 2023), "K5");
        assertThat(k5.status()).isEqualTo(Scorecard.Status.NO_DATA);
        assertThat(k5.missing()).extracting(Scorecard.Evidence::id).containsExactly("tb");
        load(Layer.TEAMS, "id,area_id,kind,name,member_count,rating_year,rating,disciplined_members\n"
                + "tc,b,street_guard,Tổ BVDP số 3,2,2023,not_completed,0\n");
        k5 = check(services.scoring().scoreArea("b", 2023), "K5");
        assertThat(k5.status()).isEqualTo(Scorecard.Status.NOT_MET);
        assertThat(k5.note()).isEqualTo("tổ không đạt: Tổ BVDP số 3 (không hoàn thành nhiệm vụ)");
        assertThat(k5.noteEn()).isEqualTo("teams failing: Tổ BVDP số 3 (did not complete its tasks)");
    }

    /**
     * Regression: text the API accepts (up to 4,000 characters) overflowed narrower columns (an organisation's name,
     * a decision's document) and answered 503. Each text field is checked against its column: too long is refused
     * naming the field, in both languages; at the limit it is stored whole.
     */
    @Test
    void textLongerThanItsColumnIsRefusedNamingTheField() throws IOException {
        String header = "id,lon,lat,name,kind,assessment_year\n";
        assertThatThrownBy(() -> load(Layer.ORGANISATIONS, header + "o1,105.785,19.445," + "Đ".repeat(201) + ",agency,2023\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("field name: dài quá 200 ký tự / longer than 200 characters");
        assertThat(services.store().counts().get(Layer.ORGANISATIONS)).isZero();
        load(Layer.ORGANISATIONS, header + "o1,105.785,19.445," + "Đ".repeat(200) + ",agency,2023\n");
        assertThat(services.store().get(Layer.ORGANISATIONS, "o1").orElseThrow().text("name")).hasSize(200);
    }
}
