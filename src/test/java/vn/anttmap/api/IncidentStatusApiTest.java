package vn.anttmap.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.anttmap.App;
import vn.anttmap.TestAuth;
import vn.anttmap.model.Account;
import vn.anttmap.model.AuditEntry;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.Layer;

import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An incident's life through the API ({@code POST /api/v1/incidents/{id}/status}): each step in order with its version,
 * refused out of order or on a stale version with nothing changed, authorised before the body is read, one audit entry
 * per step; and the figures' handling against a hand count. One server over the demo for the class; the incidents are
 * its own, on days the demo has none, so the demo's own handling (whatever it is) does not enter the counts.
 */
class IncidentStatusApiTest {
    static App.Services services;
    static Javalin app;
    static OkHttpClient client = new OkHttpClient.Builder().readTimeout(java.time.Duration.ZERO).build();
    static String officer;
    static String otherOfficer;
    static String leader;
    static String admin;
    /** Two days of the past on which the demo ward has no incident: one for the life of one incident, one for the figures. */
    static LocalDate lifeDay;
    static LocalDate statsDay;

    @BeforeAll
    static void start() throws IOException {
        services = vn.anttmap.DemoFixture.services("status");
        officer = TestAuth.token(services, Account.Role.OFFICER, "hai-hoa");
        otherOfficer = TestAuth.token(services, Account.Role.OFFICER, "ninh-hai");
        leader = TestAuth.token(services, Account.Role.LEADER, "hai-hoa");
        admin = TestAuth.admin(services);
        List<LocalDate> empty = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2024, 1, 10); empty.size() < 2; d = d.plusDays(1)) {
            assertThat(d).isBefore(LocalDate.now());
            if (services.store().query(Layer.INCIDENTS, FeatureQuery.ALL.withWard("hai-hoa").withDays(d, d)).isEmpty()) {
                empty.add(d);
            }
        }
        lifeDay = empty.get(0);
        statsDay = empty.get(1);
        app = HttpServer.create(services, new HttpServer.PageConfig("t", "t")).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        app.stop();
        services.close();
    }

    record Answer(int code, JsonNode body, String etag) {
        String detail() {
            return body.path("detail").asText();
        }
    }

    static Answer call(String method, String path, String json, String token, String ifMatch, String lang) throws IOException {
        Request.Builder b = new Request.Builder().url("http://127.0.0.1:" + app.port() + path).header("Accept-Language", lang)
                .method(method, json == null ? null : RequestBody.create(json, MediaType.get("application/json")));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        try (Response r = client.newCall(b.build()).execute()) {
            String text = r.body().string();
            return new Answer(r.code(), text.isEmpty() ? null : HttpServer.JSON.readTree(text), r.header("ETag"));
        }
    }

    static Answer status(String id, String json, String token, String ifMatch) throws IOException {
        return call("POST", "/api/v1/incidents/" + id + "/status", json, token, ifMatch, "en");
    }

    /** An incident of ward hai-hoa on {@code day} at 08:00, with these handling fields (JSON members, may be empty). */
    static String incident(String id, LocalDate day, String handling) {
        return "{\"type\":\"Feature\",\"id\":\"" + id + "\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[105.795,19.451]},"
                + "\"properties\":{\"occurred_at\":\"" + day + "T08:00:00+07:00\",\"category\":\"dispute\",\"channel\":\"hotline_113\""
                + (handling.isEmpty() ? "" : "," + handling) + "}}";
    }

    static String at(LocalDate day, String time) {
        return day + "T" + time + ":00+07:00";
    }

    @Test
    void anOfficerTakesAnIncidentFromReceivedToClosedStepByStepAndEachStepIsAudited() throws IOException {
        String id = "vv-life-1";
        Answer created = call("POST", "/api/v1/incidents", incident(id, lifeDay, ""), officer, null, "en");
        assertThat(created.code()).as(created.body().toString()).isEqualTo(201);
        String etag = created.etag();

        // Closing before receiving: refused (409) in both languages, naming the field and the next step; nothing changed.
        Answer early = status(id, "{\"status\":\"closed\"}", officer, etag);
        assertThat(early.code()).isEqualTo(409);
        assertThat(early.body().path("field").asText()).isEqualTo("status");
        assertThat(early.detail()).isEqualTo("cannot move to 'closed': the incident is not yet received, the next step is 'received'");
        Answer earlyVi = call("POST", "/api/v1/incidents/" + id + "/status", "{\"status\":\"closed\"}", officer, etag, "vi");
        assertThat(earlyVi.detail()).isEqualTo("không thể chuyển sang 'kết thúc': vụ việc chưa tiếp nhận, bước tiếp theo là 'tiếp nhận'");
        assertThat(earlyVi.body().path("field_label").asText()).isEqualTo("Trạng thái");
        assertThat(services.edits().get(Layer.INCIDENTS, id).orElseThrow().version()).isEqualTo(etag.replace("\"", ""));
        // Without a version: 428; on a stale one: 409 with the current version.
        assertThat(status(id, "{\"status\":\"received\"}", officer, null).code()).isEqualTo(428);
        Answer stale = status(id, "{\"status\":\"received\"}", officer, "\"0000\"");
        assertThat(stale.code()).isEqualTo(409);
        assertThat(stale.body().path("currentVersion").asText()).isEqualTo(etag.replace("\"", ""));
        // Assigning needs whom: the field is named.
        Answer received = status(id, "{\"status\":\"received\",\"at\":\"" + at(lifeDay, "08:30") + "\"}", officer, etag);
        assertThat(received.code()).as(received.body().toString()).isEqualTo(200);
        assertThat(received.body().path("properties").path("received_by").asText()).isEqualTo("test-officer-hai-hoa");
        assertThat(received.body().path("properties").path("received_at").asText()).isEqualTo(at(lifeDay, "08:30"));
        Answer noAssignee = status(id, "{\"status\":\"assigned\"}", officer, received.etag());
        assertThat(noAssignee.code()).isEqualTo(400);
        assertThat(noAssignee.body().path("problems").get(0).path("field").asText()).isEqualTo("assigned_to");
        // A step before the one it follows is refused by the record's own checks, naming the field.
        Answer before = status(id, "{\"status\":\"assigned\",\"assigned_to\":\"Tổ 2\",\"at\":\"" + at(lifeDay, "08:10") + "\"}",
                officer, received.etag());
        assertThat(before.code()).isEqualTo(400);
        assertThat(before.body().path("problems").get(0).path("field").asText()).isEqualTo("assigned_at");

        String version = received.etag();
        List<String> steps = List.of("{\"status\":\"assigned\",\"assigned_to\":\"Tổ tuần tra 2\",\"at\":\"" + at(lifeDay, "09:00") + "\"}",
                "{\"status\":\"verified\",\"at\":\"" + at(lifeDay, "10:00") + "\"}",
                "{\"status\":\"handled\",\"handling\":\"mediated\",\"at\":\"" + at(lifeDay, "11:30") + "\"}",
                "{\"status\":\"closed\"}");
        for (String step : steps) {
            Answer a = status(id, step, officer, version);
            assertThat(a.code()).as(step + ": " + a.body()).isEqualTo(200);
            assertThat(a.etag()).isNotEqualTo(version);
            version = a.etag();
        }
        Answer read = call("GET", "/api/v1/incidents/" + id, null, officer, null, "en");
        assertThat(read.etag()).isEqualTo(version);
        JsonNode p = read.body().path("properties");
        assertThat(p.path("status").asText()).isEqualTo("closed");
        assertThat(p.path("assigned_to").asText()).isEqualTo("Tổ tuần tra 2");
        assertThat(p.path("handling").asText()).isEqualTo("mediated");
        assertThat(p.path("handle_minutes").asInt()).isEqualTo(180);
        assertThat(p.path("closed_by").asText()).isEqualTo("test-officer-hai-hoa");
        assertThat(OffsetDateTime.parse(p.path("closed_at").asText())).isAfter(OffsetDateTime.now().minusHours(1));

        List<AuditEntry> audit = new ArrayList<>(services.store().audit("test-officer-hai-hoa", "incidents", null, null, 100)
                .stream().filter(e -> e.recordId().equals(id) && e.action().equals("status")).toList());
        audit.sort(Comparator.comparing(AuditEntry::at));
        assertThat(audit).extracting(AuditEntry::detail).containsExactly("— → received", "received → assigned",
                "assigned → verified", "verified → handled", "handled → closed");
        for (AuditEntry e : audit) {
            String[] fromTo = e.detail().split(" → ");
            String was = HttpServer.JSON.readTree(e.beforeJson()).path("properties").path("status").asText(null);
            assertThat(was).isEqualTo(fromTo[0].equals("—") ? null : fromTo[0]);
            assertThat(HttpServer.JSON.readTree(e.afterJson()).path("properties").path("status").asText()).isEqualTo(fromTo[1]);
            assertThat(e.username()).isEqualTo("test-officer-hai-hoa");
        }

        // A PUT cannot take the status back (an officer); an administrator may correct it.
        Map<String, Object> props = new java.util.LinkedHashMap<>(HttpServer.JSON.convertValue(p, Map.class));
        props.keySet().removeAll(List.of("ward_id", "area_id", "occurred_on", "handle_minutes"));
        props.put("status", "handled");
        props.put("closed_at", null);
        props.put("closed_by", null);
        String back = incident(id, lifeDay, "").replaceFirst("\"properties\":\\{.*\\}\\}$",
                "\"properties\":" + HttpServer.JSON.writeValueAsString(props) + "}");
        Answer refusedBack = call("PUT", "/api/v1/incidents/" + id, back, officer, version, "en");
        assertThat(refusedBack.code()).isEqualTo(400);
        assertThat(refusedBack.body().path("problems").get(0).path("field").asText()).isEqualTo("status");
        assertThat(services.store().get(Layer.INCIDENTS, id).orElseThrow().get("status")).isEqualTo("closed");
        Answer corrected = call("PUT", "/api/v1/incidents/" + id, back, admin, version, "en");
        assertThat(corrected.code()).as(corrected.body().toString()).isEqualTo(200);
        assertThat(services.store().get(Layer.INCIDENTS, id).orElseThrow().get("status")).isEqualTo("handled");
    }

    @Test
    void whoMayNotWriteIsRefusedBeforeTheBodyIsRead() throws IOException {
        String id = "vv-life-2";
        Answer created = call("POST", "/api/v1/incidents", incident(id, lifeDay, ""), officer, null, "en");
        assertThat(created.code()).isEqualTo(201);
        String notJson = "{not json";
        assertThat(status(id, notJson, officer, created.etag()).code()).as("the body is read for who may write").isEqualTo(400);
        assertThat(status(id, notJson, null, created.etag()).code()).isEqualTo(401);
        Answer byLeader = status(id, notJson, leader, created.etag());
        assertThat(byLeader.code()).isEqualTo(403);
        assertThat(byLeader.detail()).doesNotContain("JSON");
        assertThat(status(id, notJson, TestAuth.token(services, Account.Role.PLANNER, null), created.etag()).code()).isEqualTo(403);
        // Another ward's officer is answered as for an id that does not exist (as a PUT is): the record is not theirs to
        // know of. Checked before the body, too.
        Answer other = status(id, notJson, otherOfficer, created.etag());
        Answer missing = status("vv-never-was", notJson, otherOfficer, created.etag());
        assertThat(other.code()).isEqualTo(404);
        assertThat(other.detail().replace(id, "ID")).isEqualTo(missing.detail().replace("vv-never-was", "ID"));
        assertThat(services.store().get(Layer.INCIDENTS, id).orElseThrow().get("status")).isNull();
    }

    @Test
    void theFiguresCountTheHandlingAsCountedByHand() throws IOException {
        LocalDate d = statsDay;
        String q = "/api/v1/stats?ward=hai-hoa&from=" + d + "&to=" + d;
        // Nothing yet on that day: nothing handled, and so no median (null, not 0).
        JsonNode empty = call("GET", q, null, officer, null, "en").body().path("handling");
        assertThat(empty.path("received").asLong()).isZero();
        assertThat(empty.get("medianHoursToHandle").isNull()).isTrue();

        String receivedStep = "\"received_at\":\"" + at(d, "09:00") + "\"";
        String upToVerified = receivedStep + ",\"assigned_to\":\"Tổ 1\",\"assigned_at\":\"" + at(d, "09:10")
                + "\",\"verified_at\":\"" + at(d, "09:20") + "\"";
        // Handled after 45, 120, 240 and 300 minutes: the median is (120 + 240) / 2 = 180 minutes, 3 hours.
        String[] handledAt = {"09:45", "11:00", "13:00", "14:00"};
        List<String> records = new ArrayList<>();
        for (int i = 0; i < handledAt.length; i++) {
            boolean closed = i % 2 == 0;
            records.add(incident("vv-fig-h" + i, d, "\"status\":\"" + (closed ? "closed" : "handled") + "\"," + upToVerified
                    + ",\"handled_at\":\"" + at(d, handledAt[i]) + "\",\"handling\":\"fined\""
                    + (closed ? ",\"closed_at\":\"" + at(d, "15:00") + "\"" : "")));
        }
        records.add(incident("vv-fig-o1", d, "\"status\":\"received\"," + receivedStep));
        records.add(incident("vv-fig-o2", d, "\"status\":\"verified\"," + upToVerified));
        records.add(incident("vv-fig-u1", d, ""));
        for (String r : records) {
            Answer a = call("POST", "/api/v1/incidents", r, officer, null, "en");
            assertThat(a.code()).as(r + ": " + a.body()).isEqualTo(201);
        }
        // A record whose status says more than its steps is refused when created.
        Answer inconsistent = call("POST", "/api/v1/incidents", incident("vv-fig-bad", d, "\"status\":\"handled\",\"received_at\":\""
                + at(d, "09:00") + "\""), officer, null, "en");
        assertThat(inconsistent.code()).isEqualTo(400);
        assertThat(inconsistent.body().path("problems").findValuesAsText("field")).contains("assigned_at", "handled_at", "handling");

        for (String token : List.of(officer, leader, admin)) {
            JsonNode h = call("GET", q, null, token, null, "en").body().path("handling");
            assertThat(h.path("received").asLong()).isEqualTo(7);
            assertThat(h.path("handled").asLong()).isEqualTo(4);
            assertThat(h.path("open").asLong()).isEqualTo(2);
            assertThat(h.path("unknown").asLong()).isEqualTo(1);
            assertThat(h.path("medianHoursToHandle").asDouble()).isEqualTo(3.0);
        }
        // The handling is officer-level data: not for the public, a planner or another ward's officer.
        for (String token : new String[] {null, otherOfficer, TestAuth.token(services, Account.Role.PLANNER, null)}) {
            Answer a = call("GET", q, null, token, null, "en");
            assertThat(a.code()).isEqualTo(200);
            assertThat(a.body().path("incidents").path("total").asLong()).isEqualTo(7);
            assertThat(a.body().get("handling").isNull()).isTrue();
        }
    }
}
