package vn.anttmap.cli;

import io.javalin.Javalin;
import vn.anttmap.App;
import vn.anttmap.demo.ScaleGenerator;
import vn.anttmap.model.Layer;
import vn.anttmap.store.postgis.PostgisBaseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The bench's kept figures: scorecards and camera sectors served from what is kept, beside computing them. */
final class BenchKept {
    private final Bench.Context ctx;

    BenchKept(Bench.Context ctx) {
        this.ctx = ctx;
    }

    // ---------------------------------------------------------------- kept values

    /** Requests timed for a kept figure's p50. */
    static final int KEPT_REQUESTS = 200;

    /**
     * Scorecards and camera sectors served from what is kept (DerivedCache under the database's change stamps) beside
     * computing them (a fresh set of services each time: nothing kept, as before), for the demo ward on an embedded
     * store and for a ward of the generated data set on PostGIS; and the first request after a change (an incident of
     * the ward written again), when the cards are computed anew but the camera views are still kept. The "PostGIS SQL"
     * column of these rows holds the computation without anything kept.
     */
    void keptFigures(PostgisBaseline pg) throws Exception {
        ctx.step("kept scorecards and sectors of the demo ward (Hải Hòa, embedded store)");
        try (vn.anttmap.store.h2gis.H2gisFeatureStore demo = vn.anttmap.store.h2gis.H2gisFeatureStore.inMemory("bench-demo-" + System.nanoTime())) {
            demo.migrate();
            App.Services d = App.services(demo, java.time.Clock.systemUTC());
            vn.anttmap.service.DemoData.load(d.importer());
            scorecardFigures("demo ward (hai-hoa)", d, "hai-hoa", 2023, 20);
            List<Double> computed = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                vn.anttmap.service.FeatureService fresh = new vn.anttmap.service.FeatureService(demo, java.time.Clock.systemUTC());
                long t0 = System.nanoTime();
                int n = fresh.cameraSectors(vn.anttmap.model.FeatureQuery.ALL.withWard("hai-hoa"), null).size();
                computed.add((System.nanoTime() - t0) / 1e6);
                if (n == 0) {
                    throw new IllegalStateException("the demo has no cameras");
                }
            }
            int cameras = d.features().cameraSectors(vn.anttmap.model.FeatureQuery.ALL.withWard("hai-hoa"), null).size();
            String token = Bench.tokenOf(d);
            Javalin app = vn.anttmap.api.HttpServer.create(d, new vn.anttmap.api.HttpServer.PageConfig("", "")).start("127.0.0.1", 0);
            double kept;
            try {
                kept = httpP50(app.port(), "/api/v1/cameras/sectors", token);
            } finally {
                app.stop();
            }
            double computedMs = Bench.median(computed.subList(1, computed.size()));
            ctx.figures().add(Figure.of("camera sectors of the demo, kept", kept, "ms (p50)", computedMs, "lower", "≤ 50 ms",
                    kept <= 50, String.format(Locale.ROOT, "%d cameras: GET /api/v1/cameras/sectors, %d requests after 20 "
                            + "untimed, through HTTP; kept until a camera changes (the change stamp read on each request); "
                            + "the other column draws them all in the service (median of 4 after one untimed); before the "
                            + "projection of each UTM zone was made once, drawing them took about 3 s", cameras, KEPT_REQUESTS)));
        }
        String ward = pg.ids("SELECT ward_id FROM residential_area WHERE valid_to IS NULL GROUP BY ward_id ORDER BY ward_id LIMIT 1").get(0);
        ctx.step("kept scorecards of a ward of the data set (" + ward + ", PostGIS)");
        scorecardFigures("a ward of the data set (" + ward + ")", ctx.services(), ward, ScaleGenerator.YEAR, 50);
    }

    /**
     * The area cards and the ward card of {@code ward} through HTTP (a server over {@code serving}, an admin's token):
     * kept, beside computing them in the service with nothing kept; and the first request after a change.
     */
    private void scorecardFigures(String label, App.Services serving, String ward, int year, double targetMs) throws Exception {
        vn.anttmap.store.FeatureStore store = serving.store();
        java.time.Clock clock = java.time.Clock.systemUTC();
        List<Double> computed = new ArrayList<>();
        int areas = 0;
        for (int i = 0; i < 4; i++) {
            App.Services fresh = App.services(store, clock); // nothing kept: coverage, hotspots and cards computed
            long t0 = System.nanoTime();
            areas = fresh.scoring().scoreAreas(ward, year).size();
            computed.add((System.nanoTime() - t0) / 1e6);
        }
        double computedMs = Bench.median(computed.subList(1, computed.size()));
        List<Double> wardComputed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            App.Services fresh = App.services(store, clock);
            long t0 = System.nanoTime();
            fresh.scoring().scoreWard(ward, year);
            wardComputed.add((System.nanoTime() - t0) / 1e6);
        }
        String areasPath = "/api/v1/scores/areas?ward=" + ward + "&year=" + year;
        String wardPath = "/api/v1/scores/wards/" + ward + "?year=" + year;
        String token = Bench.tokenOf(serving);
        Javalin app = vn.anttmap.api.HttpServer.create(serving, new vn.anttmap.api.HttpServer.PageConfig("", "")).start("127.0.0.1", 0);
        double kept;
        double keptWard;
        List<Double> after = new ArrayList<>();
        int bytes;
        try {
            bytes = Bench.get(app.port(), areasPath, token, null).bytes();
            kept = httpP50(app.port(), areasPath, token);
            keptWard = httpP50(app.port(), wardPath, token);
            // The first request after a change: one of the ward's incidents written again (its stamp moves on).
            vn.anttmap.model.Feature incident = store.page(Layer.INCIDENTS, vn.anttmap.model.FeatureQuery.ALL.withWard(ward), null, 1).get(0);
            for (int i = 0; i < 3; i++) {
                store.write(new vn.anttmap.store.WriteBatch().upsert(Layer.INCIDENTS, List.of(incident)));
                after.add(Bench.get(app.port(), areasPath, token, null).ms());
            }
        } finally {
            app.stop();
        }
        double afterMs = Bench.median(after);
        ctx.figures().add(Figure.of(label + ": area scorecards, kept", kept, "ms (p50)", computedMs, "lower", "≤ " + (int) targetMs + " ms",
                kept <= targetMs, String.format(Locale.ROOT, "%d areas, year %d, %,d bytes of JSON: GET %s, %d requests "
                        + "after 20 untimed, through HTTP with a bearer token; kept until any layer changes (the database's "
                        + "change stamps read on each request); the other column computes the cards in the service with "
                        + "nothing kept (median of 3 after one untimed, no HTTP)", areas, year, bytes, areasPath, KEPT_REQUESTS)));
        ctx.figures().add(Figure.of(label + ": ward scorecard, kept", keptWard, "ms (p50)", Bench.median(wardComputed), "lower", "(no target)",
                null, "GET " + wardPath + ", as above (the ward's card scores its areas)"));
        ctx.figures().add(Figure.of(label + ": area scorecards, first request after a change", afterMs, "ms (median)", computedMs, "lower",
                "no slower than computed", afterMs <= computedMs * 1.1, String.format(Locale.ROOT, "one of the ward's incidents "
                        + "written again, then GET %s: the cards computed anew, the camera views kept (no camera, building, "
                        + "road or boundary changed); runs %s ms", areasPath, after.stream().map(x -> String.format(Locale.ROOT, "%.0f", x))
                        .collect(java.util.stream.Collectors.joining(", ")))));
    }

    /** The p50 of {@link #KEPT_REQUESTS} requests of {@code path}, after 20 untimed. */
    private double httpP50(int port, String path, String token) throws Exception {
        for (int i = 0; i < 20; i++) {
            Bench.get(port, path, token, null);
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < KEPT_REQUESTS; i++) {
            ms.add(Bench.get(port, path, token, null).ms());
        }
        return Bench.median(ms);
    }
}
