package vn.anttmap.deploy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.anttmap.RequiredTool;
import vn.anttmap.store.PostgisTestDatabase;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue "Many servers, one truth", end to end: two nodes of the packaged jar on one PostGIS database behind the
 * shipped nginx site file, readers going through nginx throughout a rolling restart of both nodes (docs/deploy.md).
 * No request fails, and requests flowed while each node was down; an officer records incidents through nginx all the
 * while, and every one answered 201 is in the database afterwards (nothing lost). Needs {@code ANTT_TEST_PG_URL} and
 * nginx (skipped without them, failed under CI=true).
 */
class RollingRestartIT {
    static final int READERS = 8;

    @TempDir
    Path dir;
    final List<Node> nodes = new ArrayList<>();
    Nginx nginx;
    ReadMix readers;

    @AfterEach
    void stop() throws Exception {
        if (readers != null) {
            readers.stop();
        }
        if (nginx != null) {
            nginx.close();
        }
        for (Node n : nodes) {
            n.stop();
        }
        PostgisTestDatabase.dropCreatedSchemas();
    }

    @Test
    void aRollingRestartOfTwoNodesBehindNginxFailsNoRequest() throws Exception {
        PostgisTestDatabase.require();
        Path nginxBin = RequiredTool.require("nginx", "nginx");
        String db = PostgisTestDatabase.freshSchemaUrl();

        // The first node loads the demo into the empty schema; the second starts on what it wrote.
        nodes.add(new Node(dir.resolve("node1"), Node.freePort(), db, true).start().awaitReady());
        nodes.add(new Node(dir.resolve("node2"), Node.freePort(), db, false).start().awaitReady());
        nginx = Nginx.start(nginxBin, dir.resolve("nginx"), Node.freePort(), nodes.stream().map(Node::port).toList());

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String path : ReadMix.PATHS) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(nginx.url(path))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("GET %s through nginx: %s", path, r.body()).isEqualTo(200);
        }
        assertThat(http.send(HttpRequest.newBuilder(URI.create(nginx.url("/api/v1/wards"))).build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains("\"id\":\"hai-hoa\"");
        // Links name the proxy's address, port and all (nginx passes the client's Host on).
        assertThat(http.send(HttpRequest.newBuilder(URI.create(nginx.url("/ogc"))).build(), HttpResponse.BodyHandlers.ofString())
                .body()).contains("\"" + nginx.url("/ogc"));
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(nginx.url("/metrics"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).as("metrics are not served through the proxy").isEqualTo(403);

        String token = officerToken(http, nodes.get(0).log());
        Writer writer = new Writer(http, nginx.url("/api/v1/incidents"), token);
        Thread writing = new Thread(writer, "writer");
        writing.start();
        readers = ReadMix.start(nginx.url(""), READERS);
        // Both nodes answer before the restarts start.
        for (Node n : nodes) {
            while (readers.servedBy(n.port()) == 0) {
                Thread.sleep(20);
            }
        }
        List<RollingRestart.Step> steps = RollingRestart.run(nodes, readers);
        readers.stop();
        writer.stop = true;
        writing.join();

        String report = "steps " + steps + "; " + readers.completed() + " requests, " + readers.failures() + " failed: "
                + readers.failureSamples() + "; nginx wrote " + nginx.errorLog().lines().filter(l -> l.contains("upstream"))
                .count() + " error-log line(s) about a node (refused or cut connections, tried again on the other)";
        System.out.println("RollingRestartIT: " + report);
        for (RollingRestart.Step s : steps) {
            assertThat(s.requestsWhileDown()).as("requests while the node on port %d was down: %s", s.port(), report)
                    .isPositive();
            assertThat(s.exitCode()).as("exit status of the node on port %d (0: drained and stopped)", s.port())
                    .isZero();
        }
        assertThat(readers.failures()).as(report + "\nnginx error log:\n" + nginx.errorLog()).isZero();
        System.out.println("RollingRestartIT: the officer recorded " + writer.written.size() + " incidents, "
                + writer.failures + " refused or lost: " + writer.failureSamples);
        assertThat(writer.failures).as("writes refused or lost: " + writer.failureSamples).isZero();
        assertThat(writer.written).as("incidents recorded during the restarts").hasSizeGreaterThan(2);
        HttpResponse<String> all = http.send(HttpRequest.newBuilder(URI.create(nginx.url(
                "/ogc/collections/incidents/items?limit=10000"))).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(all.statusCode()).isEqualTo(200);
        for (String id : writer.written) {
            assertThat(all.body()).as("incident " + id + ", answered 201, is stored").contains("\"id\":\"" + id + "\"");
        }
    }

    /** Signs in the demo's officer (the first node printed the password) through nginx and makes a token. */
    String officerToken(HttpClient http, String log) throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^  officer  (\\S+)$").matcher(log);
        assertThat(m.find()).as(log).isTrue();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(nginx.url("/api/v1/login")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"officer\",\"password\":\"" + m.group(1) + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        cookie = cookie.substring(0, cookie.indexOf(';'));
        String csrf = new com.fasterxml.jackson.databind.ObjectMapper().readTree(login.body()).path("csrf").asText();
        HttpResponse<String> made = http.send(HttpRequest.newBuilder(URI.create(nginx.url("/api/v1/tokens")))
                .header("Content-Type", "application/json").header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"restart\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(made.body()).path("token").asText();
    }

    /** Records one incident after another through nginx until stopped; keeps the ids answered 201. */
    static final class Writer implements Runnable {
        final HttpClient http;
        final String url;
        final String token;
        volatile boolean stop;
        final List<String> written = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile int failures;
        final List<String> failureSamples = new java.util.concurrent.CopyOnWriteArrayList<>();

        Writer(HttpClient http, String url, String token) {
            this.http = http;
            this.url = url;
            this.token = token;
        }

        @Override
        public void run() {
            for (int i = 0; !stop; i++) {
                String id = "restart-" + i;
                String feature = "{\"type\":\"Feature\",\"id\":\"" + id + "\",\"geometry\":{\"type\":\"Point\","
                        + "\"coordinates\":[105.795,19.451]},\"properties\":{\"occurred_at\":\"2023-10-20T21:00:00+07:00\","
                        + "\"category\":\"crime\",\"severity\":\"it_nghiem_trong\",\"channel\":\"hotline_113\"}}";
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(feature)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 201) {
                        written.add(id);
                    } else {
                        failures++;
                        if (failureSamples.size() < 5) {
                            failureSamples.add(id + ": " + r.statusCode() + " " + r.body());
                        }
                    }
                } catch (Exception e) {
                    failures++;
                    if (failureSamples.size() < 5) {
                        failureSamples.add(id + ": " + e);
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
