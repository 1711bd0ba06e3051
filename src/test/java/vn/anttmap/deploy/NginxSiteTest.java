package vn.anttmap.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.anttmap.RequiredTool;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shipped site file {@code docs/deploy/nginx-antt-map.conf}: what the harness replaces in it is there, the rules
 * docs/deploy.md promises are in it, and nginx accepts it with one, two or three nodes ({@code nginx -t}; skipped
 * without nginx, failed under CI=true). RollingRestartIT runs it.
 */
class NginxSiteTest {
    @TempDir
    Path dir;

    @Test
    void theHarnessReplacesTheListenPortAndOneLinePerNode() throws Exception {
        String shipped = Files.readString(Nginx.SITE, StandardCharsets.UTF_8);
        assertThat(shipped).contains("proxy_next_upstream error timeout http_502 http_503;", "proxy_next_upstream_tries 2;",
                "keepalive 32;", "proxy_http_version 1.1;", "proxy_set_header Connection \"\";",
                "proxy_set_header Host $http_host;", "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
                "proxy_set_header X-Forwarded-Proto $scheme;", "client_max_body_size 10m;");
        assertThat(shipped).containsPattern("location = /metrics \\{\\s*deny all;\\s*}");

        String site = Nginx.site(shipped, 18080, List.of(9001, 9002, 9003));
        assertThat(site).contains("listen 127.0.0.1:18080;").doesNotContain("listen 80;", "server 127.0.0.1:7071", "server 127.0.0.1:7072")
                .contains("    server 127.0.0.1:9001 max_fails=1 fail_timeout=5s;\n"
                        + "    server 127.0.0.1:9002 max_fails=1 fail_timeout=5s;\n"
                        + "    server 127.0.0.1:9003 max_fails=1 fail_timeout=5s;\n    # Idle");
        assertThat(Nginx.site(shipped, 18080, List.of(9001))).contains("server 127.0.0.1:9001 ").doesNotContain("server 127.0.0.1:7072");
        assertThatThrownBy(() -> Nginx.site(shipped.replace("listen 80;", "listen 8080;"), 1, List.of(2)))
                .hasMessageContaining("listen 80;");
        assertThatThrownBy(() -> Nginx.site(shipped.replace("server 127.0.0.1:7072", "server 10.0.0.2:7072"), 1, List.of(2)))
                .hasMessageContaining("two adjacent");
    }

    @Test
    void nginxAcceptsTheSiteWithOneTwoOrThreeNodes() throws Exception {
        Path nginx = RequiredTool.require("nginx", "nginx");
        for (List<Integer> nodes : List.of(List.of(9001), List.of(9001, 9002), List.of(9001, 9002, 9003))) {
            Path prefix = dir.resolve("n" + nodes.size());
            // start() runs nginx -t first and refuses a configuration it rejects; nothing listens on the nodes' ports
            try (Nginx n = Nginx.start(nginx, prefix, Node.freePort(), nodes)) {
                assertThat(Files.readString(prefix.resolve("antt-map.conf"))).contains("server 127.0.0.1:" + nodes.get(0));
            }
        }
    }
}
