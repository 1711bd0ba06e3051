package vn.anttmap.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.anttmap.App;
import vn.anttmap.TestAuth;
import vn.anttmap.model.Account;
import vn.anttmap.store.FeatureStore;
import vn.anttmap.store.PostgisTestDatabase;
import vn.anttmap.store.postgis.PostgisFeatureStore;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read replicas against a real PostgreSQL streaming replica of the test database ({@code .ci/replica} makes one with
 * {@code pg_basebackup -R} on port 5433): {@code ANTT_TEST_PG_REPLICA_URL} names it, {@code ANTT_TEST_PG_REPLICA_DIR}
 * its data directory (to stop and start it). Skipped without them, failed under CI=true. The replica's replay is
 * paused to make what it serves tell it apart from the primary: an answer that lacks a write made on the primary came
 * from the replica.
 */
class PostgisReplicaTest {
    static final String URL_ENV = "ANTT_TEST_PG_REPLICA_URL";
    static final String DIR_ENV = "ANTT_TEST_PG_REPLICA_DIR";
    static final MediaType JSON = MediaType.get("application/json");
    final OkHttpClient http = new OkHttpClient.Builder().connectTimeout(Duration.ZERO).readTimeout(Duration.ZERO)
            .callTimeout(Duration.ZERO).build();
    final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void need() {
        PostgisTestDatabase.require();
        String url = System.getenv(URL_ENV);
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(URL_ENV + " is not set, but CI=true: .ci/run starts a streaming replica (.ci/replica)");
            }
            Assumptions.abort("replica tests skipped: run .ci/replica and set " + URL_ENV + " (and " + DIR_ENV + ")");
        }
    }

    record Node(FeatureStore store, App.Services services, Javalin server, String base, String primaryUrl,
                String replicaUrl) {
    }

    /** A node over a fresh schema of the primary, with the replica; the replica has replayed the fixtures. */
    Node node(Duration maxLag) throws Exception {
        String primary = PostgisTestDatabase.freshSchemaUrl();
        String replica = primary.replace(PostgisTestDatabase.url(), System.getenv(URL_ENV));
        FeatureStore store = PostgisFeatureStore.connect(primary, null, null, List.of(replica), maxLag);
        store.migrate();
        App.Services services = App.services(store, Clock.systemUTC());
        TestData.loadFixtures(services.importer());
        Javalin server = HttpServer.create(services, new HttpServer.PageConfig("t", "t")).start("127.0.0.1", 0);
        open.add(server::stop);
        open.add(services::close);
        awaitCaughtUp(store);
        return new Node(store, services, server, "http://127.0.0.1:" + server.port(), primary, replica);
    }

    @AfterEach
    void close() throws Exception {
        resumeReplay();
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** Waits (polling, with no time limit of its own: the build's time-out stops a hung run) for lag 0. */
    static void awaitCaughtUp(FeatureStore store) throws InterruptedException {
        while (lag(store) != 0.0) {
            Thread.sleep(50);
        }
    }

    /** The replica's lag as the node last measured it (NaN while it does not answer). */
    static double lag(FeatureStore store) {
        Double d = store.replicaLagSeconds().get("replica-1");
        return d == null ? Double.NaN : d;
    }

    static void replica(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(System.getenv(URL_ENV)); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static void pauseReplay() throws SQLException {
        replica("SELECT pg_wal_replay_pause()");
    }

    static void resumeReplay() {
        try {
            replica("SELECT pg_wal_replay_resume()");
        } catch (SQLException e) {
            // the replica is stopped (the failover test starts it again)
        }
    }

    Response get(Node n, String path, String token) throws IOException {
        Request.Builder rb = new Request.Builder().url(n.base() + path);
        if (token != null) {
            rb.header("Authorization", "Bearer " + token);
        }
        return http.newCall(rb.build()).execute();
    }

    JsonNode json(Node n, String path, String token) throws IOException {
        try (Response r = get(n, path, token)) {
            assertThat(r.code()).as(path).isEqualTo(200);
            return HttpServer.JSON.readTree(r.body().string());
        }
    }

    static List<String> ids(JsonNode collection) {
        List<String> out = new ArrayList<>();
        collection.path("features").forEach(f -> out.add(f.path("id").asText()));
        return out;
    }

    String newIncident(Node n, String id, String token) throws IOException {
        String feature = "{\"type\":\"Feature\",\"id\":\"" + id + "\",\"geometry\":{\"type\":\"Point\",\"coordinates\":"
                + "[105.786,19.445]},\"properties\":{\"occurred_at\":\"2023-10-20T21:00:00+07:00\",\"category\":\"crime\","
                + "\"severity\":\"it_nghiem_trong\",\"channel\":\"hotline_113\"}}";
        try (Response r = http.newCall(new Request.Builder().url(n.base() + "/api/v1/incidents")
                .header("Authorization", "Bearer " + token).post(RequestBody.create(feature, JSON)).build()).execute()) {
            assertThat(r.code()).as(r.body().string()).isEqualTo(201);
        }
        return id;
    }

    static final String INCIDENTS = "/ogc/collections/incidents/items?limit=1000";

    @Test
    void readsComeFromTheReplicaAndTheWriterReadsItsOwnWriteOnAnyNode() throws Exception {
        // A bound no pause in this test reaches: what decides is whether the replica has replayed the asker's write.
        Node a = node(Duration.ofMinutes(10));
        String writer = TestAuth.token(a.services(), Account.Role.OFFICER, "w");
        String colleague = TestAuth.token(a.services(), Account.Role.OFFICER, "w");
        long fromReplica = a.store().readsBySource().get("replica-1");
        List<String> before = ids(json(a, INCIDENTS, colleague));
        assertThat(before).contains("i1", "i2", "i3");
        assertThat(a.store().readsBySource().get("replica-1")).as("reads served by the replica").isGreaterThan(fromReplica);

        pauseReplay();
        String id = newIncident(a, "vv-replica-1", writer);
        // The writer sees it at once (the replica has not replayed it: the primary answers) ...
        assertThat(ids(json(a, INCIDENTS, writer))).contains(id);
        // ... on another node too (its floor is in the database, not in node A's memory).
        FeatureStore otherStore = PostgisFeatureStore.connect(a.primaryUrl(), null, null, List.of(a.replicaUrl()),
                Duration.ofMinutes(10));
        App.Services otherServices = App.services(otherStore, Clock.systemUTC());
        Javalin otherServer = HttpServer.create(otherServices, new HttpServer.PageConfig("t", "t")).start("127.0.0.1", 0);
        open.add(otherServer::stop);
        open.add(otherServices::close);
        Node b = new Node(otherStore, otherServices, otherServer, "http://127.0.0.1:" + otherServer.port(), a.primaryUrl(),
                a.replicaUrl());
        while (Double.isNaN(lag(otherStore))) {
            Thread.sleep(50); // node B's monitor has seen the replica once
        }
        assertThat(ids(json(b, INCIDENTS, writer))).as("the writer on node B").contains(id);
        // A colleague who did not write is served by the paused replica: it does not have the incident yet.
        assertThat(ids(json(a, INCIDENTS, colleague))).as("the colleague, from the paused replica").doesNotContain(id)
                .containsAll(before);
        assertThat(ids(json(b, INCIDENTS, colleague))).as("the colleague on node B").doesNotContain(id);

        resumeReplay();
        awaitCaughtUp(a.store());
        assertThat(ids(json(a, INCIDENTS, colleague))).as("the colleague once the replica replayed it").contains(id);
    }

    @Test
    void aReplicaBehindTheBoundIsSkipped() throws Exception {
        Node a = node(Duration.ofSeconds(1));
        String officer = TestAuth.token(a.services(), Account.Role.OFFICER, "w");
        pauseReplay();
        // A write on the primary by someone else (the command line): the public's readers have no floor.
        String csv = "id,lon,lat,occurred_at,category,severity,channel\nvv-lag,105.787,19.446,2023-09-01T08:00:00Z,crime,"
                + "it_nghiem_trong,hotline_113\n";
        a.services().importer().importFile(vn.anttmap.model.Layer.INCIDENTS, "lag.csv",
                new java.io.ByteArrayInputStream(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                vn.anttmap.service.ImportService.Format.of(null, "lag.csv"), null);
        while (!(lag(a.store()) > 1.0)) {
            Thread.sleep(50); // until the monitor measures the paused replica beyond the bound
        }
        long primaryBefore = a.store().readsBySource().get("primary");
        assertThat(ids(json(a, INCIDENTS, officer))).as("read from the primary, the replica lagging").contains("vv-lag");
        assertThat(a.store().readsBySource().get("primary")).isGreaterThan(primaryBefore);
    }

    @Test
    void aStoppedReplicaFailsOverToThePrimaryWithNoErrorToTheClient() throws Exception {
        String dir = System.getenv(DIR_ENV);
        if (dir == null || dir.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(DIR_ENV + " is not set, but CI=true: .ci/run sets it");
            }
            Assumptions.abort("set " + DIR_ENV + " to the replica's data directory to stop and start it");
        }
        Node a = node(Duration.ofSeconds(1));
        String officer = TestAuth.token(a.services(), Account.Role.OFFICER, "w");
        List<String> expected = ids(json(a, INCIDENTS, officer));
        assertThat(a.store().readsBySource().get("replica-1")).isPositive();
        pgCtl(dir, "stop", "-m", "fast");
        try {
            long primaryBefore = a.store().readsBySource().get("primary");
            // Right after the stop the node still counts the replica as up: the first read fails there and is done
            // again on the primary; the next ones skip it. Every answer is whole.
            for (String path : List.of(INCIDENTS, "/ogc/collections/residential_areas/items", "/api/v1/wards",
                    "/tiles/incidents/14/13006/7289.mvt", "/api/v1/export?layers=incidents&format=geojson")) {
                for (int i = 0; i < 3; i++) {
                    try (Response r = get(a, path, officer)) {
                        assertThat(r.code()).as(path + " with the replica stopped").isEqualTo(200);
                        assertThat(r.body().bytes()).isNotEmpty();
                    }
                }
            }
            assertThat(ids(json(a, INCIDENTS, officer))).isEqualTo(expected);
            assertThat(a.store().readsBySource().get("primary")).isGreaterThan(primaryBefore);
            assertThat(a.store().replicaLagSeconds().get("replica-1")).isNaN();
        } finally {
            pgCtl(dir, "start", "-w", "-l", dir + "/replica.log");
        }
        // Back: the monitor lets it serve again.
        awaitCaughtUp(a.store());
        long fromReplica = a.store().readsBySource().get("replica-1");
        json(a, INCIDENTS, officer);
        assertThat(a.store().readsBySource().get("replica-1")).isGreaterThan(fromReplica);
    }

    static void pgCtl(String dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("runuser", "-u", "postgres", "--", "/usr/lib/postgresql/15/bin/pg_ctl",
                "-D", dir));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
    }
}
