package vn.anttmap.api;

import io.javalin.Javalin;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import vn.anttmap.App;
import vn.anttmap.DemoFixture;
import vn.anttmap.model.Account;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression (found running two nodes behind nginx): every client behind the proxy had the proxy's address, so the
 * limit of failed sign-ins per address counted them all together (one person's typos locked everyone out) and the
 * audit log named the proxy. From a trusted proxy, X-Forwarded-For names the client; from anyone else it is ignored.
 */
class ClientAddressTest {
    static final String PASSWORD = "correct horse battery";

    int login(io.javalin.testtools.HttpClient client, String user, String password, String forwardedFor) throws Exception {
        Request.Builder rb = new Request.Builder().url(client.getOrigin() + "/api/v1/login")
                .post(RequestBody.create("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}",
                        okhttp3.MediaType.get("application/json")));
        if (forwardedFor != null) {
            rb.header("X-Forwarded-For", forwardedFor);
        }
        try (Response r = client.getOkHttp().newCall(rb.build()).execute()) {
            return r.code();
        }
    }

    App.Services services(String name) throws Exception {
        App.Services s = DemoFixture.services(name);
        for (String u : new String[]{"typo-1", "typo-2", "typo-3", "typo-4", "typo-5", "other"}) {
            s.auth().addUser(u, Account.Role.PLANNER, null, PASSWORD.toCharArray());
        }
        return s;
    }

    @Test
    void behindATrustedProxyTheLimitPerAddressCountsEachClientApart() throws Exception {
        App.Services s = services("client-address-proxy");
        Javalin app = HttpServer.create(s, new HttpServer.PageConfig("t", "t", Set.of("127.0.0.1")));
        vn.anttmap.TestHttp.test(app, (server, client) -> {
            // One client behind the proxy fails five times (five names, so no name is slowed).
            for (int i = 1; i <= 5; i++) {
                assertThat(login(client, "typo-" + i, "wrong", "198.51.100.7, 203.0.113.5")).isEqualTo(401);
            }
            // That client is slowed; another client behind the same proxy is not.
            assertThat(login(client, "other", PASSWORD, "203.0.113.5")).isEqualTo(429);
            assertThat(login(client, "other", PASSWORD, "203.0.113.9")).isEqualTo(200);
            // A client cannot name itself: what it wrote stands left of what the proxy appended.
            assertThat(login(client, "other", PASSWORD, "203.0.113.9, 203.0.113.5")).isEqualTo(429);
            // The audit log names the client, not the proxy.
            assertThat(s.auth().audit("other", null, null, null, 10)).extracting(e -> e.action() + " " + e.detail())
                    .contains("login from 203.0.113.9").noneMatch(d -> d.contains("127.0.0.1"));
        });
    }

    @Test
    void withoutATrustedProxyTheHeaderIsIgnored() throws Exception {
        App.Services s = services("client-address-direct");
        Javalin app = HttpServer.create(s, new HttpServer.PageConfig("t", "t"));
        vn.anttmap.TestHttp.test(app, (server, client) -> {
            for (int i = 1; i <= 5; i++) {
                // A client naming a new address each time does not escape the limit on its real one.
                assertThat(login(client, "typo-" + i, "wrong", "203.0.113." + i)).isEqualTo(401);
            }
            assertThat(login(client, "other", PASSWORD, "198.51.100.99")).isEqualTo(429);
        });
    }

    String selfLink(io.javalin.testtools.HttpClient client, String host, String proto) throws Exception {
        Request.Builder rb = new Request.Builder().url(client.getOrigin() + "/ogc").header("Host", host);
        if (proto != null) {
            rb.header("X-Forwarded-Proto", proto);
        }
        try (Response r = client.getOkHttp().newCall(rb.build()).execute()) {
            for (com.fasterxml.jackson.databind.JsonNode l : HttpServer.JSON.readTree(r.body().string()).path("links")) {
                if (l.path("rel").asText().equals("self")) {
                    return l.path("href").asText();
                }
            }
            return null;
        }
    }

    /**
     * Regression (found reading the OGC API through nginx with GDAL): links are built from the Host the client asked
     * for, port and all, and from a trusted proxy's X-Forwarded-Proto (TLS ended at the proxy); from anyone else that
     * header is ignored.
     */
    @Test
    void linksUseTheClientsHostAndATrustedProxysScheme() throws Exception {
        App.Services s = DemoFixture.services("client-address-links");
        vn.anttmap.TestHttp.test(HttpServer.create(s, new HttpServer.PageConfig("t", "t", Set.of("127.0.0.1"))), (server, client) -> {
            assertThat(selfLink(client, "map.example.vn:8443", "https")).startsWith("https://map.example.vn:8443/ogc");
            assertThat(selfLink(client, "map.example.vn:8080", null)).startsWith("http://map.example.vn:8080/ogc");
        });
        vn.anttmap.TestHttp.test(HttpServer.create(s, new HttpServer.PageConfig("t", "t")), (server, client) ->
                assertThat(selfLink(client, "map.example.vn:8443", "https")).startsWith("http://map.example.vn:8443/ogc"));
    }

    /** Review findings: IPv6 written any way matches; a proxy's own X-Forwarded-For line is read with the others. */
    @Test
    void addressesCompareAsAddressesAndEveryForwardedLineCounts() throws Exception {
        assertThat(ClientAddress.trusted("[0:0:0:0:0:0:0:1]", Set.of("::1"))).isTrue();
        assertThat(ClientAddress.trusted("0:0:0:0:0:0:0:1", Set.of("[::1]"))).isTrue();
        assertThat(ClientAddress.trusted("127.0.0.1", Set.of("::1"))).isFalse();
        assertThat(ClientAddress.normal("proxy.example")).isEqualTo("proxy.example");
        App.Services s = services("client-address-lines");
        vn.anttmap.TestHttp.test(HttpServer.create(s, new HttpServer.PageConfig("t", "t", Set.of("127.0.0.1"))), (server, client) -> {
            for (int i = 1; i <= 5; i++) {
                // The client's own line first, the proxy's line (the real address) after it.
                Request r = new Request.Builder().url(client.getOrigin() + "/api/v1/login")
                        .post(RequestBody.create("{\"username\":\"typo-" + i + "\",\"password\":\"wrong\"}",
                                okhttp3.MediaType.get("application/json")))
                        .addHeader("X-Forwarded-For", "198.51.100." + i).addHeader("X-Forwarded-For", "203.0.113.77").build();
                try (Response resp = client.getOkHttp().newCall(r).execute()) {
                    assertThat(resp.code()).isEqualTo(401);
                }
            }
            assertThat(login(client, "other", PASSWORD, "203.0.113.77")).as("the real address, slowed").isEqualTo(429);
        });
    }
}
