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
 * No request fails, and requests flowed while each node was down. Needs {@code ANTT_TEST_PG_URL} and nginx (skipped
 * without them, failed under CI=true).
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
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(nginx.url("/metrics"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).as("metrics are not served through the proxy").isEqualTo(403);

        readers = ReadMix.start(nginx.url(""), READERS);
        // Both nodes answer before the restarts start.
        for (Node n : nodes) {
            while (readers.servedBy(n.port()) == 0) {
                Thread.sleep(20);
            }
        }
        List<RollingRestart.Step> steps = RollingRestart.run(nodes, readers);
        readers.stop();

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
    }
}
