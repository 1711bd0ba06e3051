package vn.anttmap.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.anttmap.App;
import vn.anttmap.DemoFixture;
import vn.anttmap.TestHttp;
import vn.anttmap.store.h2gis.H2gisFeatureStore;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /readyz}: 200 on a migrated store once the first page load is computed; 503 naming the check that fails
 * while the warming runs, while the node shuts down, and on a store whose schema is behind. Anyone may read it.
 */
class ReadinessTest {
    static final ObjectMapper JSON = new ObjectMapper();
    App.Services services;

    @BeforeEach
    void setUp() throws IOException {
        services = DemoFixture.services("readyz");
    }

    @AfterEach
    void tearDown() {
        services.close();
    }

    record Answer(int status, String statusText, Map<String, Boolean> checks, Map<String, String> reasons) {
    }

    static Answer readyz(io.javalin.testtools.HttpClient client, String language) throws IOException {
        try (Response r = client.get("/readyz", b -> b.header("Accept-Language", language))) {
            JsonNode body = JSON.readTree(r.body().string());
            Map<String, Boolean> checks = new LinkedHashMap<>();
            Map<String, String> reasons = new LinkedHashMap<>();
            for (JsonNode c : body.path("checks")) {
                checks.put(c.path("name").asText(), c.path("ok").asBoolean());
                reasons.put(c.path("name").asText(), c.path("reason").asText());
            }
            assertThat(r.header("Cache-Control")).isEqualTo("no-store");
            return new Answer(r.code(), body.path("status").asText(), checks, reasons);
        }
    }

    @Test
    void readyOnAMigratedStoreOnceWarmAndNotWhileWarmingOrShuttingDown() {
        TestHttp.test(HttpServer.create(services, new HttpServer.PageConfig("", "")), (server, client) -> {
            Answer ready = readyz(client, "en");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.statusText()).isEqualTo("ready");
            assertThat(ready.checks()).containsExactly(Map.entry("store", true), Map.entry("schema", true),
                    Map.entry("warm", true), Map.entry("accepting", true));
            assertThat(ready.reasons().get("schema")).isEqualTo("schema at version "
                    + services.store().latestSchemaVersion() + ", the latest this build knows");

            services.ops().warming();
            Answer warming = readyz(client, "vi");
            assertThat(warming.status()).isEqualTo(503);
            assertThat(warming.statusText()).isEqualTo("not ready");
            assertThat(warming.checks()).containsEntry("warm", false).containsEntry("store", true)
                    .containsEntry("accepting", true);
            assertThat(warming.reasons().get("warm")).isEqualTo("đang tính sẵn lần mở trang đầu tiên");
            services.ops().warmed();
            assertThat(readyz(client, "en").status()).isEqualTo(200);

            services.ops().drain();
            Answer draining = readyz(client, "en");
            assertThat(draining.status()).isEqualTo(503);
            assertThat(draining.checks()).containsEntry("accepting", false).containsEntry("warm", true);
            assertThat(draining.reasons().get("accepting")).isEqualTo("shutting down: finishing the requests in flight");
            // Liveness is another question: the node still answers.
            assertThat(client.get("/healthz").code()).isEqualTo(200);
        });
    }

    @Test
    void aStoreWhoseSchemaIsBehindIsNotReadyAndSaysWhatToRun() {
        H2gisFeatureStore empty = H2gisFeatureStore.inMemory("readyz-empty-" + java.util.UUID.randomUUID());
        try (App.Services unmigrated = App.services(empty, java.time.Clock.systemUTC())) {
            TestHttp.test(HttpServer.create(unmigrated, new HttpServer.PageConfig("", "")), (server, client) -> {
                Answer a = readyz(client, "en");
                assertThat(a.status()).isEqualTo(503);
                assertThat(a.checks()).containsEntry("store", true).containsEntry("schema", false);
                assertThat(a.reasons().get("schema")).isEqualTo("schema at version 0, this build needs "
                        + empty.latestSchemaVersion() + " (run 'db migrate')");
            });
        }
    }

    @Test
    void aClosedStoreIsNotReadyWithoutSayingWhereItIs() {
        TestHttp.test(HttpServer.create(services, new HttpServer.PageConfig("", "")), (server, client) -> {
            services.store().close();
            Answer a = readyz(client, "en");
            assertThat(a.status()).isEqualTo(503);
            assertThat(a.checks()).containsEntry("store", false).containsEntry("schema", false);
            assertThat(a.reasons().get("store")).isEqualTo("the store does not answer");
        });
    }
}
