package vn.anttmap.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.anttmap.App;
import vn.anttmap.model.Layer;
import vn.anttmap.service.ImportService;
import vn.anttmap.store.FeatureStore;
import vn.anttmap.store.h2gis.H2gisFeatureStore;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The read API through Javalin's test tools, on the embedded store in memory. */
class HttpServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2023-11-20T03:00:00Z"), ZoneOffset.UTC);

    App.Services services;

    static App.Services servicesOver(FeatureStore store) throws IOException {
        store.migrate();
        App.Services s = App.services(store, CLOCK);
        TestData.loadFixtures(s.importer());
        return s;
    }

    String token;

    @BeforeEach
    void setUp() throws IOException {
        services = servicesOver(H2gisFeatureStore.inMemory("api-" + UUID.randomUUID()));
        token = vn.anttmap.TestAuth.admin(services);
    }

    Response get(io.javalin.testtools.HttpClient client, String path) {
        return client.get(path, vn.anttmap.TestAuth.bearer(token));
    }

    @AfterEach
    void tearDown() {
        services.close();
    }

    io.javalin.Javalin app() {
        return HttpServer.create(services, new HttpServer.PageConfig("https://tiles.example/{z}/{x}/{y}.png", "test"));
    }

    static JsonNode json(Response r) throws IOException {
        return JSON.readTree(r.body().string());
    }

    static List<String> ids(JsonNode fc) {
        List<String> out = new ArrayList<>();
        fc.path("features").forEach(f -> out.add(f.path("id").asText()));
        return out;
    }

    @Test
    void healthzNamesTheStore() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            Response r = client.get("/healthz");
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.body().string()).isEqualTo("{\"status\":\"ok\",\"store\":\"h2gis\"}");
        });
    }

    @Test
    void layersAreGeoJsonFeatureCollections() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            Response r = client.get("/api/v1/areas");
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.header("Content-Type")).startsWith("application/geo+json");
            JsonNode fc = json(r);
            assertThat(fc.path("type").asText()).isEqualTo("FeatureCollection");
            assertThat(ids(fc)).containsExactly("a", "b");
            JsonNode a = fc.path("features").get(0);
            assertThat(a.path("geometry").path("type").asText()).isEqualTo("MultiPolygon");
            assertThat(a.path("geometry").path("coordinates").get(0).get(0).get(1).toString()).isEqualTo("[105.79,19.44]");
            assertThat(a.path("properties").path("name").asText()).isEqualTo("Tổ dân phố Tiền Phong");
            assertThat(a.path("properties").path("ward_id").asText()).isEqualTo("w");
            assertThat(a.has("crs")).isFalse();
        });
    }

    @Test
    void incidentsFilterByIsoDatesInclusive() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            assertThat(ids(json(get(client, "/api/v1/incidents")))).containsExactly("i1", "i2", "i3");
            assertThat(ids(json(get(client, "/api/v1/incidents?from=2023-03-06&to=2023-04-05")))).containsExactly("i1", "i2");
            assertThat(ids(json(get(client, "/api/v1/incidents?from=2023-08-31")))).containsExactly("i3");
            JsonNode i1 = json(get(client, "/api/v1/incidents?to=2023-03-06")).path("features").get(0);
            assertThat(i1.path("properties").path("occurred_at").asText()).isEqualTo("2023-03-06T03:00:00+07:00");
            assertThat(i1.path("properties").path("occurred_on").asText()).isEqualTo("2023-03-06");
        });
    }

    @Test
    void bboxFiltersEveryLayer() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            assertThat(ids(json(get(client, "/api/v1/incidents?bbox=105.78,19.44,105.788,19.45")))).containsExactly("i1");
            assertThat(ids(json(client.get("/api/v1/areas?bbox=105.795,19.441,105.799,19.449")))).containsExactly("b");
            assertThat(ids(json(client.get("/api/v1/wards?bbox=100,10,101,11")))).isEmpty();
            assertThat(ids(json(get(client, "/api/v1/cameras")))).isEmpty();
        });
    }

    @Test
    void boundariesAreReadAsValidOnTheDayAsked() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            assertThat(ids(json(client.get("/api/v1/wards?at=2020-05-31")))).isEmpty();
            assertThat(ids(json(client.get("/api/v1/wards?at=2020-06-01")))).containsExactly("w");
            assertThat(ids(json(client.get("/api/v1/wards")))).containsExactly("w");
        });
    }

    @Test
    void badRequestsAnswer400WithErrorAndDetail() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            Response r = get(client, "/api/v1/incidents?bbox=1,2,3");
            assertThat(r.code()).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/json");
            assertThat(json(r).toString()).isEqualTo("{\"error\":\"invalid query parameter\",\"detail\":\"bbox: expected 4 numbers minLon,minLat,maxLon,maxLat, got '1,2,3'\"}");
            assertThat(json(get(client, "/api/v1/incidents?from=05/03/2023")).path("detail").asText())
                    .isEqualTo("from: '05/03/2023' is not an ISO date (YYYY-MM-DD)");
            assertThat(json(get(client, "/api/v1/incidents?from=2023-05-01&to=2023-04-01")).path("detail").asText())
                    .isEqualTo("to: '2023-04-01' is before from '2023-05-01'");
            assertThat(json(get(client, "/api/v1/incidents?bbox=19.44,105.78,19.45,105.80")).path("detail").asText())
                    .startsWith("bbox: outside longitude -180..180 / latitude -90..90");
            Response unknown = client.get("/api/v1/wards?form=2023-01-01");
            assertThat(unknown.code()).isEqualTo(400);
            assertThat(json(unknown).path("error").asText()).isEqualTo("unknown query parameter");
            assertThat(client.get("/api/v1/wards?from=2023-01-01").code()).isEqualTo(400);
        });
    }

    @Test
    void unknownApiPathsAnswer404AsJson() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            Response r = client.get("/api/v1/nothing");
            assertThat(r.code()).isEqualTo(404);
            assertThat(json(r).path("error").asText()).isEqualTo("not found");
        });
    }

    @Test
    void storeFaultsAnswer503WithoutStackTraces() {
        services.store().close();
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            Response r = client.get("/api/v1/wards");
            assertThat(r.code()).isEqualTo(503);
            JsonNode body = json(r);
            assertThat(body.path("error").asText()).isEqualTo("storage failure");
            assertThat(body.path("detail").asText()).doesNotContain("at vn.anttmap");
        });
    }

    @Test
    void thePageAndLeafletAreServedByTheApp() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            Response page = client.get("/");
            assertThat(page.code()).isEqualTo(200);
            assertThat(page.body().string()).contains("<html lang=\"vi\"");
            Response leaflet = client.get("/webjars/leaflet/1.9.4/dist/leaflet.js");
            assertThat(leaflet.code()).isEqualTo(200);
            assertThat(json(client.get("/api/v1/config")).path("tileUrl").asText()).isEqualTo("https://tiles.example/{z}/{x}/{y}.png");
        });
    }

    /** An incident dated in 2030 (or in 1999, before the ward existed), written straight into the store. */
    void storeOddIncidents() {
        var i1 = services.store().get(Layer.INCIDENTS, "i1").orElseThrow();
        java.util.function.BiFunction<String, String, vn.anttmap.model.Feature> at = (id, when) -> {
            java.util.Map<String, Object> p = new java.util.LinkedHashMap<>(i1.properties());
            java.time.OffsetDateTime t = java.time.OffsetDateTime.parse(when);
            p.put("occurred_at", t);
            p.put("occurred_on", vn.anttmap.model.VietnamTime.localDay(t));
            return new vn.anttmap.model.Feature(id, i1.geometry(), p);
        };
        services.store().write(new vn.anttmap.store.WriteBatch().upsert(Layer.INCIDENTS,
                List.of(at.apply("far", "2030-09-15T20:00+07:00"), at.apply("old", "2019-03-05T20:00+07:00"))));
    }

    /**
     * Issue 18: one mistyped date moved every user's default view to 2030. The default period (and the hotspots'
     * and the publication's) stand on the latest incident not after today; the odd record is listed for review.
     */
    @Test
    void aFutureDatedIncidentMovesNoDefaultAndIsListedForReview() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            JsonNode before = json(client.get("/api/v1/config"));
            assertThat(before.path("period").path("from").asText()).isEqualTo("2023-01-01");
            assertThat(before.path("period").path("to").asText()).isEqualTo("2023-07-31");
            assertThat(json(get(client, "/api/v1/review?ward=w")).path("count").asInt()).isZero();
            storeOddIncidents();
            JsonNode after = json(client.get("/api/v1/config"));
            assertThat(after.path("period")).isEqualTo(before.path("period"));
            assertThat(after.path("scoringYear").asInt()).isEqualTo(2023);
            assertThat(services.hotspots().defaultTo()).isEqualTo(java.time.LocalDate.of(2023, 7, 31));
            assertThat(services.publish().scoringYear()).isEqualTo(2023);

            JsonNode review = json(get(client, "/api/v1/review?ward=w"));
            assertThat(review.path("today").asText()).isEqualTo("2023-11-20");
            assertThat(review.path("earliest").asText()).isEqualTo("2020-01-01");
            assertThat(review.path("count").asInt()).isEqualTo(2);
            assertThat(review.path("incidents").toString()).isEqualTo("[{\"id\":\"old\",\"occurred_at\":\"2019-03-05T20:00+07:00\","
                    + "\"occurred_on\":\"2019-03-05\",\"area_id\":\"a\",\"reason\":\"before_ward\"},{\"id\":\"far\",\"occurred_at\":"
                    + "\"2030-09-15T20:00+07:00\",\"occurred_on\":\"2030-09-15\",\"area_id\":\"a\",\"reason\":\"future\"}]");
            // Only those who may read incidents: the public and planners are refused; the ward's officer sees them.
            assertThat(client.get("/api/v1/review?ward=w").code()).isEqualTo(401);
            String planner = vn.anttmap.TestAuth.token(services, vn.anttmap.model.Account.Role.PLANNER, null);
            assertThat(client.get("/api/v1/review?ward=w", vn.anttmap.TestAuth.bearer(planner)).code()).isEqualTo(403);
            String officer = vn.anttmap.TestAuth.token(services, vn.anttmap.model.Account.Role.OFFICER, "w");
            assertThat(json(client.get("/api/v1/review?ward=w", vn.anttmap.TestAuth.bearer(officer))).path("count").asInt()).isEqualTo(2);
            Response missing = get(client, "/api/v1/review");
            assertThat(missing.code()).isEqualTo(400);
            assertThat(missing.body().string()).contains("ward");
        });
    }

    /** Tiles go gzipped only to clients that take gzip: named or by *, never with q=0. */
    @Test
    void gzipIsSentOnlyWhereTheClientTakesIt() {
        assertThat(HttpServer.acceptsGzip("gzip, deflate, br")).isTrue();
        assertThat(HttpServer.acceptsGzip("br;q=1.0, gzip;q=0.5")).isTrue();
        assertThat(HttpServer.acceptsGzip("*")).isTrue();
        assertThat(HttpServer.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(HttpServer.acceptsGzip("gzip; q=0.0, *")).isFalse();
        assertThat(HttpServer.acceptsGzip("identity")).isFalse();
        assertThat(HttpServer.acceptsGzip("x-gzip2")).isFalse();
        assertThat(HttpServer.acceptsGzip(null)).isFalse();
    }

    /** Regression: only a header holding exactly the one ETag revalidated; lists, weak tags and * are HTTP too. */
    @Test
    void ifNoneMatchTakesListsWeakTagsAndAnyTag() {
        String etag = "\"abc\"";
        assertThat(HttpServer.noneMatchHolds("\"abc\"", etag)).isTrue();
        assertThat(HttpServer.noneMatchHolds("\"x\", \"abc\"", etag)).isTrue();
        assertThat(HttpServer.noneMatchHolds("W/\"abc\"", etag)).isTrue();
        assertThat(HttpServer.noneMatchHolds("*", etag)).isTrue();
        assertThat(HttpServer.noneMatchHolds("\"abc-gzip\"", etag)).isFalse();
        assertThat(HttpServer.noneMatchHolds("\"ab\"", etag)).isFalse();
        assertThat(HttpServer.noneMatchHolds(null, etag)).isFalse();
    }
}
