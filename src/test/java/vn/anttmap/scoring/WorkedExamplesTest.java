package vn.anttmap.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import vn.anttmap.io.StandardReader;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs every worked example of {@code geodata/standards/tt124-2021.examples.json} through the scorer. */
class WorkedExamplesTest {
    static final Standard STANDARD = StandardReader.bundled();

    static JsonNode examples() throws IOException {
        try (InputStream in = WorkedExamplesTest.class.getResourceAsStream("/geodata/standards/tt124-2021.examples.json")) {
            return new ObjectMapper().readTree(in).path("examples");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyExampleGivesItsExpectedStatuses() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode ex : examples()) {
            tests.add(DynamicTest.dynamicTest(ex.path("name").asText(), () -> {
                if (ex.has("refused")) {
                    assertThatThrownBy(() -> Scorer.score(STANDARD, facts(ex))).isInstanceOf(Standard.NotInForceException.class)
                            .hasMessageContaining(ex.get("refused").asText()).hasMessageContaining("23/2012/TT-BCA");
                    return;
                }
                Scorecard card = Scorer.score(STANDARD, facts(ex));
                Map<String, String> actual = statuses(card);
                ex.path("expected").fields().forEachRemaining(e ->
                        assertThat(actual.get(e.getKey())).as(ex.path("name").asText() + " / " + e.getKey())
                                .isEqualTo(e.getValue().asText()));
            }));
        }
        return tests.stream();
    }

    @Test
    void theExamplesCoverEveryComputedCheckBothWays() throws IOException {
        Map<String, Set<String>> outcomes = new HashMap<>();
        for (JsonNode ex : examples()) {
            ex.path("expected").fields().forEachRemaining(e ->
                    outcomes.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(e.getValue().asText()));
        }
        for (Standard.Criterion c : STANDARD.criteria()) {
            for (Standard.Check k : c.checks()) {
                if (k.kind() == Standard.Kind.COMPUTED) {
                    assertThat(outcomes.get(k.id())).as(k.id()).contains("met", "not_met");
                    // Nothing missing reads as met: every check but the ward's change and K4c counts has an undecided case.
                    if (!List.of("X2.K4a", "X2.K4c").contains(k.id())) {
                        assertThat(outcomes.get(k.id())).as(k.id() + " undecided").contains("no_data");
                    }
                } else {
                    assertThat(outcomes.get(k.id())).as(k.id()).isNotNull();
                }
            }
        }
        assertThat(outcomes.get("verdict")).containsExactlyInAnyOrder("dat", "chua_dat", "chua_du_can_cu");
    }

    static Map<String, String> statuses(Scorecard card) {
        Map<String, String> out = new HashMap<>();
        card.criteria().forEach(c -> c.checks().forEach(k -> out.put(k.checkId(), k.status().name().toLowerCase(Locale.ROOT))));
        out.put("verdict", card.verdict().name().toLowerCase(Locale.ROOT));
        return out;
    }

    static Facts facts(JsonNode ex) {
        JsonNode f = ex.path("facts");
        List<Facts.Incident> incidents = new ArrayList<>();
        for (JsonNode i : f.path("incidents")) {
            incidents.add(incident(i));
        }
        List<Facts.Record> records = new ArrayList<>();
        for (JsonNode r : f.path("social_records")) {
            records.add(new Facts.Record(r.path("id").asText(), LocalDate.parse(r.path("day").asText()),
                    r.path("kind").asText(), r.path("count").asInt()));
        }
        List<Facts.Team> teams = new ArrayList<>();
        for (JsonNode t : f.path("teams")) {
            teams.add(new Facts.Team(t.path("id").asText(), t.path("kind").asText(), t.path("name").asText(null),
                    t.path("rating").asText(null), t.path("disciplined").asInt()));
        }
        Map<String, Facts.Attestation> attestations = new HashMap<>();
        f.path("attestations").fields().forEachRemaining(e -> attestations.put(e.getKey(),
                new Facts.Attestation("a-" + e.getKey(), e.getValue().asBoolean(), "test", null, null, null)));
        List<Facts.Unit> units = null;
        if (f.has("units")) {
            units = new ArrayList<>();
            for (JsonNode u : f.path("units")) {
                // "count": that many units alike (ids numbered)
                for (int i = 0; i < u.path("count").asInt(1); i++) {
                    units.add(new Facts.Unit(u.path("kind").asText(), u.path("id").asText("u" + units.size()),
                            u.path("name").asText(null), bool(u, "registered"), bool(u, "recognised")));
                }
            }
        }
        Map<String, Facts.Incident> byId = new HashMap<>();
        incidents.forEach(i -> byId.put(i.id(), i));
        List<Facts.Decision> decisions = new ArrayList<>();
        for (JsonNode d : f.path("decisions")) {
            decisions.add(new Facts.Decision(d.path("id").asText(), d.path("incident_id").asText(), d.path("check_id").asText(),
                    d.path("exception").asText(), d.path("decided_by").asText(), LocalDate.parse(d.path("decided_on").asText()),
                    d.path("document_ref").asText(), byId.get(d.path("incident_id").asText())));
        }
        Facts.Attestation previous = f.has("previous_register_complete")
                ? new Facts.Attestation("a-prev", f.get("previous_register_complete").asBoolean(), "test", null, null, null) : null;
        return new Facts("example", Standard.Level.valueOf(ex.path("level").asText().toUpperCase(Locale.ROOT)),
                ex.path("year").asInt(), f.hasNonNull("resident_households") ? f.get("resident_households").asLong() : null,
                f.hasNonNull("registered_households") ? f.get("registered_households").asLong() : null, null,
                incidents, records, teams, attestations, units, null).with(previous, decisions);
    }

    static Facts.Incident incident(JsonNode i) {
        return new Facts.Incident(i.path("id").asText(), LocalDate.parse(i.path("day").asText()),
                i.path("category").asText(), i.hasNonNull("severity") ? i.get("severity").asText() : null,
                bool(i, "serious"), i.hasNonNull("deaths") ? i.get("deaths").asInt() : null);
    }

    /** A JSON boolean, or {@code null} where the member is absent or null (not recorded). */
    static Boolean bool(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asBoolean() : null;
    }
}
