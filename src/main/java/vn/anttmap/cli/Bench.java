package vn.anttmap.cli;

import io.javalin.Javalin;
import vn.anttmap.App;
import vn.anttmap.config.StoreConfig;
import vn.anttmap.demo.ScaleGenerator;
import vn.anttmap.model.Account;
import vn.anttmap.model.Layer;
import vn.anttmap.scoring.Standard;
import vn.anttmap.service.CoverageService;
import vn.anttmap.service.PlanService;
import vn.anttmap.service.ScaleLoader;
import vn.anttmap.store.postgis.PostgisBaseline;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark run behind {@code bench}: one data set, every figure of the performance targets, each beside the
 * PostGIS SQL a GIS analyst would write, printed as a table and written as Markdown and JSON. Wall-clock figures on
 * this machine; nothing here is a test.
 */
final class Bench {
    private final App.Services services;
    private final StoreConfig config;
    private final ScaleGenerator.Scale scale;
    private final long seed;
    private final Path outDir;
    private final int coverageAreas;
    private final PrintWriter out;
    private final java.util.Set<Part> only;
    private final List<Figure> figures = new ArrayList<>();
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    // HTTP/1.1 with keep-alive, as a map client talks to a tile server (no h2c upgrade attempt on plain http).
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** The parts of the bench, each to be run alone with {@code --only}. */
    enum Part {
        IMPORT, SCORING, COVERAGE, KEPT, TILES, OGC, EXPORT, PLANNER, STARTUP;

