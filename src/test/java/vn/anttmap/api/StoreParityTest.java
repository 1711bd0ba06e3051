package vn.anttmap.api;

import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import vn.anttmap.App;
import vn.anttmap.store.H2gisFeatureStore;
import vn.anttmap.store.PostgisTestDatabase;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same data imported into the embedded store and into PostGIS gives byte-identical answers from the read API.
 * Needs {@code ANTT_TEST_PG_URL} (skipped visibly without it, failed under CI=true).
 */
class StoreParityTest {
    static final List<String> PATHS = List.of("/api/v1/wards", "/api/v1/areas", "/api/v1/cameras", "/api/v1/incidents",
            "/api/v1/incidents?from=2023-03-06&to=2023-04-05", "/api/v1/incidents?bbox=105.78,19.44,105.788,19.45",
            "/api/v1/areas?at=2020-05-31", "/api/v1/incidents?area=b", "/api/v1/areas?bbox=1,2",
            "/api/v1/stats?ward=w&from=2023-01-01&to=2023-12-31", "/api/v1/scores/areas?ward=w&year=2023",
            "/api/v1/scores/wards/w?year=2023", "/api/v1/cameras/sectors",
            "/api/v1/hotspots/density?ward=w&from=2023-01-01&to=2023-12-31",
            "/api/v1/hotspots/gistar?ward=w&from=2023-01-01&to=2023-12-31",
            "/api/v1/trends?ward=w&from=2023-01-01&to=2023-12-31", "/api/v1/trends?ward=w&area=b&to=2023-12-31");

    @AfterAll
    static void drop() {
        PostgisTestDatabase.dropCreatedSchemas();
    }

    static Map<String, String> answers(App.Services s) {
        Map<String, String> out = new LinkedHashMap<>();
        String token = vn.anttmap.TestAuth.admin(s);
        vn.anttmap.TestHttp.test(HttpServer.create(s, new HttpServer.PageConfig("t", "t")), (server, client) -> {
            for (String p : PATHS) {
                var r = client.get(p, vn.anttmap.TestAuth.bearer(token));
                out.put(p, r.code() + " " + r.body().string());
            }
        });
        return out;
    }

    @Test
    void postgisAnswersExactlyAsTheEmbeddedStore() throws IOException {
        PostgisTestDatabase.require();
        try (App.Services h2 = HttpServerTest.servicesOver(H2gisFeatureStore.inMemory("parity-" + UUID.randomUUID()));
             App.Services pg = HttpServerTest.servicesOver(PostgisTestDatabase.freshStore())) {
            Map<String, String> embedded = answers(h2);
            Map<String, String> postgis = answers(pg);
            assertThat(embedded.get("/api/v1/incidents")).startsWith("200 {\"type\":\"FeatureCollection\"").contains("\"i3\"");
            assertThat(embedded.get("/api/v1/hotspots/density?ward=w&from=2023-01-01&to=2023-12-31")).startsWith("200 ")
                    .contains("\"bandwidth_m\"");
            assertThat(embedded.get("/api/v1/hotspots/gistar?ward=w&from=2023-01-01&to=2023-12-31")).startsWith("422 ")
                    .contains("got 3");
            assertThat(postgis).isEqualTo(embedded);
        }
    }
}
