package vn.anttmap.bench;

import io.javalin.Javalin;
import vn.anttmap.App;
import vn.anttmap.TestAuth;
import vn.anttmap.api.HttpServer;
import vn.anttmap.model.Account;
import vn.anttmap.service.DemoData;
import vn.anttmap.store.FeatureStore;
import vn.anttmap.store.h2gis.H2gisFeatureStore;
import vn.anttmap.store.postgis.PostgisFeatureStore;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load program, not a test: starts the server on the demo data (embedded H2GIS in a temporary directory, or
 * PostGIS when a JDBC URL is given as the second argument), then {@code connections} clients (default 64) read
 * the map's read paths (map layers, OGC items, tiles) for {@code seconds} (default 20), half of them anonymous and
 * half with an officer's token (incidents always with the token: anonymous readers get 401 there), and
 * prints per path: requests, throughput, p50, p99, max and errors (any status other than 200/304).
 * <p>
 * {@code mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=vn.anttmap.bench.LoadTest
 * -Dexec.args="64 20"} (add a {@code jdbc:postgresql://…} URL as a third argument to run against PostGIS).
 */
public final class LoadTest {
    static final List<String> PATHS = List.of(
            "/api/v1/wards", "/api/v1/areas?ward=hai-hoa", "/api/v1/cameras", "/api/v1/incidents?ward=hai-hoa",
            "/ogc/collections/cameras/items?limit=100", "/ogc/collections/residential_areas/items",
            "/tiles/cameras/15/26013/14578.mvt", "/tiles/residential_areas/14/13006/7289.mvt");
    /** Paths only signed-in roles may read: always sent with the officer's token. */
    static final String SIGNED_IN_ONLY = "/api/v1/incidents";

    private LoadTest() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String pgUrl = args.length > 2 ? args[2] : null;
        Path dir = Files.createTempDirectory("antt-load");
        FeatureStore store = pgUrl == null ? H2gisFeatureStore.open(dir) : PostgisFeatureStore.connect(pgUrl, null, null);
        store.migrate();
        App.Services services = App.services(store, Clock.systemUTC());
        if (store.query(vn.anttmap.model.Layer.WARDS, vn.anttmap.model.FeatureQuery.ALL).isEmpty()) {
            DemoData.load(services.importer());
        }
        String officer = TestAuth.token(services, Account.Role.OFFICER, "hai-hoa");
        Javalin app = HttpServer.create(services, new HttpServer.PageConfig("t", "t")).start("127.0.0.1", 0);
        String base = "http://127.0.0.1:" + app.port();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();

        // Warm up: each path once per role, so the JIT and caches are not what is measured.
        for (String p : PATHS) {
            for (int round = 0; round < 3; round++) {
                send(client, base + p, officer);
                send(client, base + p, null);
            }
        }

        Map<String, List<Long>> latenciesNs = new ConcurrentHashMap<>();
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        for (String p : PATHS) {
            latenciesNs.put(p, Collections.synchronizedList(new ArrayList<>()));
            errors.put(p, new AtomicLong());
        }
        long endNs = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(connections);
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            final int id = c;
            new Thread(() -> {
                try {
                    int i = id;
                    while (System.nanoTime() < endNs) {
                        String p = PATHS.get(i++ % PATHS.size());
                        long t0 = System.nanoTime();
                        int status = send(client, base + p, id % 2 == 0 && !p.startsWith(SIGNED_IN_ONLY) ? null : officer);
                        latenciesNs.get(p).add(System.nanoTime() - t0);
                        if (status != 200 && status != 304) {
                            errors.get(p).incrementAndGet();
                        }
                    }
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
        double elapsedS = (System.nanoTime() - start) / 1e9;
        app.stop();
        services.close();

        System.out.printf(Locale.ROOT, "%d connections, %.1f s, store %s, %d cores%n", connections, elapsedS,
                pgUrl == null ? "H2GIS (embedded)" : "PostGIS", Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-48s %8s %8s %8s %8s %8s %7s%n", "path", "requests", "req/s", "p50 ms",
                "p99 ms", "max ms", "errors");
        long all = 0;
        long allErrors = 0;
        List<Long> everything = new ArrayList<>();
        for (String p : PATHS) {
            long[] l = latenciesNs.get(p).stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(l);
            all += l.length;
            allErrors += errors.get(p).get();
            for (long x : l) {
                everything.add(x);
            }
            System.out.printf(Locale.ROOT, "%-48s %8d %8.0f %8.1f %8.1f %8.1f %7d%n", p, l.length, l.length / elapsedS,
                    pct(l, 0.50), pct(l, 0.99), l.length == 0 ? 0 : l[l.length - 1] / 1e6, errors.get(p).get());
        }
        long[] l = everything.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%-48s %8d %8.0f %8.1f %8.1f %8.1f %7d%n", "all", all, all / elapsedS,
                pct(l, 0.50), pct(l, 0.99), l.length == 0 ? 0 : l[l.length - 1] / 1e6, allErrors);
        System.exit(0);
    }

    static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    static int send(HttpClient client, String url, String token) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            return client.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
