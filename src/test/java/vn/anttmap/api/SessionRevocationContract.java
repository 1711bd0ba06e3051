package vn.anttmap.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import vn.anttmap.App;
import vn.anttmap.cli.AnttMapCommand;
import vn.anttmap.model.Account;
import vn.anttmap.model.Layer;
import vn.anttmap.service.ImportService;
import vn.anttmap.store.FeatureStore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions and tokens die with the account, on every node: two servers (two {@link App.Services}, each with its own
 * store object and pool) over one database, and the command line run against that database as an operator runs it
 * beside a running server. Each way of ending a session or token (removing the user, a new password, a new role, a
 * new ward, revoking a token through the API or the CLI, ending all of a user's, signing out) is made on one side and
 * refused on the other's very next request (401): nothing is trusted from memory.
 */
abstract class SessionRevocationContract {
    static final String PASSWORD = "correct horse battery";
    static final MediaType JSON = MediaType.get("application/json");

    /** A new store over this test's database (each call: another pool, as another node would have). */
    abstract FeatureStore openStore();

    /** The CLI options that name this test's database. */
    abstract List<String> storeArgs();

    App.Services nodeA;
    App.Services nodeB;
    Javalin serverA;
    Javalin serverB;
    String a;
    String b;
    final OkHttpClient http = new OkHttpClient.Builder().followRedirects(false)
            .connectTimeout(java.time.Duration.ZERO).readTimeout(java.time.Duration.ZERO).callTimeout(java.time.Duration.ZERO).build();

    @BeforeEach
    void startTwoNodes() throws IOException {
        FeatureStore first = openStore();
        first.migrate();
        nodeA = App.services(first, Clock.systemUTC());
        TestData.loadFixtures(nodeA.importer());
        String second = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"w2\",\"properties\":"
                + "{\"code\":\"W2\",\"name\":\"Phường Hai\",\"kind\":\"phuong\",\"valid_from\":\"2020-06-01\"},\"geometry\":"
                + "{\"type\":\"Polygon\",\"coordinates\":[[[105.80,19.44],[105.82,19.44],[105.82,19.46],[105.80,19.46],[105.80,19.44]]]}}]}";
        nodeA.importer().importFile(Layer.WARDS, "w2.geojson", new ByteArrayInputStream(second.getBytes(StandardCharsets.UTF_8)),
                ImportService.Format.of(null, "w2.geojson"), null);
        nodeB = App.services(openStore(), Clock.systemUTC());
        serverA = HttpServer.create(nodeA, new HttpServer.PageConfig("t", "t")).start("127.0.0.1", 0);
        serverB = HttpServer.create(nodeB, new HttpServer.PageConfig("t", "t")).start("127.0.0.1", 0);
        a = "http://127.0.0.1:" + serverA.port();
        b = "http://127.0.0.1:" + serverB.port();
    }

    @AfterEach
    void stopNodes() {
        for (Javalin s : new Javalin[]{serverA, serverB}) {
            if (s != null) {
                s.stop();
            }
        }
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    /** A signed-in user on node A: the session cookie, its CSRF token, and a bearer token made with the session. */
    record SignedIn(String cookie, String csrf, String token) {
    }

    SignedIn signIn(String node, String user) throws IOException {
        String cookie;
        String csrf;
        try (Response r = call(node, "POST", "/api/v1/login", "{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}", null, null)) {
            assertThat(r.code()).isEqualTo(200);
            String set = r.header("Set-Cookie");
            cookie = set.substring(0, set.indexOf(';'));
            csrf = HttpServer.JSON.readTree(r.body().string()).path("csrf").asText();
        }
        String token;
        try (Response r = call(node, "POST", "/api/v1/tokens", "{\"name\":\"qgis\"}", cookie, csrf)) {
            assertThat(r.code()).isEqualTo(201);
            token = HttpServer.JSON.readTree(r.body().string()).path("token").asText();
        }
        return new SignedIn(cookie, csrf, token);
    }

    Response call(String node, String method, String path, String json, String cookie, String csrf) throws IOException {
        Request.Builder rb = new Request.Builder().url(node + path).method(method, json == null
                ? (method.equals("GET") ? null : RequestBody.create(new byte[0])) : RequestBody.create(json, JSON));
        if (cookie != null) {
            rb.header("Cookie", cookie);
        }
        if (csrf != null) {
            rb.header("X-CSRF-Token", csrf);
        }
        return http.newCall(rb.build()).execute();
    }

    Response bearer(String node, String method, String path, String json, String token) throws IOException {
        Request.Builder rb = new Request.Builder().url(node + path).header("Authorization", "Bearer " + token)
                .method(method, json == null ? (method.equals("GET") ? null : RequestBody.create(new byte[0]))
                        : RequestBody.create(json, JSON));
        return http.newCall(rb.build()).execute();
    }

    int code(Response r) {
        try (r) {
            return r.code();
        }
    }

    /** The session and the token work on both nodes (a session signed in on A is known to B: it is in the store). */
    void worksOnBothNodes(SignedIn s) throws IOException {
        for (String node : List.of(a, b)) {
            assertThat(code(call(node, "GET", "/api/v1/tokens", null, s.cookie(), null))).as(node + " cookie").isEqualTo(200);
            assertThat(code(bearer(node, "GET", "/api/v1/tokens", null, s.token()))).as(node + " bearer").isEqualTo(200);
        }
    }

    /** Both are refused on both nodes: 401 for reads that need a sign-in, writes, and making a new token. */
    void refusedOnBothNodes(SignedIn s) throws IOException {
        for (String node : List.of(a, b)) {
            assertThat(code(call(node, "GET", "/api/v1/tokens", null, s.cookie(), null))).as(node + " cookie read").isEqualTo(401);
            assertThat(code(call(node, "POST", "/api/v1/tokens", "{\"name\":\"x\"}", s.cookie(), s.csrf())))
                    .as(node + " cookie, new token").isEqualTo(401);
            try (Response r = call(node, "GET", "/api/v1/session", null, s.cookie(), null)) {
                assertThat(HttpServer.JSON.readTree(r.body().string()).path("role").asText()).isEqualTo("public");
            }
            assertThat(code(bearer(node, "GET", "/api/v1/tokens", null, s.token()))).as(node + " bearer read").isEqualTo(401);
            assertThat(code(bearer(node, "GET", "/api/v1/wards", null, s.token()))).as(node + " bearer, public read").isEqualTo(401);
            assertThat(code(bearer(node, "POST", "/api/v1/tokens", "{\"name\":\"x\"}", s.token()))).as(node + " bearer, new token")
                    .isEqualTo(401);
        }
    }

    record Run(int code, String out, String err) {
    }

    /** The command line against the same database, as an operator runs it while the servers run. */
    Run cli(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(storeArgs());
        CommandLine cmd = AnttMapCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        java.io.InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream((stdin == null ? "" : stdin + "\n").getBytes(StandardCharsets.UTF_8)));
        try {
            int code = cmd.execute(all.toArray(String[]::new));
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setIn(saved);
        }
    }

    String user(Account.Role role, String ward) {
        String name = "u-" + UUID.randomUUID().toString().substring(0, 8);
        nodeA.auth().addUser(name, role, ward, PASSWORD.toCharArray());
        return name;
    }

    @Test
    void userRemoveByTheCliEndsSessionsAndTokensOnEveryNode() throws IOException {
        String u = user(Account.Role.OFFICER, "w");
        SignedIn s = signIn(a, u);
        worksOnBothNodes(s);
        Run r = cli(null, "user", "remove", u);
        assertThat(r.code()).as(r.err()).isZero();
        refusedOnBothNodes(s);
    }

    @Test
    void userPasswdByTheCliEndsSessionsAndTokensAndTheNewPasswordSignsIn() throws IOException {
        String u = user(Account.Role.PLANNER, null);
        SignedIn s = signIn(a, u);
        SignedIn other = signIn(b, u);
        worksOnBothNodes(s);
        Run r = cli("another long password", "user", "passwd", u);
        assertThat(r.code()).as(r.err()).isZero();
        refusedOnBothNodes(s);
        refusedOnBothNodes(other);
        assertThat(code(call(a, "POST", "/api/v1/login", "{\"username\":\"" + u + "\",\"password\":\"" + PASSWORD + "\"}", null, null)))
                .isEqualTo(401);
        assertThat(code(call(b, "POST", "/api/v1/login", "{\"username\":\"" + u + "\",\"password\":\"another long password\"}", null, null)))
                .isEqualTo(200);
    }

    @Test
    void aRoleChangeByTheCliEndsSessionsAndTokensOnEveryNode() throws IOException {
        String u = user(Account.Role.OFFICER, "w");
        SignedIn s = signIn(a, u);
        worksOnBothNodes(s);
        Run r = cli(null, "user", "set", u, "--role", "planner");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(u + ": planner\n");
        refusedOnBothNodes(s);
        SignedIn again = signIn(b, u);
        try (Response me = call(a, "GET", "/api/v1/session", null, again.cookie(), null)) {
            JsonNode j = HttpServer.JSON.readTree(me.body().string());
            assertThat(j.path("role").asText()).isEqualTo("planner");
            assertThat(j.path("ward").isNull()).isTrue();
        }
    }

    @Test
    void aWardChangeByTheCliEndsSessionsAndTokensOnEveryNode() throws IOException {
        String u = user(Account.Role.OFFICER, "w");
        SignedIn s = signIn(a, u);
        worksOnBothNodes(s);
        assertThat(cli(null, "user", "set", u, "--ward", "nowhere").code()).isEqualTo(1);
        worksOnBothNodes(s); // a refused change changes nothing
        assertThat(cli(null, "user", "set", u, "--ward", "w").code()).isZero();
        worksOnBothNodes(s); // nor does one to what the account already is
        Run r = cli(null, "user", "set", u, "--ward", "w2");
        assertThat(r.code()).as(r.err()).isZero();
        refusedOnBothNodes(s);
        assertThat(nodeB.store().account(u).orElseThrow().wardId()).isEqualTo("w2");
    }

    @Test
    void aTokenRevokedThroughTheApiIsRefusedByTheOtherNodeAndTheUsersOtherCredentialsStay() throws IOException {
        String u = user(Account.Role.PLANNER, null);
        SignedIn s = signIn(a, u);
        String second;
        try (Response r = bearer(a, "POST", "/api/v1/tokens", "{\"name\":\"script\"}", s.token())) {
            second = HttpServer.JSON.readTree(r.body().string()).path("token").asText();
        }
        String id;
        try (Response r = call(b, "GET", "/api/v1/tokens", null, s.cookie(), null)) {
            JsonNode tokens = HttpServer.JSON.readTree(r.body().string()).path("tokens");
            assertThat(tokens).hasSize(2);
            assertThat(tokens.toString()).doesNotContain(s.token().substring(5)).doesNotContain(second.substring(5));
            id = tokens.get(0).path("name").asText().equals("qgis") ? tokens.get(0).path("id").asText() : tokens.get(1).path("id").asText();
        }
        assertThat(code(call(a, "DELETE", "/api/v1/tokens/" + id, null, s.cookie(), null))).as("no CSRF token").isEqualTo(403);
        assertThat(code(call(a, "DELETE", "/api/v1/tokens/" + id, null, s.cookie(), s.csrf()))).isEqualTo(204);
        assertThat(code(bearer(b, "GET", "/api/v1/tokens", null, s.token()))).isEqualTo(401);
        assertThat(code(bearer(b, "GET", "/api/v1/tokens", null, second))).isEqualTo(200);
        assertThat(code(call(b, "GET", "/api/v1/tokens", null, s.cookie(), null))).isEqualTo(200);
        assertThat(code(call(a, "DELETE", "/api/v1/tokens/" + id, null, s.cookie(), s.csrf()))).as("already gone").isEqualTo(404);
        // By name, with the token itself.
        assertThat(code(bearer(b, "DELETE", "/api/v1/tokens/script", null, second))).isEqualTo(204);
        assertThat(code(bearer(a, "GET", "/api/v1/tokens", null, second))).isEqualTo(401);
    }

    @Test
    void onlyAnAdminRevokesAnotherUsersToken() throws IOException {
        String u = user(Account.Role.OFFICER, "w");
        String other = user(Account.Role.OFFICER, "w");
        String admin = user(Account.Role.ADMIN, null);
        SignedIn s = signIn(a, u);
        SignedIn o = signIn(a, other);
        SignedIn ad = signIn(b, admin);
        assertThat(code(bearer(a, "GET", "/api/v1/tokens?user=" + u, null, o.token()))).isEqualTo(403);
        assertThat(code(bearer(a, "DELETE", "/api/v1/tokens/qgis?user=" + u, null, o.token()))).isEqualTo(403);
        assertThat(code(bearer(a, "GET", "/api/v1/tokens", null, s.token()))).isEqualTo(200);
        assertThat(code(bearer(b, "GET", "/api/v1/tokens?user=" + u, null, ad.token()))).isEqualTo(200);
        assertThat(code(bearer(b, "DELETE", "/api/v1/tokens/qgis?user=" + u, null, ad.token()))).isEqualTo(204);
        assertThat(code(bearer(a, "GET", "/api/v1/tokens", null, s.token()))).isEqualTo(401);
        assertThat(code(bearer(a, "GET", "/api/v1/tokens", null, o.token()))).isEqualTo(200);
        assertThat(code(call(a, "DELETE", "/api/v1/tokens/qgis", null, null, null))).isEqualTo(401);
        JsonNode audit;
        try (Response r = bearer(a, "GET", "/api/v1/audit?user=" + admin, null, ad.token())) {
            audit = HttpServer.JSON.readTree(r.body().string());
        }
        assertThat(audit.toString()).contains("token_revoked", u);
    }

    @Test
    void theCliRevokesOneTokenOrEverySessionAndTokenOfAUser() throws IOException {
        String u = user(Account.Role.PLANNER, null);
        SignedIn s = signIn(a, u);
        String id = nodeB.auth().tokens(u).get(0).id();
        Run list = cli(null, "user", "tokens", u);
        assertThat(list.out()).contains(id, "qgis").doesNotContain(s.token().substring(5));
        Run one = cli(null, "user", "revoke", u, "--token", id);
        assertThat(one.code()).as(one.err()).isZero();
        assertThat(one.out()).isEqualTo("revoked 1 token(s) of " + u + "\n");
        assertThat(code(bearer(a, "GET", "/api/v1/tokens", null, s.token()))).isEqualTo(401);
        assertThat(code(call(a, "GET", "/api/v1/tokens", null, s.cookie(), null))).isEqualTo(200);
        assertThat(cli(null, "user", "revoke", u, "--token", id).code()).isEqualTo(1);

        SignedIn again = signIn(b, u);
        worksOnBothNodes(again);
        Run all = cli(null, "user", "revoke", u);
        assertThat(all.code()).as(all.err()).isZero();
        refusedOnBothNodes(again);
        refusedOnBothNodes(s);
        // The account itself stays: the password signs in again.
        worksOnBothNodes(signIn(a, u));
    }

    @Test
    void signingOutOnOneNodeEndsTheSessionOnTheOther() throws IOException {
        String u = user(Account.Role.PLANNER, null);
        SignedIn s = signIn(a, u);
        assertThat(code(call(b, "POST", "/api/v1/logout", null, s.cookie(), s.csrf()))).isEqualTo(200);
        assertThat(code(call(a, "GET", "/api/v1/tokens", null, s.cookie(), null))).isEqualTo(401);
        // The page asks who it is: the public, and the browser is told to forget the ended session's cookie.
        try (Response who = call(a, "GET", "/api/v1/session", null, s.cookie(), null)) {
            assertThat(who.code()).isEqualTo(200);
            assertThat(who.body().string()).contains("\"role\":\"public\"");
            assertThat(who.header("Set-Cookie")).isEqualTo(vn.anttmap.api.Access.COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
        }
        // The token made with the session is the user's, not the session's: it stays until revoked.
        assertThat(code(bearer(a, "GET", "/api/v1/tokens", null, s.token()))).isEqualTo(200);
    }

    @Test
    void theStoreKeepsNoSessionIdNorTokenInTheClear() throws IOException {
        String u = user(Account.Role.PLANNER, null);
        SignedIn s = signIn(a, u);
        String id = s.cookie().substring(s.cookie().indexOf('=') + 1);
        assertThat(nodeB.store().session(id)).isEmpty();
        assertThat(nodeB.store().session(vn.anttmap.auth.PasswordHasher.tokenHash(id))).isPresent();
        assertThat(nodeB.store().tokenAccount(s.token())).isEmpty();
    }

    @Test
    void fiveFailedSignInsOnOneNodeSlowTheNameOnTheOther() throws IOException {
        String u = user(Account.Role.OFFICER, "w");
        String wrong = "{\"username\":\"" + u + "\",\"password\":\"not it\"}";
        for (int i = 0; i < 5; i++) {
            assertThat(code(call(a, "POST", "/api/v1/login", wrong, null, null))).as("failure " + (i + 1) + " on A").isEqualTo(401);
        }
        // The right password on the other node is refused too: the failures are counted in the store, not per node.
        String right = "{\"username\":\"" + u + "\",\"password\":\"" + PASSWORD + "\"}";
        try (Response r = call(b, "POST", "/api/v1/login", right, null, null)) {
            assertThat(r.code()).isEqualTo(429);
            assertThat(r.header("Retry-After")).isNotBlank();
        }
        // Another name is not slowed by them on either node (the address is, after five of its own failures only).
        String other = user(Account.Role.OFFICER, "w");
        try (Response r = call(b, "POST", "/api/v1/login", "{\"username\":\"" + other + "\",\"password\":\"" + PASSWORD + "\"}",
                null, null)) {
            assertThat(r.code()).isEqualTo(429); // the same address (127.0.0.1) failed five times: slowed on B too
        }
    }

    /**
     * Review finding: the limit was checked before a failure was recorded, so guesses sent at the same moment to
     * several nodes all passed the check. Now each attempt is recorded first: of twenty guesses at once, half to each
     * node, at most five have their password checked (401); the others are refused unchecked (429).
     */
    @Test
    void guessesAtTheSameMomentOnTwoNodesAreCheckedAtMostFiveTimes() throws Exception {
        String u = user(Account.Role.OFFICER, "w");
        String wrong = "{\"username\":\"" + u + "\",\"password\":\"guess\"}";
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String node = i % 2 == 0 ? a : b;
            answers.add(pool.submit(() -> {
                go.await();
                return code(call(node, "POST", "/api/v1/login", wrong, null, null));
            }));
        }
        go.countDown();
        List<Integer> codes = new ArrayList<>();
        for (java.util.concurrent.Future<Integer> f : answers) {
            codes.add(f.get());
        }
        pool.shutdown();
        assertThat(codes).as("answers: " + codes).containsOnly(401, 429);
        assertThat(codes.stream().filter(c -> c == 401).count()).as("passwords checked: " + codes).isLessThanOrEqualTo(5);
    }

    /**
     * What a node answers for a path: status and a digest of the body, in which the node's own address and the
     * answer's time stamp are left out (the only parts two nodes may answer differently).
     */
    String body(String node, String path, String token) throws IOException {
        try (Response r = token == null ? call(node, "GET", path, null, null, null) : bearer(node, "GET", path, null, token)) {
            byte[] bytes = r.body() == null ? new byte[0] : r.body().bytes();
            String type = String.valueOf(r.header("Content-Type"));
            if (type.contains("json")) {
                bytes = new String(bytes, StandardCharsets.UTF_8).replace(node, "NODE")
                        .replaceAll("\"timeStamp\":\"[^\"]*\"", "").getBytes(StandardCharsets.UTF_8);
            }
            try {
                return r.code() + " " + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(bytes)) + " (" + bytes.length + " bytes)";
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aWriteOnOneNodeIsSeenInEveryComputedLayerOfTheOtherAtItsNextRequest() throws IOException {
        String officer = vn.anttmap.TestAuth.token(nodeA, Account.Role.OFFICER, "w");
        List<String> paths = List.of("/ogc/collections/residential_areas/items?limit=100",
                "/ogc/collections/camera_coverage/items?limit=100", "/ogc/collections/camera_proposals/items?limit=100",
                "/ogc/collections/hotspot_density/items?limit=100", "/ogc/collections/hotspot_gistar/items?limit=100",
                "/ogc/collections/hotspot_emerging/items?limit=100", "/ogc/collections/incidents/items?limit=100",
                "/api/v1/stats?ward=w&from=2023-01-01&to=2023-12-31", "/api/v1/scores/areas?ward=w&year=2023",
                "/tiles/incidents/14/13006/7289.mvt", "/tiles/residential_areas/14/13006/7289.mvt",
                "/tiles/cameras/14/13006/7289.mvt");
        java.util.Map<String, String> before = new java.util.LinkedHashMap<>();
        for (String p : paths) {
            before.put(p, body(b, p, officer)); // node B computes and keeps each (the second read is from its caches)
            assertThat(body(b, p, officer)).as(p + " kept on B").isEqualTo(before.get(p));
        }
        // A write through node A: incidents in area a and a camera.
        StringBuilder incidents = new StringBuilder("id,lon,lat,occurred_at,category,severity,channel\n");
        for (int i = 0; i < 12; i++) {
            incidents.append("x").append(i).append(",105.7").append(80 + i % 5).append(",19.44").append(4 + i % 3)
                    .append(",2023-0").append(1 + i % 9).append("-10T08:00:00Z,crime,it_nghiem_trong,hotline_113\n");
        }
        nodeA.importer().importFile(Layer.INCIDENTS, "more.csv", new ByteArrayInputStream(incidents.toString()
                .getBytes(StandardCharsets.UTF_8)), ImportService.Format.of(null, "more.csv"), null);
        String camera = "id,lon,lat,bearing_deg,fov_deg,range_m,kind,owner,status\nc-new,105.786,19.445,90,90,60,fixed,community,active\n";
        nodeA.importer().importFile(Layer.CAMERAS, "cam.csv", new ByteArrayInputStream(camera.getBytes(StandardCharsets.UTF_8)),
                ImportService.Format.of(null, "cam.csv"), null);
        List<String> changed = new ArrayList<>();
        for (String p : paths) {
            String onA = body(a, p, officer);
            String onB = body(b, p, officer);
            assertThat(onB).as(p + ": node B's next answer is node A's").isEqualTo(onA);
            if (!onB.equals(before.get(p))) {
                changed.add(p);
            }
        }
        // The write changed what these show on B, so B did not answer from what it kept before (the verdicts, the
        // proposals and the Gi* and emerging cells say the same before and after on this small fixture: too few
        // incidents either way; they are kept by the same cache as the coverage and the density).
        assertThat(changed).as("paths whose answer the write changed").contains("/ogc/collections/camera_coverage/items?limit=100",
                "/ogc/collections/hotspot_density/items?limit=100", "/ogc/collections/incidents/items?limit=100",
                "/api/v1/stats?ward=w&from=2023-01-01&to=2023-12-31", "/api/v1/scores/areas?ward=w&year=2023",
                "/tiles/incidents/14/13006/7289.mvt", "/tiles/cameras/14/13006/7289.mvt");
    }
}
