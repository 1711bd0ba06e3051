package vn.anttmap.bench;

import io.javalin.Javalin;
import vn.anttmap.App;
import vn.anttmap.TestAuth;
import vn.anttmap.api.HttpServer;
import vn.anttmap.model.Account;
import vn.anttmap.model.Layer;
import vn.anttmap.model.ReadConsistency;
import vn.anttmap.service.DemoData;
import vn.anttmap.store.postgis.PostgisFeatureStore;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Locale;

/**
 * A program, not a test: what hearing changes announced (LISTEN/NOTIFY) saves over reading the change-stamp table for
 * every kept value a request serves, on PostGIS. Prints, side by side: a change stamp as the public's request takes it
 * (from memory, while the feed vouches for it) and as a signed-in user's does (one read of the table); then a kept
 * vector tile over HTTP as the public (stamps heard) and as an officer (stamps read), requests per second, one client.
 * <p>
 * {@code java -cp target/test-classes:target/classes:<deps> vn.anttmap.bench.ChangeFeedBenchmark JDBC_URL [calls]}
 * (a database with PostGIS; the demo is loaded into a schema of its own, which is left for a second run).
 */
public final class ChangeFeedBenchmark {
    private ChangeFeedBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0] + (args[0].contains("?") ? "&" : "?") + "currentSchema=antt_feed_bench,public";
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        try (var c = java.sql.DriverManager.getConnection(args[0]); var st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS antt_feed_bench");
        }
        PostgisFeatureStore store = PostgisFeatureStore.connect(url, null, null);
        store.migrate();
        App.Services services = App.services(store, Clock.systemUTC());
        if (store.counts().get(Layer.WARDS) == 0) {
            DemoData.load(services.importer());
        }
        var all = EnumSet.allOf(Layer.class);
        ReadConsistency.request(false, 0, true);
        store.changeStamp(all);
        while (!store.listeningForChanges()) {
            Thread.sleep(20);
        }
        ReadConsistency.none();
        System.out.printf(Locale.ROOT, "change stamp of every layer, %,d calls each, one thread (%s)%n", calls, store.describe());
        for (int round = 0; round < 2; round++) {
            double heard = perCallMicros(calls, () -> {
                ReadConsistency.request(false, 0, true);
                store.changeStamp(all);
            });
            double read = perCallMicros(calls, () -> {
                ReadConsistency.request(false, 0, false);
                store.changeStamp(all);
            });
            ReadConsistency.none();
            System.out.printf(Locale.ROOT, "  round %d: heard (public) %.2f µs, read from the table (signed in) %.1f µs: %.0f× %n",
                    round + 1, heard, read, read / heard);
        }

        String officer = TestAuth.token(services, Account.Role.OFFICER, "hai-hoa");
        Javalin app = HttpServer.create(services, new HttpServer.PageConfig("t", "t")).start("127.0.0.1", 0);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String tile = "http://127.0.0.1:" + app.port() + "/tiles/residential_areas/14/13006/7289.mvt";
        int requests = Math.max(2_000, calls / 4);
        System.out.printf(Locale.ROOT, "a kept tile over HTTP, %,d requests each, one client%n", requests);
        for (int round = 0; round < 2; round++) {
            double pub = perSecond(requests, http, tile, null);
            double off = perSecond(requests, http, tile, officer);
            System.out.printf(Locale.ROOT, "  round %d: public %,.0f/s, officer %,.0f/s: public %.2f× %n", round + 1, pub, off, pub / off);
        }
        app.stop();
        services.close();
    }

    static double perCallMicros(int calls, Runnable r) {
        for (int i = 0; i < calls / 10; i++) {
            r.run();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            r.run();
        }
        return (System.nanoTime() - t0) / 1e3 / calls;
    }

    static double perSecond(int requests, HttpClient http, String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpRequest req = b.build();
        for (int i = 0; i < requests / 10; i++) {
            http.send(req, HttpResponse.BodyHandlers.discarding());
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            HttpResponse<Void> r = http.send(req, HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + r.statusCode());
            }
        }
        return requests / ((System.nanoTime() - t0) / 1e9);
    }
}
