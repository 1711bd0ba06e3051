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
}
