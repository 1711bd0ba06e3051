package vn.anttmap.scoring;

import org.junit.jupiter.api.Test;
import vn.anttmap.io.StandardReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StandardExtensionTest {
    static final Standard BASE = StandardReader.bundled();

    static Standard extend(String json) throws IOException {
        return StandardReader.extend(BASE, "province.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** An area with every computed check met and these attestations, besides the register and K4c declarations. */
    static Facts allMet(Map<String, Facts.Attestation> attestations) {
        Map<String, Facts.Attestation> all = new java.util.HashMap<>(attestations);
        all.put(Standard.REGISTER_COMPLETE, yes("r"));
        all.put("K4c.management", yes("m"));
        return new Facts("a", Standard.Level.AREA, 2023, 100L, 100L, null, List.of(), List.of(),
                List.of(new Facts.Team("t", "street_guard", "Tổ 1", "completed", 0)), all, null, null);
    }

    static Facts.Attestation yes(String id) {
        return new Facts.Attestation(id, true, "cán bộ", null, null, null);
    }

    @Test
    void theBundledStandardHasEveryCriterionOfArticles4And5() {
        assertThat(BASE.criteria(Standard.Level.AREA)).extracting(Standard.Criterion::id).containsExactly("K1", "K2", "K3", "K4", "K5");
        assertThat(BASE.criteria(Standard.Level.WARD)).extracting(Standard.Criterion::id).containsExactly("X1", "X2", "X3", "X4");
        assertThat(BASE.criteria().get(2).points()).extracting(Standard.Point::letter).containsExactly("a", "b", "c", "d", "đ", "e", "g");
        assertThat(BASE.criteria().get(0).textVi()).startsWith("Quý I hằng năm, chi bộ có nghị quyết");
        assertThat(BASE.aliases()).containsExactly("124/2011/TT-BCA");
        assertThat(BASE.attestedChecks(Standard.Level.AREA)).containsExactly("K1.q1", "K2", "K4c.management",
                Standard.REGISTER_COMPLETE, Standard.REGISTRATION);
        assertThat(BASE.attestedChecks(Standard.Level.WARD)).containsExactly("X1", "X2.K2", "X2.K4c.management", "X3",
                Standard.REGISTER_COMPLETE);
    }

    @Test
    void aProvincesCriterionIsAddedAndCountsInTheVerdict() throws IOException {
        Standard extended = extend("""
                {"extends": "tt124-2021", "id": "thanh-hoa", "criteria": [{"id": "TH1", "level": "area",
                 "article": "Hướng dẫn của tỉnh", "text_vi": "Có mô hình camera an ninh", "gloss_en": "Has a camera model",
                 "checks": [{"id": "TH1", "kind": "attested", "text_vi": "Có mô hình", "gloss_en": "Has one"}]}]}""");
        assertThat(extended.id()).isEqualTo("tt124-2021+thanh-hoa");
        Map<String, Facts.Attestation> base = Map.of("K1.q1", yes("1"), "K2", yes("2"));
        assertThat(Scorer.score(BASE, allMet(base)).verdict()).isEqualTo(Scorecard.Verdict.DAT);
        assertThat(Scorer.score(extended, allMet(base)).verdict()).isEqualTo(Scorecard.Verdict.CHUA_DU_CAN_CU);
        Map<String, Facts.Attestation> all = Map.of("K1.q1", yes("1"), "K2", yes("2"), "TH1", yes("3"));
        assertThat(Scorer.score(extended, allMet(all)).verdict()).isEqualTo(Scorecard.Verdict.DAT);
    }

    @Test
    void anExtensionMayNotRepeatABaseIdOrExtendAnotherStandard() {
        assertThatThrownBy(() -> extend("{\"extends\": \"tt124-2021\", \"criteria\": [{\"id\": \"K9\", \"level\": \"area\", "
                + "\"checks\": [{\"id\": \"K2\", \"kind\": \"attested\"}]}]}"))
                .hasMessage("province.json: id 'K2' is already used by the standard");
        assertThatThrownBy(() -> extend("{\"extends\": \"tt23-2012\", \"criteria\": []}"))
                .hasMessage("province.json: extends 'tt23-2012', but the standard is 'tt124-2021'");
    }

    /** Cards from counts: every count the standard needs must be there; a missing one is an error, not a zero. */
    @Test
    void scoringFromCountsNeedsEveryCountTheStandardAsksFor() {
        Facts listed = allMet(Map.of());
        Map<String, Long> zeros = new java.util.HashMap<>();
        Scorer.incidentCounts(BASE, Standard.Level.AREA, 2023).forEach(c -> zeros.put(c.name(), 0L));
        Facts counted = new Facts(listed.subjectId(), listed.level(), listed.year(), listed.residentHouseholds(),
                listed.registeredHouseholds(), listed.householdsAsOf(), List.of(), listed.socialRecords(), listed.teams(),
                listed.attestations(), null, null, Map.of(), zeros, null, List.of());
        assertThat(Scorer.score(BASE, counted).criteria()).isEqualTo(Scorer.score(BASE, listed).criteria());
        zeros.remove("K4b/counted");
        Facts missing = new Facts(listed.subjectId(), listed.level(), listed.year(), listed.residentHouseholds(),
                listed.registeredHouseholds(), listed.householdsAsOf(), List.of(), listed.socialRecords(), listed.teams(),
                listed.attestations(), null, null, Map.of(), zeros, null, List.of());
        assertThatThrownBy(() -> Scorer.score(BASE, missing)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("K4b/counted");
    }
}
