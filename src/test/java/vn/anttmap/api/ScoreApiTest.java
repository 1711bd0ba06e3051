package vn.anttmap.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.anttmap.App;
import vn.anttmap.cli.AnttMapCommand;
import vn.anttmap.service.DemoData;
import vn.anttmap.store.h2gis.H2gisFeatureStore;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The score API on the demo data, against the CLI over the same data directory. */
class ScoreApiTest {
    @TempDir
    static Path dataDir;
    static App.Services services;

    @BeforeAll
    static void load() throws IOException {
        H2gisFeatureStore store = H2gisFeatureStore.open(dataDir);
        store.migrate();
        services = App.services(store, Clock.systemUTC());
        DemoData.load(services.importer());
        token = vn.anttmap.TestAuth.admin(services);
    }

    static String token;

    @AfterAll
    static void close() {
        services.close();
    }

    static io.javalin.Javalin app() {
        return HttpServer.create(services, new HttpServer.PageConfig("t", "t"));
    }

    static JsonNode json(Response r) throws IOException {
        return HttpServer.JSON.readTree(r.body().string());
    }

    static List<String> verdicts(JsonNode areas) {
        List<String> out = new ArrayList<>();
        areas.forEach(a -> out.add(a.path("verdict").path("code").asText()));
        return out;
    }

    @Test
    void theDemoShowsAllThreeVerdictsAndTheCliAgreesWithTheApi() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            JsonNode body = json(client.get("/api/v1/scores/areas?ward=hai-hoa&year=2023", vn.anttmap.TestAuth.bearer(token)));
            JsonNode areas = body.path("areas");
            assertThat(areas.size()).isEqualTo(14);
            assertThat(verdicts(areas)).contains("dat", "chua_dat", "chua_du_can_cu");
            JsonNode first = areas.get(0);
            assertThat(first.path("period").toString()).isEqualTo("{\"first\":\"2022-11-01\",\"last\":\"2023-10-31\"}");
            assertThat(first.path("criteria")).hasSize(5);
            assertThat(first.path("advisory").path("note").asText()).contains("not part of the circular");

