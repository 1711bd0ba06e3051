package vn.anttmap.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.anttmap.App;
import vn.anttmap.DemoFixture;
import vn.anttmap.RequiredTool;
import vn.anttmap.TestAuth;
import vn.anttmap.TestHttp;
import vn.anttmap.auth.Principal;
import vn.anttmap.model.Account;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.Layer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /metrics}: Prometheus's text format as promtool and Python's prometheus_client read it, requests counted
 * by route template (no id, user or ward in any label), the pool, the caches and the imports; and who may read it.
 */
class MetricsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    App.Services services;

    @BeforeEach
    void setUp() throws IOException {
        services = DemoFixture.services("metrics");
    }

    @AfterEach
    void tearDown() {
        services.close();
    }

    /** One sample as prometheus_client parsed it. */
    record Sample(String name, java.util.Map<String, String> labels, double value) {
    }

    @Test
    void countsRequestsByRouteTemplateWithNoIdOrUserInAnyLabel() throws Exception {
        Path promtool = RequiredTool.require("promtool", "prometheus");
        Path python = RequiredTool.requirePython("prometheus_client.parser", "python3-prometheus-client");
        String admin = TestAuth.admin(services);
        String username = "test-admin";
        String incident = services.features().list(Layer.INCIDENTS, FeatureQuery.ALL).get(0).id();
        TestHttp.test(HttpServer.create(services, new HttpServer.PageConfig("https://t.example/{z}/{x}/{y}.png", "")),
                (server, client) -> {
                    for (int i = 0; i < 3; i++) {
                        assertThat(client.get("/ogc/collections/incidents/items/" + incident, TestAuth.bearer(admin)).code())
                                .isEqualTo(200);
                    }
                    assertThat(client.get("/ogc/collections/incidents/items/no-such-incident-4711",
                            TestAuth.bearer(admin)).code()).isEqualTo(404);
                    assertThat(client.get("/api/v1/scores/wards/hai-hoa?year=2023", TestAuth.bearer(admin)).code()).isEqualTo(200);
                    assertThat(client.get("/api/v1/no-such-endpoint-4712").code()).isEqualTo(404);
                    assertThat(client.get("/api/v1/audit").code()).isEqualTo(401);
                    assertThat(client.get("/style.css").code()).isEqualTo(200);
                    String tile = "/tiles/wards/14/13008/7232.mvt";
                    assertThat(client.get(tile).code()).isEqualTo(200);
                    String first = scrape(client);
                    assertThat(client.get(tile).code()).isEqualTo(200);
                    try (Response r = client.get("/metrics")) {
                        assertThat(r.code()).isEqualTo(200);
                        assertThat(r.header("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
                        String text = r.body().string();
                        Path file = dir.resolve("metrics.txt");
                        Files.writeString(file, text, StandardCharsets.UTF_8);

                        Result lint = run(List.of(promtool.toString(), "check", "metrics"), file);
                        assertThat(lint.code()).as(lint.out()).isZero();

                        List<Sample> before = parse(python, first);
                        List<Sample> samples = parse(python, text);
                        assertThat(value(samples, "antt_http_requests_total", "route",
                                "/ogc/collections/{id}/items/{featureId}", "method", "GET", "status", "2xx")).isEqualTo(3);
                        assertThat(value(samples, "antt_http_requests_total", "route",
                                "/ogc/collections/{id}/items/{featureId}", "method", "GET", "status", "4xx")).isEqualTo(1);
                        assertThat(value(samples, "antt_http_requests_total", "route", "/api/v1/scores/wards/{id}",
                                "method", "GET", "status", "2xx")).isEqualTo(1);
                        assertThat(value(samples, "antt_http_requests_total", "route", "unmatched", "method", "GET",
                                "status", "4xx")).isEqualTo(1);
                        assertThat(value(samples, "antt_http_requests_total", "route", "/api/v1/audit", "method", "GET",
                                "status", "4xx")).isEqualTo(1);
                        assertThat(value(samples, "antt_http_requests_total", "route", "static", "method", "GET",
                                "status", "2xx")).isEqualTo(1);
                        assertThat(value(samples, "antt_http_errors_total", "route", "/api/v1/audit", "method", "GET",
                                "kind", "unauthorized")).isEqualTo(1);
                        assertThat(value(samples, "antt_http_request_duration_seconds_count", "route",
                                "/ogc/collections/{id}/items/{featureId}", "method", "GET", "status", "2xx")).isEqualTo(3);

                        for (Sample s : samples) {
                            for (String label : s.labels().values()) {
                                assertThat(label).as(s.toString()).doesNotContain(incident, username, "hai-hoa",
                                        "no-such", admin);
                            }
                        }
                        assertThat(samples).extracting(Sample::name).contains("antt_db_pool_active_connections",
                                "antt_db_pool_idle_connections", "antt_db_pool_connections",
                                "antt_db_pool_pending_threads");
                        assertThat(value(samples, "antt_db_pool_max_connections")).isPositive();
                        // The second request of the same tile came from the cache.
                        assertThat(value(samples, "antt_cache_hits_total", "cache", "tiles"))
                                .isEqualTo(value(before, "antt_cache_hits_total", "cache", "tiles") + 1);
                        assertThat(value(samples, "antt_cache_misses_total", "cache", "tiles"))
                                .isEqualTo(value(before, "antt_cache_misses_total", "cache", "tiles"));
                        assertThat(samples).extracting(Sample::name).contains("antt_cache_hits_total");
                        assertThat(samples.stream().filter(s -> s.name().equals("antt_cache_hits_total"))
                                .map(s -> s.labels().get("cache"))).contains("scorecards", "sectors", "coverage",
                                "outlines", "hotspots", "tiles");
                        // The demo was imported by this process's services.
                        assertThat(value(samples, "antt_import_rows_total", "layer", "incidents"))
                                .isEqualTo((double) services.store().counts().get(Layer.INCIDENTS));
                        assertThat(samples).extracting(Sample::name).contains("jvm_memory_used_bytes");
                    }
                });
    }

    @Test
    void replicaLagIsReadFromTheStoreAtEachScrape() throws Exception {
        Path python = RequiredTool.requirePython("prometheus_client.parser", "python3-prometheus-client");
        java.util.Map<String, Double> lag = new java.util.concurrent.ConcurrentHashMap<>();
        vn.anttmap.store.FeatureStore store = services.store();
        vn.anttmap.store.FeatureStore withReplicas = (vn.anttmap.store.FeatureStore) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {vn.anttmap.store.FeatureStore.class}, (proxy, method, args) ->
                        method.getName().equals("replicaLagSeconds") ? java.util.Map.copyOf(lag)
                                : invoke(method, store, args));
        App.Services s = App.services(withReplicas, java.time.Clock.systemUTC());
        TestHttp.test(HttpServer.create(s, new HttpServer.PageConfig("", "")), (server, client) -> {
            assertThat(parse(python, scrape(client))).extracting(Sample::name).doesNotContain("antt_db_replica_up");
            lag.put("replica-1", 1.5);
            lag.put("replica-2", Double.NaN);
            List<Sample> samples = parse(python, scrape(client));
            assertThat(value(samples, "antt_db_replica_lag_seconds", "replica", "replica-1")).isEqualTo(1.5);
            assertThat(value(samples, "antt_db_replica_up", "replica", "replica-1")).isEqualTo(1);
            assertThat(value(samples, "antt_db_replica_up", "replica", "replica-2")).isZero();
            assertThat(samples.stream().filter(x -> x.name().equals("antt_db_replica_lag_seconds"))
                    .map(x -> x.labels().get("replica"))).containsExactly("replica-1");
        });
    }

    private static Object invoke(java.lang.reflect.Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void anAdministratorReadsTheMetricsAndOtherSignedInRolesAreRefusedInTheirLanguage() {
        String officer = TestAuth.token(services, Account.Role.OFFICER, "hai-hoa");
        TestHttp.test(HttpServer.create(services, new HttpServer.PageConfig("", "")), (server, client) -> {
            // Requests of the test client come from 127.0.0.1: a header a proxy adds makes them not local.
            try (Response r = client.get("/metrics", b -> b.header("X-Forwarded-For", "127.0.0.1"))) {
                assertThat(r.code()).isEqualTo(401);
                JsonNode body = JSON.readTree(r.body().string());
                assertThat(body.path("error").asText()).isEqualTo("unauthorized");
                assertThat(body.path("detail").asText()).contains("this machine or an administrator");
            }
            try (Response r = client.get("/metrics", b -> b.header("X-Forwarded-For", "203.0.113.9")
                    .header("Accept-Language", "vi").header("Authorization", "Bearer " + officer))) {
                assertThat(r.code()).isEqualTo(403);
                JsonNode body = JSON.readTree(r.body().string());
                assertThat(body.path("error").asText()).isEqualTo("không có quyền");
                assertThat(body.path("detail").asText()).contains("tài khoản quản trị");
            }
            try (Response r = client.get("/metrics", b -> b.header("Forwarded", "for=203.0.113.9")
                    .header("Authorization", "Bearer " + TestAuth.admin(services)))) {
                assertThat(r.code()).isEqualTo(200);
                assertThat(r.body().string()).contains("antt_http_requests_total");
            }
        });
    }

    /** The decision on the connection's own address; a header never lets anyone in. */
    @Test
    void onlyTheLoopbackAddressOrAnAdministratorMayRead() {
        Principal admin = new Principal("a", Account.Role.ADMIN, null);
        Principal officer = new Principal("o", Account.Role.OFFICER, "hai-hoa");
        for (String local : List.of("127.0.0.1", "127.8.9.10", "::1", "0:0:0:0:0:0:0:1", "[::1]", "::ffff:127.0.0.1")) {
            assertThat(Metrics.access(local, false, Principal.PUBLIC)).as(local).isEqualTo(Metrics.Access.ALLOWED);
            assertThat(Metrics.access(local, true, Principal.PUBLIC)).as(local + " through a proxy")
                    .isEqualTo(Metrics.Access.SIGN_IN);
        }
        for (String other : List.of("10.0.0.5", "203.0.113.9", "128.0.0.1", "::2", "fe80::1", "localhost", "", "1.2.3.4.5")) {
            assertThat(Metrics.access(other, false, Principal.PUBLIC)).as(other).isEqualTo(Metrics.Access.SIGN_IN);
            assertThat(Metrics.access(other, false, officer)).as(other).isEqualTo(Metrics.Access.FORBIDDEN);
            assertThat(Metrics.access(other, true, admin)).as(other).isEqualTo(Metrics.Access.ALLOWED);
        }
        assertThat(Metrics.access(null, false, Principal.PUBLIC)).isEqualTo(Metrics.Access.SIGN_IN);
    }

    static String scrape(io.javalin.testtools.HttpClient client) throws IOException {
        try (Response r = client.get("/metrics")) {
            assertThat(r.code()).isEqualTo(200);
            return r.body().string();
        }
    }

    record Result(int code, String out) {
    }

    static Result run(List<String> command, Path stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(stdin.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    /** The samples as Python's prometheus_client reads the text. */
    List<Sample> parse(Path python, String text) throws IOException, InterruptedException {
        Path file = Files.createTempFile(dir, "metrics", ".txt");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        String script = "import sys, json\n"
                + "from prometheus_client.parser import text_string_to_metric_families\n"
                + "out = []\n"
                + "for f in text_string_to_metric_families(sys.stdin.read()):\n"
                + "    for s in f.samples:\n"
                + "        out.append({'name': s.name, 'labels': s.labels, 'value': s.value})\n"
                + "print(json.dumps(out))\n";
        Result r = run(List.of(python.toString(), "-c", script), file);
        assertThat(r.code()).as(r.out()).isZero();
        List<Sample> samples = new ArrayList<>();
        for (JsonNode s : JSON.readTree(r.out())) {
            java.util.Map<String, String> labels = new java.util.TreeMap<>();
            s.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            samples.add(new Sample(s.path("name").asText(), labels, s.path("value").asDouble()));
        }
        return samples;
    }

    /** The value of the one sample of that name whose labels include those given (name, value pairs); 0 if none. */
    static double value(List<Sample> samples, String name, String... labels) {
        List<Sample> found = samples.stream().filter(s -> s.name().equals(name)).filter(s -> {
            for (int i = 0; i < labels.length; i += 2) {
                if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                    return false;
                }
            }
            return true;
        }).toList();
        assertThat(found.size()).as(name + " " + List.of(labels) + " in " + samples.stream()
                .filter(s -> s.name().equals(name)).toList()).isLessThanOrEqualTo(1);
        return found.isEmpty() ? 0 : found.get(0).value();
    }
}
