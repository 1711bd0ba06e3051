package vn.anttmap.api;

import io.javalin.testtools.JavalinTest;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.anttmap.App;
import vn.anttmap.store.postgis.PostgisFeatureStore;
import vn.anttmap.store.PostgisTestDatabase;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service on PostGIS while the database goes away and comes back, as in a restart: every open connection is cut
 * and new ones are refused (a TCP relay between the service and PostgreSQL is stopped, then started again on the
 * same port). Requests then fail with 503 instead of hanging, and once the database is back the same running
 * service answers 200 again by itself.
 */
class PostgisRestartTest {
    static Relay relay;
    static App.Services services;

    @BeforeAll
    static void start() throws IOException {
        PostgisTestDatabase.require();
        String url = PostgisTestDatabase.freshSchemaUrl();
        Matcher m = Pattern.compile("^jdbc:postgresql://([^/:?]+)(?::(\\d+))?/").matcher(url);
        assertThat(m.find()).as("test URL %s has host and database", url).isTrue();
        String host = m.group(1);
        int port = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
        relay = new Relay(host, port);
        relay.start();
        String viaRelay = "jdbc:postgresql://127.0.0.1:" + relay.port + url.substring(m.end() - 1);
        PostgisFeatureStore store = PostgisFeatureStore.connect(viaRelay, null, null);
        store.migrate();
        services = App.services(store, Clock.systemUTC());
        TestData.loadFixtures(services.importer());
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
        if (relay != null) {
            relay.stop();
        }
    }

    @Test
    void aRestartGives503WhileDownAndTheServiceRecoversByItself() throws Exception {
        vn.anttmap.TestHttp.test(HttpServer.create(services, new HttpServer.PageConfig("t", "t")), (server, client) -> {
            String before;
            try (Response r = client.get("/api/v1/wards")) {
                assertThat(r.code()).isEqualTo(200);
                before = r.body().string();
            }
            assertThat(before).contains("\"Feature\"");

            relay.stop();
            // The test client gives up after 10 s (OkHttp's read timeout), so a request that hung on a dead
            // connection instead of failing within the pool's connection timeout would fail the test.
            for (int i = 0; i < 3; i++) {
                try (Response r = client.get("/api/v1/wards")) {
                    assertThat(r.code()).as("request %d while the database is down", i).isEqualTo(503);
                    assertThat(r.body().string()).contains("\"error\"");
                }
            }
            try (Response r = client.get("/healthz")) {
                assertThat(r.code()).isEqualTo(200);
            }

            relay.start();
            String after = null;
            for (int i = 0; i < 20 && after == null; i++) {
                try (Response r = client.get("/api/v1/wards")) {
                    if (r.code() == 200) {
                        after = r.body().string();
                    } else {
                        assertThat(r.code()).isEqualTo(503);
                        Thread.sleep(500);
                    }
                }
            }
            assertThat(after).as("the service answers again without a restart").isEqualTo(before);
        });
    }

    /** A TCP relay to the database that can be stopped (cutting every connection) and started on the same port. */
    static final class Relay {
        final String targetHost;
        final int targetPort;
        int port;
        private ServerSocket server;
        private final List<Socket> open = new ArrayList<>();

        Relay(String targetHost, int targetPort) {
            this.targetHost = targetHost;
            this.targetPort = targetPort;
        }

        synchronized void start() throws IOException {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", port));
            port = s.getLocalPort();
            server = s;
            Thread t = new Thread(() -> accept(s), "relay-accept");
            t.setDaemon(true);
            t.start();
        }

        private void accept(ServerSocket s) {
            while (!s.isClosed()) {
                try {
                    Socket in = s.accept();
                    Socket out = new Socket(targetHost, targetPort);
                    synchronized (this) {
                        open.add(in);
                        open.add(out);
                    }
                    pipe(in, out);
                    pipe(out, in);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void pipe(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[16384];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException e) {
                    // the other side closed
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }, "relay-pipe");
            t.setDaemon(true);
            t.start();
        }

        synchronized void stop() {
            closeQuietly(server);
            for (Socket s : open) {
                closeQuietly(s);
            }
            open.clear();
        }

        private static void closeQuietly(java.io.Closeable c) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