            StringWriter out = new StringWriter();
            CommandLine cli = AnttMapCommand.commandLine();
            cli.setOut(new PrintWriter(out, true));
            assertThat(cli.execute("score", "--data-dir", dataDir.toString(), "--ward", "hai-hoa", "--year", "2023",
                    "--format", "json")).isZero();
            JsonNode fromCli = HttpServer.JSON.readTree(out.toString());
            assertThat(fromCli.path("areas")).isEqualTo(areas);
            assertThat(fromCli.path("ward")).isEqualTo(json(client.get("/api/v1/scores/wards/hai-hoa?year=2023", vn.anttmap.TestAuth.bearer(token))));
        });
    }

    @Test
    void recordingTheMissingAttestationTurnsAnUndecidedAreaIntoADecision() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            JsonNode areas = json(client.get("/api/v1/scores/areas?ward=hai-hoa&year=2023", vn.anttmap.TestAuth.bearer(token))).path("areas");
            String undecided = null;
            for (JsonNode a : areas) {
                if (a.path("verdict").path("code").asText().equals("chua_du_can_cu")) {
                    undecided = a.path("subjectId").asText();
                }
            }
            assertThat(undecided).isNotNull();
            String body = "{\"subject_kind\":\"area\",\"subject_id\":\"" + undecided + "\",\"check_id\":\"K2\",\"year\":2023,"
                    + "\"attested\":true,\"attested_by\":\"Trưởng Công an phường\",\"note\":\"Biên bản họp 28/10\","
                    + "\"document_ref\":\"BB-07/2023\"}";
            Response created = post(client.getOkHttp(), token, client.getOrigin() + "/api/v1/attestations", body);
            assertThat(created.code()).isEqualTo(201);
            JsonNode stored = json(created);
            assertThat(stored.path("check_id").asText()).isEqualTo("K2");
            assertThat(stored.path("attested_at").asText()).endsWith("+07:00");
            JsonNode card = json(client.get("/api/v1/scores/areas/" + undecided + "?year=2023", vn.anttmap.TestAuth.bearer(token)));
            assertThat(card.path("verdict").path("code").asText()).isIn("dat", "chua_dat");
        });
    }

    @Test
    void badRequestsAreNamed() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            assertThat(json(client.get("/api/v1/scores/areas?ward=hai-hoa", vn.anttmap.TestAuth.bearer(token))).path("detail").asText())
                    .isEqualTo("year: required: the year the period ends in, e.g. 2023");
            Response unknown = client.get("/api/v1/scores/areas/zz?year=2023", vn.anttmap.TestAuth.bearer(token));
            assertThat(unknown.code()).isEqualTo(404);
            assertThat(json(unknown).path("detail").asText()).isEqualTo("no residential area has id 'zz'");
            Response bad = post(client.getOkHttp(), token, client.getOrigin() + "/api/v1/attestations",
                    "{\"subject_kind\":\"area\",\"subject_id\":\"tk-1\",\"check_id\":\"K4b\",\"year\":2023,\"attested\":true,\"attested_by\":\"x\"}");
            assertThat(bad.code()).isEqualTo(400);
            assertThat(json(bad).path("detail").asText()).contains("field check_id: 'K4b' is not a criterion an officer attests");
            assertThat(post(client.getOkHttp(), token, client.getOrigin() + "/api/v1/attestations", "not json").code()).isEqualTo(400);
        });
    }

    /**
     * The records issue 16 adds (register declarations, exception decisions, organisations, the K4c limb) are written
     * through the API, refused with the field named when wrong (nothing written), audited and exported; a year before
     * the standard came into force is refused.
     */
    @Test
    void theNewScoringRecordsAreWrittenCheckedAuditedAndExported() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            String base = client.getOrigin() + "/api/v1/";
            JsonNode incidents = json(client.get("/api/v1/incidents?ward=hai-hoa&from=2023-01-01&to=2023-08-31",
                    vn.anttmap.TestAuth.bearer(token))).path("features");
            String incident = incidents.get(0).path("id").asText();
            String area = incidents.get(0).path("properties").path("area_id").asText();
            long decisionsBefore = services.store().counts().get(vn.anttmap.model.Layer.EXCEPTION_DECISIONS);
            Response refused = post(client.getOkHttp(), token, base + "exception_decisions", "{\"type\":\"Feature\","
                    + "\"geometry\":null,\"properties\":{\"incident_id\":\"" + incident + "\",\"check_id\":\"K4d\","
                    + "\"exception\":\"prompt_handling\",\"decided_by\":\"Chủ tịch UBND phường\",\"decided_on\":\"2023-09-01\","
                    + "\"document_ref\":\"QĐ-99/2023\"}}");
            assertThat(refused.code()).isEqualTo(400);
            // The test client asks for English (TestHttp); ErrorLanguageTest covers Vietnamese.
            assertThat(json(refused).path("detail").asText()).contains("field exception: K4d does not allow the exception 'prompt_handling'");
            assertThat(services.store().counts().get(vn.anttmap.model.Layer.EXCEPTION_DECISIONS)).isEqualTo(decisionsBefore);
            Response decided = post(client.getOkHttp(), token, base + "exception_decisions", "{\"type\":\"Feature\","
                    + "\"geometry\":null,\"properties\":{\"incident_id\":\"" + incident + "\",\"check_id\":\"K4b\","
                    + "\"exception\":\"force_majeure\",\"decided_by\":\"Chủ tịch UBND phường\",\"decided_on\":\"2023-09-01\","
                    + "\"document_ref\":\"QĐ-99/2023\"}}");
            assertThat(decided.code()).isEqualTo(201);
            JsonNode decision = json(decided);
            assertThat(decision.path("properties").path("area_id").asText()).isEqualTo(area);
            Response organisation = post(client.getOkHttp(), token, base + "organisations", "{\"type\":\"Feature\","
                    + "\"geometry\":" + incidents.get(0).path("geometry") + ",\"properties\":{\"name\":\"Trường THCS\","
                    + "\"kind\":\"school\",\"assessment_year\":2023,\"registered\":true,\"registered_on\":\"2023-03-01\","
                    + "\"registration_ref\":\"ĐK-1\"}}");
            assertThat(organisation.code()).isEqualTo(201);
            JsonNode ward = json(client.get("/api/v1/scores/wards/hai-hoa?year=2023", vn.anttmap.TestAuth.bearer(token)));
            String x4 = ward.toString();
            assertThat(x4).contains("cơ sở giáo dục");
            for (String check : List.of("register_complete", "K4c.management")) {
                Response attested = post(client.getOkHttp(), token, base + "attestations", "{\"subject_kind\":\"area\","
                        + "\"subject_id\":\"" + area + "\",\"check_id\":\"" + check + "\",\"year\":2023,\"attested\":true,"
                        + "\"attested_by\":\"Trưởng Công an phường\",\"document_ref\":\"BB-08/2023\"}");
                assertThat(attested.code()).as(check).isEqualTo(201);
            }
            JsonNode audit = json(client.get("/api/v1/audit?limit=50", vn.anttmap.TestAuth.bearer(token))).path("entries");
            List<String> layers = new ArrayList<>();
            audit.forEach(e -> layers.add(e.path("layer").asText()));
            assertThat(layers).contains("exception_decisions", "organisations", "attestations");
            Response export = client.get("/api/v1/export?layers=exception_decisions,organisations&format=geojson",
                    vn.anttmap.TestAuth.bearer(token));
            assertThat(export.code()).isEqualTo(200);
            List<String> names = new ArrayList<>();
            try (var zip = new java.util.zip.ZipInputStream(export.body().byteStream())) {
                for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                    String text = new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    names.add(e.getName());
                    if (e.getName().startsWith("exception_decisions")) {
                        assertThat(text).contains("QĐ-99/2023");
                    }
                }
            }
            assertThat(names).containsExactlyInAnyOrder("exception_decisions.geojson", "organisations.geojson");
            Response old = client.get("/api/v1/scores/areas?ward=hai-hoa&year=2021", vn.anttmap.TestAuth.bearer(token));
            assertThat(old.code()).isEqualTo(422);
            assertThat(json(old).path("detail").asText()).contains("10/02/2022", "23/2012/TT-BCA")
                    .doesNotContain("kết thúc"); // regression: the English answer carried both languages
            // The public sees neither the decisions nor the organisations' records.
            assertThat(client.get("/api/v1/exception_decisions/" + decision.path("id").asText()).code()).isEqualTo(401);
        });
    }

    /**
     * Regression: a write's body was read before deciding who may write, so the public got 400 for a bad body instead
     * of 401. Who may write is decided first, for every editable layer and for attestations.
     */
    @Test
    void whoMayWriteIsDecidedBeforeTheBodyIsRead() {
        String planner = vn.anttmap.TestAuth.token(services, vn.anttmap.model.Account.Role.PLANNER, null);
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            for (String layer : List.of("exception_decisions", "organisations", "incidents", "attestations")) {
                String url = client.getOrigin() + "/api/v1/" + layer;
                assertThat(post(client.getOkHttp(), null, url, "not json").code()).as(layer).isEqualTo(401);
                assertThat(post(client.getOkHttp(), planner, url, "not json").code()).as(layer).isEqualTo(403);
            }
            Request put = new Request.Builder().url(client.getOrigin() + "/api/v1/organisations/tc-01-2023")
                    .put(RequestBody.create("not json", MediaType.get("application/json"))).build();
            assertThat(client.getOkHttp().newCall(put).execute().code()).isEqualTo(401);
        });
    }

    static Response post(okhttp3.OkHttpClient http, String token, String url, String json) throws IOException {
        Request.Builder b = new Request.Builder().url(url).post(RequestBody.create(json, MediaType.get("application/json")));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.newCall(b.build()).execute();
    }
}