        static java.util.Set<Part> of(String list) {
            if (list == null || list.isBlank()) {
                return java.util.EnumSet.allOf(Part.class);
            }
            java.util.Set<Part> out = java.util.EnumSet.noneOf(Part.class);
            for (String name : list.split(",")) {
                try {
                    out.add(valueOf(name.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--only: unknown bench part '" + name.trim() + "'; parts: " + names());
                }
            }
            return out;
        }

        static String names() {
            return String.join(", ", java.util.Arrays.stream(values()).map(p -> p.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    Bench(App.Services services, StoreConfig config, ScaleGenerator.Scale scale, long seed, Path outDir, int coverageAreas,
          PrintWriter out, java.util.Set<Part> only) {
        this.only = only;
        this.services = services;
        this.config = config;
        this.scale = scale;
        this.seed = seed;
        this.outDir = outDir;
        this.coverageAreas = coverageAreas;
        this.out = out;
    }

    void run() throws Exception {
        Files.createDirectories(outDir);
        out.println("ANTT Map bench, scale " + scale.id() + ": " + scale.wards + " wards, " + scale.areas() + " areas, "
                + scale.cameras() + " cameras, " + scale.incidents() + " incidents; store " + services.store().describe());
        out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, Java " + System.getProperty("java.version"));
        try (PostgisBaseline pg = new PostgisBaseline(config.dbUrl(), config.dbUser(), config.dbPassword())) {
            importFigures(pg); // always: it brings the data set in when the database is empty
            if (only.contains(Part.SCORING)) {
                scoringFigure(pg);
            }
            if (only.contains(Part.COVERAGE)) {
                coverageFigure(pg);
            }
            if (only.contains(Part.KEPT)) {
                keptFigures(pg);
            }
            if (only.contains(Part.TILES)) {
                tileFigures(pg);
            }
        }
        if (only.contains(Part.OGC)) {
            ogcFigure();
        }
        if (only.contains(Part.EXPORT)) {
            exportFigures();
        }
        if (only.contains(Part.PLANNER)) {
            plannerFigures();
        }
        if (only.contains(Part.STARTUP)) {
            startupFigure();
        }
        report();
    }

    private void step(String what) {
        out.println("… " + what);
        out.flush();
    }

    // ---------------------------------------------------------------- import

    private void importFigures(PostgisBaseline pg) throws Exception {
        long wards = services.store().counts().get(Layer.WARDS);
        ScaleGenerator gen = new ScaleGenerator(scale, seed);
        if (wards == 0) {
            // As on a running service whose areas have been scored: every incident written from now on also adds to
            // its area's counts for the year, in the same transaction.
            step("keeping each area's incident counts for " + ScaleGenerator.YEAR + " (scoring's), from the first incident on");
            services.scoring().keepCounts(ScaleGenerator.YEAR);
            step("generating and importing (ANTT Map: checks every field, assigns every point to its area and ward, "
                    + "adds to the kept counts)");
            List<ScaleLoader.Timing> timings = ScaleLoader.load(services.importer(), gen, out);
            ScaleLoader.Timing incidents = timings.stream().filter(t -> t.layer() == Layer.INCIDENTS).findFirst().orElseThrow();
            step("the same incidents by hand in PostGIS: COPY into a table, then UPDATE … FROM area WHERE ST_Contains");
            PostgisBaseline.Timed<Long> sql = pg.importAndAssign(outDir);
            double sqlRate = sql.value() / (sql.ms() / 1000);
            double ours = incidents.perSecond();
            figures.add(Figure.of("import incidents into PostGIS", ours, "incidents/s", sqlRate, "higher",
                    "≥ 50,000 incidents/s", ours >= 50_000,
                    String.format(Locale.ROOT, "%,d incidents in %.1f s through the import (validation of every field, "
                            + "point-in-polygon assignment, batches of %,d by COPY, each area's counts for scoring kept up to "
                            + "date in the same transaction); the SQL loads raw rows and assigns by "
                            + "ST_Contains without checking anything%s", incidents.records(), incidents.seconds(), ScaleLoader.BATCH,
                            ours >= 50_000 ? "" : String.format(Locale.ROOT, "; missed by %.0f %%: the next batch is checked "
                                    + "while the last is written; per incident %.1f µs passed, %.1f µs of the %d cores' time, of "
                                    + "which this JVM used %.1f µs of CPU (generating, checking, assigning, encoding the COPY) and "
                                    + "PostgreSQL (COPY and its four indexes, one of them GiST) and the rest of the machine the others; "
                                    + "50,000/s leaves %.0f µs of them per incident in all", 100 * (1 - ours / 50_000),
                                    1e6 / ours, CORES * 1e6 / ours, CORES,
                                    1e6 * incidents.jvmCpuSeconds() / incidents.records(), CORES * 1e6 / 50_000))));
            for (ScaleLoader.Timing t : timings) {
                out.printf(Locale.ROOT, "  %-10s %,10d in %7.1f s (%,.0f/s)%n", t.layer().apiName(), t.records(), t.seconds(), t.perSecond());
            }
        } else if (wards == scale.wards) {
            step("the store already holds the " + scale.id() + " data set; import not timed");
            if (!only.contains(Part.IMPORT)) {
                return;
            }
            figures.add(Figure.of("import incidents into PostGIS", 0, "incidents/s", null, "higher", "≥ 50,000 incidents/s",
                    null, "not measured: the data set was already in the database (run on an empty one to time it)"));
        } else {
            throw new IllegalArgumentException("the database holds " + wards + " wards, not the " + scale.wards
                    + " of scale " + scale.id() + "; use an empty database");
        }
    }

    // ---------------------------------------------------------------- scoring

    /** Runs of scoring and of its spatial join, the median reported. */
    static final int ROUNDS = 3;
    /** Untimed runs of scoring before those (the first one reported). */
    static final int WARM_UP = 3;

    private void scoringFigure(PostgisBaseline pg) throws Exception {
        int year = ScaleGenerator.YEAR;
        Standard.Period period = services.scoring().standard().areaPeriod().of(year);
        Standard.Period previous = services.scoring().standard().areaPeriod().of(year - 1);
        step("scoring every area for " + year + ", the first time (unless kept from an earlier run: the database counts "
                + "each area's incidents per check once, and keeps the counts up to date on every write from then on)");
        long t0 = System.nanoTime();
        services.scoring().scoreAllAreas(year, card -> {
        });
        double firstS = (System.nanoTime() - t0) / 1e9;
        // As a running service scores: the JVM compiles the scoring code over its first few hundred thousand cards
        // (the first runs score at a tenth of the later speed).
        List<Double> warmUp = new ArrayList<>(List.of(firstS));
        for (int round = 1; round < WARM_UP; round++) {
            step("scoring every area for " + year + ", untimed warm-up " + (round + 1) + "/" + WARM_UP);
            t0 = System.nanoTime();
            services.scoring().scoreAllAreas(year, card -> {
            });
            warmUp.add((System.nanoTime() - t0) / 1e9);
        }
        long[] now = {0};
        Map<String, Long> verdicts = new LinkedHashMap<>();
        long areas = 0;
        List<Double> runs = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            step("scoring every area for " + year + " from the kept counts (" + (round + 1) + "/" + ROUNDS + ")");
            now[0] = 0;
            verdicts.clear();
            t0 = System.nanoTime();
            areas = services.scoring().scoreAllAreas(year, card -> {
                now[0] += card.advisory().incidentsNow();
                verdicts.merge(card.verdict().name(), 1L, Long::sum);
            });
            runs.add((System.nanoTime() - t0) / 1e9);
        }
        double oursS = p50(runs);
        List<Double> sqlRuns = new ArrayList<>();
        long sqlTotal = 0;
        step("the same counts by spatial join in PostGIS, untimed (the same database-cache state for its runs)");
        pg.scoringCounts(previous.first(), period.first(), period.last());
        for (int round = 0; round < ROUNDS; round++) {
            step("the same counts by spatial join in PostGIS (ST_Contains, GROUP BY area) (" + (round + 1) + "/" + ROUNDS + ")");
            PostgisBaseline.Timed<Long> sql = pg.scoringCounts(previous.first(), period.first(), period.last());
            sqlRuns.add(sql.ms() / 1000);
            sqlTotal = sql.value();
        }
        double sqlS = p50(sqlRuns);
        boolean within = oursS <= 30;
        boolean faster = sqlS / oursS >= 3;
        int counts = vn.anttmap.scoring.Scorer.incidentCounts(services.scoring().standard(), Standard.Level.AREA, year).size();
        figures.add(Figure.of("score every area for a year", oursS, "s", sqlS, "lower",
                "national: ≤ 30 s and ≥ 3× faster than the PostGIS spatial join", scale == ScaleGenerator.Scale.NATIONAL
                        ? within && faster : null,
                String.format(Locale.ROOT, "%,d areas (%,.0f/s), verdicts %s; incidents in the period: %,d by us, %,d by "
                        + "the spatial join (%s); ours scores every check, the SQL only counts; medians of %d runs each "
                        + "(ours %s s, the SQL %s s), each side after untimed runs (ours %d: %s s, while the JVM compiles "
                        + "the scoring code; the SQL one)", areas, areas / oursS, verdicts, now[0], sqlTotal, now[0] == sqlTotal
                        ? "the same" : now[0] > sqlTotal
                        ? "ST_Contains counts a point on a shared boundary in neither area; the import assigns it to one"
                        : "they differ", ROUNDS, seconds(runs), seconds(sqlRuns), WARM_UP, seconds(warmUp))
                        + String.format(Locale.ROOT, "; ours reads each area's %d incident counts (by the area assigned "
                        + "when each incident was written) where the store keeps them up to date on every write (one row per "
                        + "area, no pass over the incidents), then scores every check of every area in Java; the first "
                        + "scoring of a year counts every area's incidents in one pass and keeps the counts (here they were "
                        + "kept from before the incidents were imported)", counts)
                        + (faster ? "" : String.format(Locale.ROOT, "; ratio %.1f×, short of 3×", sqlS / oursS))));
    }

    /** Seconds, two decimals, comma-separated. */
    private static String seconds(List<Double> xs) {
        return xs.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).collect(java.util.stream.Collectors.joining(", "));
    }

    // ---------------------------------------------------------------- coverage

    /** Areas of other wards whose coverage is computed, untimed, before the timed ones. */
    static final int COVERAGE_WARM_UP = 100;

    private void coverageFigure(PostgisBaseline pg) throws Exception {
        Standard.Period period = services.scoring().standard().areaPeriod().of(ScaleGenerator.YEAR);
        List<String> ids = pg.ids("SELECT id FROM residential_area WHERE valid_to IS NULL ORDER BY id LIMIT " + coverageAreas);
        // As a running service computes them: after the JVM has compiled the overlay code, on other wards' areas
        // (each timed area is computed once, its ward's cameras, buildings and roads read with the first of its areas).
        List<String> others = pg.ids("SELECT id FROM residential_area WHERE valid_to IS NULL ORDER BY id DESC LIMIT " + COVERAGE_WARM_UP);
        step("camera coverage of " + others.size() + " other areas, untimed warm-up");
        for (String id : others) {
            services.coverage().coverage(id.substring(0, id.indexOf("-a")), id, period.first(), period.last());
        }
        // What the SQL computes, and no more: the shares (the largest uncovered places are left to the coverage
        // endpoint, which computes them the first time it is asked; timed below on their own).
        step("camera coverage of " + ids.size() + " areas: shares (sectors in metres with occlusion; area, road and incident shares)");
        long t0 = System.nanoTime();
        double share = 0;
        for (String id : ids) {
            String ward = id.substring(0, id.indexOf("-a"));
            CoverageService.Shares r = services.coverage().shares(ward, id, period.first(), period.last());
            share += r.areaShare();
        }
        double oursMs = (System.nanoTime() - t0) / 1e6 / ids.size();
        // The whole report of GET /api/v1/coverage (shares, the three largest uncovered places, the lon/lat geometry),
        // from nothing kept: a coverage service of its own.
        step("camera coverage of the same " + ids.size() + " areas, whole reports with the largest gaps (nothing kept)");
        CoverageService fresh = new CoverageService(services.store());
        t0 = System.nanoTime();
        double reportShare = 0;
        for (String id : ids) {
            String ward = id.substring(0, id.indexOf("-a"));
            reportShare += fresh.coverage(ward, id, period.first(), period.last()).areaShare();
        }
        double reportMs = (System.nanoTime() - t0) / 1e6 / ids.size();
        if (Math.abs(reportShare - share) > 1e-9 * ids.size()) {
            throw new IllegalStateException("the shares differ from the reports' (" + share + " against " + reportShare + ")");
        }
        step("the same areas by hand in PostGIS: union of camera circles (ST_Buffer on geography) ∩ area");
        PostgisBaseline.Timed<Map<String, Double>> sql = pg.coverage(ids);
        double sqlMs = sql.ms() / ids.size();
        double sqlShare = sql.value().values().stream().mapToDouble(Double::doubleValue).sum();
        figures.add(Figure.of("coverage per area", oursMs, "ms/area", sqlMs, "lower", "within 2× of the SQL circles",
                sqlMs / oursMs >= 0.5,
                String.format(Locale.ROOT, "%d areas, each computed once (nothing kept from before), after %d areas of "
                        + "other wards untimed; the shares, as the SQL computes: mean covered share %.1f %% (field-of-view "
                        + "sectors with occlusion; area, road and incident shares) against %.1f %% for full circles in SQL "
                        + "(area share only); each ward's cameras, buildings and roads within 1 km are read once for its "
                        + "areas; the largest uncovered places are not computed here (the next row)", ids.size(),
                        COVERAGE_WARM_UP, 100 * share / ids.size(), 100 * sqlShare / Math.max(1, sql.value().size()))));
        figures.add(Figure.of("coverage per area, whole report", reportMs, "ms/area", sqlMs, "lower", "(no target)", null,
                String.format(Locale.ROOT, "the same %d areas, nothing kept: what GET /api/v1/coverage answers, the shares "
                        + "(the same) with the three largest uncovered places (maximum inscribed circles) and the covered "
                        + "geometry in lon/lat; the SQL column is the same circles, which compute no gaps", ids.size())));
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
    private void keptFigures(PostgisBaseline pg) throws Exception {
        step("kept scorecards and sectors of the demo ward (Hải Hòa, embedded store)");
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
            String token = tokenOf(d);
            Javalin app = vn.anttmap.api.HttpServer.create(d, new vn.anttmap.api.HttpServer.PageConfig("", "")).start("127.0.0.1", 0);
            double kept;
            try {
                kept = httpP50(app.port(), "/api/v1/cameras/sectors", token);
            } finally {
                app.stop();
            }
            double computedMs = median(computed.subList(1, computed.size()));
            figures.add(Figure.of("camera sectors of the demo, kept", kept, "ms (p50)", computedMs, "lower", "≤ 50 ms",
                    kept <= 50, String.format(Locale.ROOT, "%d cameras: GET /api/v1/cameras/sectors, %d requests after 20 "
                            + "untimed, through HTTP; kept until a camera changes (the change stamp read on each request); "
                            + "the other column draws them all in the service (median of 4 after one untimed); before the "
                            + "projection of each UTM zone was made once, drawing them took about 3 s", cameras, KEPT_REQUESTS)));
        }
        String ward = pg.ids("SELECT ward_id FROM residential_area WHERE valid_to IS NULL GROUP BY ward_id ORDER BY ward_id LIMIT 1").get(0);
        step("kept scorecards of a ward of the data set (" + ward + ", PostGIS)");
        scorecardFigures("a ward of the data set (" + ward + ")", services, ward, ScaleGenerator.YEAR, 50);
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
        double computedMs = median(computed.subList(1, computed.size()));
        List<Double> wardComputed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            App.Services fresh = App.services(store, clock);
            long t0 = System.nanoTime();
            fresh.scoring().scoreWard(ward, year);
            wardComputed.add((System.nanoTime() - t0) / 1e6);
        }
        String areasPath = "/api/v1/scores/areas?ward=" + ward + "&year=" + year;
        String wardPath = "/api/v1/scores/wards/" + ward + "?year=" + year;
        String token = tokenOf(serving);
        Javalin app = vn.anttmap.api.HttpServer.create(serving, new vn.anttmap.api.HttpServer.PageConfig("", "")).start("127.0.0.1", 0);
        double kept;
        double keptWard;
        List<Double> after = new ArrayList<>();
        int bytes;
        try {
            bytes = get(app.port(), areasPath, token, null).bytes();
            kept = httpP50(app.port(), areasPath, token);
            keptWard = httpP50(app.port(), wardPath, token);
            // The first request after a change: one of the ward's incidents written again (its stamp moves on).
            vn.anttmap.model.Feature incident = store.page(Layer.INCIDENTS, vn.anttmap.model.FeatureQuery.ALL.withWard(ward), null, 1).get(0);
            for (int i = 0; i < 3; i++) {
                store.write(new vn.anttmap.store.WriteBatch().upsert(Layer.INCIDENTS, List.of(incident)));
                after.add(get(app.port(), areasPath, token, null).ms());
            }
        } finally {
            app.stop();
        }
        double afterMs = median(after);
        figures.add(Figure.of(label + ": area scorecards, kept", kept, "ms (p50)", computedMs, "lower", "≤ " + (int) targetMs + " ms",
                kept <= targetMs, String.format(Locale.ROOT, "%d areas, year %d, %,d bytes of JSON: GET %s, %d requests "
                        + "after 20 untimed, through HTTP with a bearer token; kept until any layer changes (the database's "
                        + "change stamps read on each request); the other column computes the cards in the service with "
                        + "nothing kept (median of 3 after one untimed, no HTTP)", areas, year, bytes, areasPath, KEPT_REQUESTS)));
        figures.add(Figure.of(label + ": ward scorecard, kept", keptWard, "ms (p50)", median(wardComputed), "lower", "(no target)",
                null, "GET " + wardPath + ", as above (the ward's card scores its areas)"));
        figures.add(Figure.of(label + ": area scorecards, first request after a change", afterMs, "ms (median)", computedMs, "lower",
                "no slower than computed", afterMs <= computedMs * 1.1, String.format(Locale.ROOT, "one of the ward's incidents "
                        + "written again, then GET %s: the cards computed anew, the camera views kept (no camera, building, "
                        + "road or boundary changed); runs %s ms", areasPath, after.stream().map(x -> String.format(Locale.ROOT, "%.0f", x))
                        .collect(java.util.stream.Collectors.joining(", ")))));
    }

    /** The p50 of {@link #KEPT_REQUESTS} requests of {@code path}, after 20 untimed. */
    private double httpP50(int port, String path, String token) throws Exception {
        for (int i = 0; i < 20; i++) {
            get(port, path, token, null);
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < KEPT_REQUESTS; i++) {
            ms.add(get(port, path, token, null).ms());
        }
        return median(ms);
    }

    /** A token of an admin of {@code s}'s store. */
    private static String tokenOf(App.Services s) {
        String name = "bench-admin";
        if (s.store().account(name).isEmpty()) {
            s.auth().addUser(name, Account.Role.ADMIN, null, java.util.UUID.randomUUID().toString().toCharArray());
        }
        return s.auth().createToken(name, "bench " + OffsetDateTime.now());
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        java.util.Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    // ---------------------------------------------------------------- tiles

    /** Rounds of the cold tile figure: each on a fresh server (an empty tile cache), so each tile is cold once per round. */
    static final int TILE_ROUNDS = 3;

    /**
     * Incident tiles through HTTP against the bare ST_AsMVT query on the same tiles. Fair by construction: before
     * either side is timed, one untimed pass of the bare query reads every tile's pages, so both run in the same
     * database-cache state; each round then times ours cold (a fresh server, its tile cache empty, its JIT and pool
     * warmed on other tiles) and the SQL on the same tiles, in turn. The cached figure is a warm keep-alive HTTP/1.1
     * client asking the same tiles again, as a map client would.
     *
     * <p>The warm-up asks for distinct tiles: a tile asked again is answered from the tile cache and runs none of the
     * encoding path. Warmed on the nine z13 tiles alone (four of which hold incidents), the JIT was still compiling
     * that path when the measured tiles were asked for (seen with -XX:+PrintCompilation), and the first rounds timed
     * interpreted code: 20–30 ms a tile where a warm server takes 5–7 ms; warmed on 64 distinct z14 tiles it still
     * took 7 ms, and 3 ms once it had served 400 (a harness calling the tile path directly); hence 320 z14 and z15 tiles.
     */
    private void tileFigures(PostgisBaseline pg) throws Exception {
        String token = token();
        var e = new ScaleGenerator(scale, seed).extent();
        double lon = e.getMinX() + 0.3 * 2000 / (111_320 * Math.cos(Math.toRadians(e.getMinY())));
        double lat = e.getMinY() + 0.3 * 2000 / 110_540.0;
        // z14: the nine tiles around a point one tile in from the data's south-west corner, so that each of them
        // holds incidents; z10: the one tile that holds the first wards (its neighbours are empty and would flatter
        // both sides).
        double step14 = 360.0 / (1 << 14);
        Map<Integer, int[][]> tiles = new LinkedHashMap<>();
        tiles.put(14, neighbours(14, lon + step14, lat + step14 * Math.cos(Math.toRadians(lat))));
        tiles.put(10, new int[][]{neighbours(10, lon, lat)[4]});
        int[][] warm = neighbours(13, lon, lat);
        // Distinct z14 tiles, none of them measured, going south-west from the data's north-east corner (away from the
        // measured ones): each runs the encoding path once per round.
        int[] northEast = neighbours(14, e.getMaxX() - step14 / 2, e.getMaxY() - step14 / 2)[4];
        List<int[]> warm14 = new ArrayList<>(); // {z, x, y}
        for (int dx = 0; dx < 8; dx++) {
            for (int dy = 0; dy < 8; dy++) {
                int[] t = {northEast[0] - dx, northEast[1] + dy};
                if (java.util.Arrays.stream(tiles.get(14)).noneMatch(m -> m[0] == t[0] && m[1] == t[1])) {
                    warm14.add(new int[]{14, t[0], t[1]});
                }
            }
        }
        // And the zoom-15 tiles within the first 8 × 8 of those: the same encoding path, on 320 tiles in all (64 left
        // the JIT compiling through the measured rounds: 7 ms a tile where 400 tiles later it took 3).
        for (int dx = 0; dx < 16; dx++) {
            for (int dy = 0; dy < 16; dy++) {
                int[] t = {2 * northEast[0] + 1 - dx, 2 * northEast[1] + dy};
                if (java.util.Arrays.stream(tiles.get(14)).noneMatch(m -> m[0] == t[0] / 2 && m[1] == t[1] / 2)) {
                    warm14.add(new int[]{15, t[0], t[1]});
                }
            }
        }
        step("incident tiles: one untimed pass of the bare ST_AsMVT over every tile (both sides then find the same pages in memory)");
        for (Map.Entry<Integer, int[][]> zt : tiles.entrySet()) {
            int z = zt.getKey();
            for (int[] t : zt.getValue()) {
                if (pg.tile(z, t[0], t[1], vn.anttmap.service.PublishService.clusterUnits("incidents", z)).value().length == 0) {
                    out.println("  note: tile " + z + "/" + t[0] + "/" + t[1] + " holds no incident");
                }
            }
        }
        Map<Integer, List<Double>> cold = new LinkedHashMap<>();
        Map<Integer, List<Double>> sql = new LinkedHashMap<>();
        Map<Integer, List<Double>> cached = new LinkedHashMap<>();
        Map<Integer, List<Double>> revalidated = new LinkedHashMap<>();
        Map<Integer, Integer> tileBytes = new LinkedHashMap<>();
        for (int round = 0; round < TILE_ROUNDS; round++) {
            step("round " + (round + 1) + " of " + TILE_ROUNDS + ": a fresh server; z14 and z10 incident tiles, ours cold through HTTP, then the bare ST_AsMVT"
                    + (round == TILE_ROUNDS - 1 ? "; then ours cached" : ""));
            Javalin app = vn.anttmap.api.HttpServer.create(services, new vn.anttmap.api.HttpServer.PageConfig("", "")).start("127.0.0.1", 0);
            try {
                // Warm the server up (JIT, connection pool) on tiles elsewhere, so "cold" means not cached, not a cold JVM.
                for (int k = 0; k < 60; k++) {
                    int[] t = warm[k % warm.length];
                    get(app.port(), "/tiles/incidents/13/" + t[0] + "/" + t[1] + ".mvt", token, null);
                    get(app.port(), "/tiles/wards/13/" + t[0] + "/" + t[1] + ".mvt", token, null);
                }
                for (int[] t : warm14) {
                    get(app.port(), tilePath(t[0], new int[]{t[1], t[2]}), token, null);
                }
                for (Map.Entry<Integer, int[][]> zt : tiles.entrySet()) {
                    int z = zt.getKey();
                    for (int[] t : zt.getValue()) {
                        cold.computeIfAbsent(z, k -> new ArrayList<>()).add(get(app.port(), tilePath(z, t), token, null).ms());
                    }
                    for (int[] t : zt.getValue()) {
                        sql.computeIfAbsent(z, k -> new ArrayList<>()).add(pg.tile(z, t[0], t[1], vn.anttmap.service.PublishService.clusterUnits("incidents", z)).ms());
                    }
                }
                if (round < TILE_ROUNDS - 1) {
                    continue;
                }
                for (Map.Entry<Integer, int[][]> zt : tiles.entrySet()) {
                    int z = zt.getKey();
                    int[][] ts = zt.getValue();
                    for (int k = 0; k < 500; k++) {
                        get(app.port(), tilePath(z, ts[k % ts.length]), token, null);
                    }
                    for (int k = 0; k < 200; k++) {
                        cached.computeIfAbsent(z, x -> new ArrayList<>()).add(get(app.port(), tilePath(z, ts[k % ts.length]), token, null).ms());
                    }
                    Map<String, String> etags = new LinkedHashMap<>();
                    for (int[] t : ts) {
                        Timed got = get(app.port(), tilePath(z, t), token, null);
                        etags.put(tilePath(z, t), got.etag());
                        tileBytes.merge(z, got.bytes(), Math::max);
                    }
                    for (int k = 0; k < 200; k++) {
                        String path = tilePath(z, ts[k % ts.length]);
                        revalidated.computeIfAbsent(z, x -> new ArrayList<>()).add(get(app.port(), path, token, etags.get(path)).ms());
                    }
                }
            } finally {
                app.stop();
            }
        }
        for (int z : tiles.keySet()) {
            double coldP50 = p50(cold.get(z));
            double sqlP50 = p50(sql.get(z));
            double cachedP50 = p50(cached.get(z));
            int n = tiles.get(z).length;
            figures.add(Figure.of("z" + z + " tile, cold", coldP50, "ms (p50)", sqlP50, "lower",
                    z == 14 ? "no slower than ST_AsMVT" : "(no target)", z == 14 ? coldP50 <= sqlP50 : null,
                    String.format(Locale.ROOT, "%d tile(s) holding incidents × %d rounds, each tile cold once per round (a fresh "
                            + "server), through HTTP with a bearer token; the SQL column is the bare ST_AsMVT query on the same "
                            + "tiles with the same attributes and the same points (those within the tile and its 1/16 buffer, "
                            + "selected as Martin does with ST_TileEnvelope's margin), no HTTP, no access policy; both after one "
                            + "untimed pass of the bare "
                            + "query over the tiles (the same database-cache state); ours after the server is warmed on "
                            + "%d other, distinct tiles (zoom 14 and 15) each round; %s%s", n,
                            TILE_ROUNDS, warm14.size(), z < vn.anttmap.service.PublishService.JAVA_TILES_FROM_ZOOM
                                    ? String.format(Locale.ROOT, "below zoom %d points come gathered into cells of %d/4096 of "
                                            + "the tile (4 pixels; a cell's only point as it is, several as one with "
                                            + "point_count), the SQL grouping them the same way; ours has PostGIS gather "
                                            + "and encode the tile (the access policy as its filter; each point's tile "
                                            + "unit by arithmetic on its lon/lat, no geometry made per point; values "
                                            + "read back and written out for single points only), the SQL runs "
                                            + "ST_AsMVTGeom on every point; the tile is %,d bytes (every point, as at "
                                            + "zoom 12 and above, made it 15.8 MB)", vn.anttmap.service.PublishService.EVERY_POINT_FROM_ZOOM,
                                            vn.anttmap.service.PublishService.CLUSTER_UNITS, tileBytes.getOrDefault(z, 0))
                                    : "ours reads each record's point and values (no sort, no geometry object), keeps those "
                                    + "the access policy lets the asker see and encodes them in Java",
                            z == 14 && coldP50 > sqlP50 ? String.format(Locale.ROOT, "; missed by %.2f ms: ours reads the "
                                    + "tile's records, every value crossing from PostgreSQL to Java, checks each against the "
                                    + "access policy, then sends the tile over HTTP; the bare "
                                    + "query has PostGIS encode the rows where it reads them, with a parallel worker on the "
                                    + "second core", coldP50 - sqlP50) : "")));
            figures.add(Figure.of("z" + z + " tile, cached", cachedP50, "ms (p50)", sqlP50, "lower", "p50 ≤ 2 ms",
                    cachedP50 <= 2, String.format(Locale.ROOT, "200 requests over the same %d tile(s) from a warm keep-alive "
                            + "HTTP/1.1 client (HttpURLConnection, after 500 untimed requests), answered in full (200) from the tile cache; revalidation with If-None-Match "
                            + "(304, as a map client with the tile in its own cache): p50 %.2f ms%s", n, p50(revalidated.get(z)),
                            cachedP50 <= 2 ? "" : String.format(Locale.ROOT, "; missed: the tile is %,d bytes, and sending "
                                    + "them is the time (the 304 shows what a request costs without them)", tileBytes.getOrDefault(z, 0)))));
        }
    }

    /** How much higher the second half of the readings rose than the first half (negative: less high). */
    static long growthMiB(List<Long> readings) {
        int half = readings.size() / 2;
        return readings.subList(half, readings.size()).stream().mapToLong(Long::longValue).max().orElse(0)
                - readings.subList(0, half).stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private static String tilePath(int z, int[] t) {
        return "/tiles/incidents/" + z + "/" + t[0] + "/" + t[1] + ".mvt";
    }

    private static int[][] neighbours(int z, double lon, double lat) {
        int n = 1 << z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        double r = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
        List<int[]> out = new ArrayList<>();
        for (int dx = -1; dx <= 1; dx++) {
            for (int dy = -1; dy <= 1; dy++) {
                out.add(new int[]{x + dx, y + dy});
            }
        }
        return out.toArray(int[][]::new);
    }

    private record Timed(double ms, String etag, int bytes) {
    }

    /** A GET with the bearer token, timed; 200 expected, or 304 when {@code ifNoneMatch} is given. */
    /**
     * One tile request, timed from sending to the last byte read, over a kept-alive HTTP/1.1 connection. Through
     * java.net.HttpURLConnection, a lean blocking client like a map client's: java.net.http.HttpClient added about a
     * millisecond of its own per request here (a cached tile: 2.5 ms through it, 0.8 ms through curl).
     */
    private Timed get(int port, String path, String token, String ifNoneMatch) throws Exception {
        long t0 = System.nanoTime();
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
        c.setRequestProperty("Authorization", "Bearer " + token);
        if (ifNoneMatch != null) {
            c.setRequestProperty("If-None-Match", ifNoneMatch);
        }
        int status = c.getResponseCode();
        int bytes = 0;
        if (status == 200) {
            try (java.io.InputStream in = c.getInputStream()) {
                bytes = in.readAllBytes().length;
            }
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        if (status != (ifNoneMatch == null ? 200 : 304)) {
            throw new IllegalStateException(path + " answered " + status);
        }
        return new Timed(ms, c.getHeaderField("ETag"), bytes);
    }

    private static double p50(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length == 0 ? 0 : a[a.length / 2];
    }

    private String token() {
        String name = "bench-admin";
        if (services.store().account(name).isEmpty()) {
            char[] pw = java.util.UUID.randomUUID().toString().toCharArray();
            services.auth().addUser(name, Account.Role.ADMIN, null, pw);
        }
        return services.auth().createToken(name, "bench " + OffsetDateTime.now());
    }

    // ---------------------------------------------------------------- OGC items from a server with -Xmx512m

    private void ogcFigure() throws Exception {
        String token = token();
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "vn.anttmap.cli.Main", "serve", "--no-demo", "--port", Integer.toString(port), "--db", config.dbUrl()));
        if (config.dbUser() != null) {
            cmd.addAll(List.of("--db-user", config.dbUser()));
        }
        step("streaming every incident through OGC items (limit 10,000, next links) from a server started with -Xmx512m");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(outDir.resolve("ogc-server.log").toFile());
        if (config.dbPassword() != null) {
            pb.environment().put("ANTT_DB_PASSWORD", config.dbPassword());
        }
        Process server = pb.start();
        try {
            waitFor(port, "/healthz", 60);
            String first = "http://127.0.0.1:" + port + "/ogc/collections/incidents/items?limit=10000";
            String next = first;
            long features = 0;
            // At least a million features: a smaller collection (the province's 200,000) is streamed again from its
            // first page until a million have gone through.
            long inCollection = services.store().counts().get(Layer.INCIDENTS);
            int passes = (int) Math.max(1, (1_000_000 + inCollection - 1) / Math.max(1, inCollection));
            long total = inCollection * passes;
            int pass = 1;
            List<Long> rss = new ArrayList<>();
            long t0 = System.nanoTime();
            long nextSample = total / 10;
            byte[] drain = new byte[1 << 16];
            while (next != null) {
                // A streaming client: the head is kept (the counts and links come before the features), the rest of
                // the page is read through and dropped, over one kept-alive connection.
                java.net.HttpURLConnection c = (java.net.HttpURLConnection) URI.create(next).toURL().openConnection();
                c.setRequestProperty("Authorization", "Bearer " + token);
                c.setRequestProperty("Accept", "application/geo+json"); // its default Accept would be answered with HTML
                if (c.getResponseCode() != 200) {
                    throw new IllegalStateException(next + " answered " + c.getResponseCode());
                }
                String head;
                try (java.io.InputStream in = c.getInputStream()) {
                    head = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
                    while (in.read(drain) >= 0) {
                        // read through
                    }
                }
                var returned = java.util.regex.Pattern.compile("\"numberReturned\":(\\d+)").matcher(head);
                if (!returned.find()) {
                    throw new IllegalStateException(next + " has no numberReturned");
                }
                features += Long.parseLong(returned.group(1));
                var link = java.util.regex.Pattern.compile("\"href\":\"([^\"]+)\",\"rel\":\"next\"").matcher(head);
                next = link.find() ? link.group(1) : null;
                if (next == null && pass < passes) {
                    pass++;
                    next = first;
                }
                if (features >= nextSample) {
                    rss.add(rssMiB(server.pid()));
                    nextSample += total / 10;
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            double rate = features / s;
            // The first tenth includes the server's warm-up (JIT, pools); flat means no growth after it: the second
            // half of the readings rises no higher than the first half did. (A spread would also count the collector
            // giving heap back and taking it again: one run read 386, 336, 278, 298, 415 MiB, no growth.)
            List<Long> after = rss.size() > 1 ? rss.subList(1, rss.size()) : rss;
            long min = after.stream().mapToLong(Long::longValue).min().orElse(0);
            long max = after.stream().mapToLong(Long::longValue).max().orElse(0);
            long growth = growthMiB(after);
            figures.add(Figure.of("OGC items, streaming a million features or more", rate, "features/s", null, "higher",
                    "≥ 100,000 features/s with -Xmx512m, memory flat", rate >= 100_000 && growth < 64,
                    String.format(Locale.ROOT, "%,d features (%s) in %.1f s through pages of 10,000; server RSS %s MiB at "
                            + "each tenth (after the first tenth: the second half's highest %+d MiB from the first half's, "
                            + "spread %d MiB); pages read by id from the database (keyset), never the whole layer%s",
                            features, passes == 1 ? "every incident" : String.format(Locale.ROOT, "the %,d incidents %d times",
                                    inCollection, passes), s, rss, growth, max - min,
                            rate >= 100_000 ? "" : String.format(Locale.ROOT, "; missed by %.0f %%: each page is one HTTP "
                                    + "round trip, a database query and a JSON encoding in turn, on one client thread",
                                    100 * (1 - rate / 100_000)))));
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    // ---------------------------------------------------------------- export

    /**
     * Every incident exported in each format, in features per second, beside GDAL's ogr2ogr writing the same format
     * from the same PostGIS table (what a GIS analyst would run); then the GeoPackage export of the incidents from a
     * separate process with -Xmx256m, which a layer held in memory would not fit into at the province's scale.
     */
    private void exportFigures() throws Exception {
        long n = services.store().counts().get(Layer.INCIDENTS);
        java.util.Optional<Path> ogr2ogr = java.util.Optional.ofNullable(System.getenv("PATH")).stream()
                .flatMap(p -> java.util.Arrays.stream(p.split(java.io.File.pathSeparator)))
                .map(d -> Path.of(d, "ogr2ogr")).filter(Files::isExecutable).findFirst();
        Path dir = Files.createTempDirectory("antt-bench-export-");
        try {
            for (vn.anttmap.service.ExportService.Format format : vn.anttmap.service.ExportService.Format.values()) {
                step("exporting " + n + " incidents as " + format.extension + (ogr2ogr.isPresent() ? ", and with ogr2ogr" : ""));
                Path ours = dir.resolve("ours." + format.extension);
                List<Double> runs = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    long t0 = System.nanoTime();
                    try (java.io.OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(ours), 1 << 16)) {
                        services.exports().export(List.of("incidents"), format, o);
                    }
                    runs.add((System.nanoTime() - t0) / 1e9);
                }
                double s = median(runs);
                Double theirs = null;
                String how = String.format(Locale.ROOT, "median of 3 runs, %.1f s, %,d bytes", s, Files.size(ours));
                if (ogr2ogr.isPresent()) {
                    String driver = switch (format) {
                        case GPKG -> "GPKG";
                        case GEOJSON -> "GeoJSON";
                        case KML -> "KML";
                        case FGB -> "FlatGeobuf";
                        case CSV -> "CSV";
                    };
                    List<Double> gdal = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        Path theirsFile = dir.resolve("gdal." + format.extension);
                        Files.deleteIfExists(theirsFile);
                        List<String> cmd = new ArrayList<>(List.of(ogr2ogr.get().toString(), "-f", driver, theirsFile.toString(),
                                pgConnection(), Layer.INCIDENTS.table(), "-nln", "incidents"));
                        if (format == vn.anttmap.service.ExportService.Format.CSV) {
                            cmd.addAll(List.of("-lco", "GEOMETRY=AS_WKT"));
                        }
                        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                                .redirectOutput(dir.resolve("ogr2ogr.log").toFile());
                        String password = config.dbPassword() != null ? config.dbPassword() : urlParameter("password");
                        if (password != null) {
                            pb.environment().put("PGPASSWORD", password);
                        }
                        long t0 = System.nanoTime();
                        Process p = pb.start();
                        if (!p.waitFor(30, java.util.concurrent.TimeUnit.MINUTES) || p.exitValue() != 0) {
                            throw new IllegalStateException("ogr2ogr failed: " + Files.readString(dir.resolve("ogr2ogr.log")));
                        }
                        gdal.add((System.nanoTime() - t0) / 1e9);
                    }
                    theirs = n / median(gdal);
                    how += String.format(Locale.ROOT, "; ogr2ogr -f %s from the PostGIS table: %.1f s (its process start included)",
                            driver, median(gdal));
                }
                figures.add(Figure.of("export " + format.extension + ", every incident", n / s, "features/s", theirs,
                        "higher", "–", null, how));
            }
            step("exporting every incident as GeoPackage from a process with -Xmx256m");
            Path f = dir.resolve("small-heap.gpkg");
            List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    "vn.anttmap.cli.Main", "export", "--layer", "incidents", "--out", f.toString(), "--db", config.dbUrl()));
            if (config.dbUser() != null) {
                cmd.addAll(List.of("--db-user", config.dbUser()));
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("export.log").toFile());
            if (config.dbPassword() != null) {
                pb.environment().put("ANTT_DB_PASSWORD", config.dbPassword());
            }
            long t0 = System.nanoTime();
            Process p = pb.start();
            boolean ok = p.waitFor(30, java.util.concurrent.TimeUnit.MINUTES) && p.exitValue() == 0;
            double s = (System.nanoTime() - t0) / 1e9;
            figures.add(Figure.of("export gpkg, every incident, -Xmx256m process", ok ? n / s : 0, "features/s", null, "higher",
                    "completes with a 256 MiB heap", ok, String.format(Locale.ROOT, "%.1f s with the process start; %s", s,
                            ok ? String.format(Locale.ROOT, "%,d bytes", Files.size(f)) : "failed: "
                                    + Files.readString(dir.resolve("export.log")).lines().limit(5).toList())));
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
            }
        }
    }

    /** GDAL's connection string for the bench's database, from its JDBC URL (the password goes by PGPASSWORD). */
    private String pgConnection() {
        java.net.URI u = URI.create(config.dbUrl().substring("jdbc:".length()));
        StringBuilder sb = new StringBuilder("PG:host=" + u.getHost() + " port=" + (u.getPort() < 0 ? 5432 : u.getPort())
                + " dbname=" + u.getPath().substring(1));
        String user = config.dbUser() != null ? config.dbUser() : urlParameter("user");
        if (user != null) {
            sb.append(" user=").append(user);
        }
        return sb.toString();
    }

    /** A parameter of the JDBC URL's query ({@code ?user=…&password=…}), or null. */
    private String urlParameter(String name) {
        String query = URI.create(config.dbUrl().substring("jdbc:".length())).getRawQuery();
        if (query != null) {
            for (String kv : query.split("&")) {
                if (kv.startsWith(name + "=")) {
                    return java.net.URLDecoder.decode(kv.substring(name.length() + 1), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- planner

    private void plannerFigures() {
        String ward = ScaleGenerator.wardId(0);
        step("planner on ward " + ward + ": greedy with 1-exchange and its bound (LP relaxation, GLOP), and the exact optimum (CP-SAT)");
        // OR-Tools' native library (GLOP for the greedy's bound, CP-SAT for the exact) loads once per process; timed apart.
        long t0 = System.nanoTime();
        boolean orTools = vn.anttmap.siting.ExactSolver.available();
        double loadS = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        PlanService.Result greedy = services.planner().plan(new PlanService.Request(ward, 10, null, null, null, null, null,
                null, null, null, null, null, null, "greedy", ScaleGenerator.LAST_DAY));
        double greedyS = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        PlanService.Result exact = services.planner().plan(new PlanService.Request(ward, 10, null, null, null, null, null,
                null, null, null, null, null, null, "exact", ScaleGenerator.LAST_DAY));
        double exactS = (System.nanoTime() - t0) / 1e9;
        // Below the optimum by at most (bound − value) / value, with the smallest proven upper bound on the optimum:
        // the greedy's (its own or the LP relaxation's, whichever is smaller) or the exact solver's (its optimum when
        // proved, plus the rounding of the weights it solves with).
        double bound = Math.min(greedy.upperBound(), exact.upperBound());
        double below = greedy.coveredAfter() <= 0 ? 0 : Math.max(0, (bound - greedy.coveredAfter()) / greedy.coveredAfter());
        String certifiedBy = exact.upperBound() < greedy.upperBound() ? "the exact solver's bound"
                : greedy.method().contains("LP bound") ? "the LP relaxation (GLOP, a Lagrangian bound from its duals)"
                : "the greedy's own bound";
        figures.add(Figure.of("planner, one ward, 10 cameras", 100 * below, "% below the optimum (at most)",
                null, "lower", "within 1 % of the exact optimum", below <= 0.01 + 1e-9,
                String.format(Locale.ROOT, "greedy %.2f s (%s; covered %.4f, bound %.4f); exact CP-SAT %.2f s (covered %.4f, "
                                + "%s); certified by %s: (bound − covered) / covered; OR-Tools' native library %s in %.2f s before these "
                                + "timings%s",
                        greedyS, greedy.method(), greedy.coveredAfter(), greedy.upperBound(), exactS, exact.coveredAfter(),
                        exact.optimal() ? "proved optimal" : String.format(Locale.ROOT, "stopped at its time limit, bound %.4f", exact.upperBound()),
                        certifiedBy, orTools ? "loaded" : "failed to load", loadS,
                        below <= 0.01 + 1e-9 ? "" : String.format(Locale.ROOT, "; missed by %.1f points", 100 * below - 1))));
        if (scale == ScaleGenerator.Scale.NATIONAL) {
            figures.add(Figure.of("planner, 20 cameras on the whole province", 0, "s", null, "lower",
                    "≤ 10 s, within 5 % of its bound", null, "measured at province scale (run bench --scale province)"));
            return;
        }
        step("planner, 20 cameras over every ward at once (ward *)");
        t0 = System.nanoTime();
        PlanService.Result all = services.planner().plan(new PlanService.Request("*", 20, null, null, null, null, null,
                null, null, null, null, null, null, "greedy", ScaleGenerator.LAST_DAY));
        double allS = (System.nanoTime() - t0) / 1e9;
        figures.add(Figure.of("planner, 20 cameras on the whole " + scale.id(), allS, "s", null, "lower",
                "≤ 10 s, within 5 % of its bound", allS <= 10 && all.gap() <= 0.05,
                String.format(Locale.ROOT, "lazy greedy over %,d candidate sites (%,d sector options) and %,d demand points "
                        + "of %d wards; covered %.2f, its upper bound %.2f: within %.2f %% of it", all.candidateSites(),
                        all.options(), all.demandPoints(), scale.wards, all.coveredAfter(), all.upperBound(), 100 * all.gap())));
    }

    // ---------------------------------------------------------------- the demo's start

    private void startupFigure() throws Exception {
        Path dir = Files.createTempDirectory("antt-bench-demo");
        int port = freePort();
        step("starting the demo service with -Xmx256m on an empty data directory");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(javaBin(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), "vn.anttmap.cli.Main",
                "serve", "--data-dir", dir.toString(), "--port", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(outDir.resolve("demo-server.log").toFile()).start();
        try {
            waitFor(port, "/api/v1/config", 60);
            double s = (System.nanoTime() - t0) / 1e9;
            figures.add(Figure.of("demo service starts and answers, -Xmx256m", s, "s", null, "lower", "< 5 s", s < 5,
                    "from process start, loading the Hải Hòa demo into an empty embedded store, to the first answer of "
                            + "/api/v1/config"));
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    // ---------------------------------------------------------------- helpers and report

    private void waitFor(int port, String path, int seconds) throws Exception {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < until) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not up yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the server on port " + port + " did not answer " + path + " within " + seconds + " s");
    }

    private static int freePort() throws java.io.IOException {
        try (var s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static long rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // not on Linux
        }
        return -1;
    }

    private void report() throws Exception {
        StringBuilder md = new StringBuilder();
        md.append("# ANTT Map bench: ").append(scale.id()).append("\n\n");
        md.append(String.format(Locale.ROOT, "Data: %,d wards, %,d areas, %,d cameras, %,d incidents (synthetic, seed %d). ",
                scale.wards, scale.areas(), scale.cameras(), scale.incidents(), seed));
        md.append(String.format(Locale.ROOT, "Machine: %d cores, Java %s, %s. Run on %s.%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("os.name"), LocalDate.now()));
        md.append("| figure | ANTT Map | PostGIS SQL | ratio (× better) | target | met | how |\n|---|---|---|---|---|---|---|\n");
        for (Figure f : figures) {
            md.append(String.format(Locale.ROOT, "| %s | %s %s | %s | %s | %s | %s | %s |%n", f.name(), num(f.ours()), f.unit(),
                    f.postgis() == null ? "–" : num(f.postgis()) + " " + f.unit(), f.ratio() == null ? "–" : String.format(Locale.ROOT, "%.2f", f.ratio()),
                    f.target(), f.met() == null ? "–" : f.met() ? "yes" : "no", f.note().replace("|", "/")));
        }
        Path mdFile = outDir.resolve("bench-" + scale.id() + ".md");
        Files.writeString(mdFile, md, StandardCharsets.UTF_8);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scale", scale.id());
        json.put("seed", seed);
        json.put("date", LocalDate.now().toString());
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("java", System.getProperty("java.version"));
        json.put("figures", figures);
        Path jsonFile = outDir.resolve("bench-" + scale.id() + ".json");
        vn.anttmap.io.ScoreJson.mapper().writerWithDefaultPrettyPrinter().writeValue(jsonFile.toFile(), json);
        out.println();
        out.printf("%-48s %14s %14s %8s %5s%n", "figure", "ANTT Map", "PostGIS SQL", "ratio", "met");
        for (Figure f : figures) {
            out.printf(Locale.ROOT, "%-48s %14s %14s %8s %5s  %s%n", f.name(), num(f.ours()), f.postgis() == null ? "–" : num(f.postgis()),
                    f.ratio() == null ? "–" : String.format(Locale.ROOT, "%.2f×", f.ratio()), f.met() == null ? "–" : f.met() ? "yes" : "no", f.unit());
        }
        out.println("wrote " + mdFile + " and " + jsonFile);
    }

    private static String num(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

}
