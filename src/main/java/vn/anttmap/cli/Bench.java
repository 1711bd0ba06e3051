package vn.anttmap.cli;

import vn.anttmap.App;
import vn.anttmap.config.StoreConfig;
import vn.anttmap.demo.ScaleGenerator;
import vn.anttmap.model.Account;
import vn.anttmap.model.Layer;
import vn.anttmap.service.PlanService;
import vn.anttmap.service.ScaleLoader;
import vn.anttmap.store.postgis.PostgisBaseline;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
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
 *
 * <p>This class drives the run (the import, the parts asked for, the report) and holds the helpers the parts share;
 * the parts' figures are made in {@link BenchScoring}, {@link BenchKept}, {@link BenchTiles}, {@link BenchServer},
 * {@link BenchExport} and {@link BenchDashboard}, on a {@link Context}.
 */
final class Bench {
    private final Context ctx;
    private final java.util.Set<Part> only;
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    /**
     * What the parts of the bench share: the services over the store, its configuration, the data set's scale and
     * seed, where the reports go, the areas timed for coverage, the output, the figures so far (in the order of the
     * report) and an HTTP client.
     */
    record Context(App.Services services, StoreConfig config, ScaleGenerator.Scale scale, long seed, Path outDir,
                   int coverageAreas, PrintWriter out, List<Figure> figures, HttpClient http) {

        /** Prints the step about to be run. */
        void step(String what) {
            out.println("… " + what);
            out.flush();
        }
    }

    /** The parts of the bench, each to be run alone with {@code --only}. */
    enum Part {
        IMPORT, SCORING, COVERAGE, KEPT, TILES, DASHBOARD, OGC, EXPORT, PLANNER, STARTUP;

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
        // HTTP/1.1 with keep-alive, as a map client talks to a tile server (no h2c upgrade attempt on plain http).
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.ctx = new Context(services, config, scale, seed, outDir, coverageAreas, out, new ArrayList<>(), http);
    }

    void run() throws Exception {
        Path outDir = ctx.outDir();
        PrintWriter out = ctx.out();
        ScaleGenerator.Scale scale = ctx.scale();
        Files.createDirectories(outDir);
        out.println("ANTT Map bench, scale " + scale.id() + ": " + scale.wards + " wards, " + scale.areas() + " areas, "
                + scale.cameras() + " cameras, " + scale.incidents() + " incidents; store " + ctx.services().store().describe());
        out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, Java " + System.getProperty("java.version"));
        try (PostgisBaseline pg = new PostgisBaseline(ctx.config().dbUrl(), ctx.config().dbUser(), ctx.config().dbPassword())) {
            importFigures(pg); // always: it brings the data set in when the database is empty
            if (only.contains(Part.SCORING)) {
                new BenchScoring(ctx).scoringFigure(pg);
            }
            if (only.contains(Part.COVERAGE)) {
                new BenchScoring(ctx).coverageFigure(pg);
            }
            if (only.contains(Part.KEPT)) {
                new BenchKept(ctx).keptFigures(pg);
            }
            if (only.contains(Part.TILES)) {
                new BenchTiles(ctx).tileFigures(pg);
            }
            if (only.contains(Part.DASHBOARD)) {
                new BenchDashboard(ctx).dashboardFigures(pg);
            }
        }
        if (only.contains(Part.OGC)) {
            new BenchServer(ctx).ogcFigure();
        }
        if (only.contains(Part.EXPORT)) {
            new BenchExport(ctx).exportFigures();
        }
        if (only.contains(Part.PLANNER)) {
            plannerFigures();
        }
        if (only.contains(Part.STARTUP)) {
            new BenchServer(ctx).startupFigure();
        }
        report();
    }

    // ---------------------------------------------------------------- import

    private void importFigures(PostgisBaseline pg) throws Exception {
        long wards = ctx.services().store().counts().get(Layer.WARDS);
        ScaleGenerator gen = new ScaleGenerator(ctx.scale(), ctx.seed());
        if (wards == 0) {
            // As on a running service whose areas have been scored: every incident written from now on also adds to
            // its area's counts for the year, in the same transaction.
            ctx.step("keeping each area's incident counts for " + ScaleGenerator.YEAR + " (scoring's), from the first incident on");
            ctx.services().scoring().keepCounts(ScaleGenerator.YEAR);
            ctx.step("generating and importing (ANTT Map: checks every field, assigns every point to its area and ward, "
                    + "adds to the kept counts)");
            List<ScaleLoader.Timing> timings = ScaleLoader.load(ctx.services().importer(), gen, ctx.out());
            ScaleLoader.Timing incidents = timings.stream().filter(t -> t.layer() == Layer.INCIDENTS).findFirst().orElseThrow();
            ctx.step("the same incidents by hand in PostGIS: COPY into a table, then UPDATE … FROM area WHERE ST_Contains");
            PostgisBaseline.Timed<Long> sql = pg.importAndAssign(ctx.outDir());
            double sqlRate = sql.value() / (sql.ms() / 1000);
            double ours = incidents.perSecond();
            ctx.figures().add(Figure.of("import incidents into PostGIS", ours, "incidents/s", sqlRate, "higher",
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
                ctx.out().printf(Locale.ROOT, "  %-10s %,10d in %7.1f s (%,.0f/s)%n", t.layer().apiName(), t.records(), t.seconds(), t.perSecond());
            }
        } else if (wards == ctx.scale().wards) {
            ctx.step("the store already holds the " + ctx.scale().id() + " data set; import not timed");
            if (!only.contains(Part.IMPORT)) {
                return;
            }
            ctx.figures().add(Figure.of("import incidents into PostGIS", 0, "incidents/s", null, "higher", "≥ 50,000 incidents/s",
                    null, "not measured: the data set was already in the database (run on an empty one to time it)"));
        } else {
            throw new IllegalArgumentException("the database holds " + wards + " wards, not the " + ctx.scale().wards
                    + " of scale " + ctx.scale().id() + "; use an empty database");
        }
    }

    // ---------------------------------------------------------------- planner

    private void plannerFigures() {
        String ward = ScaleGenerator.wardId(0);
        ctx.step("planner on ward " + ward + ": greedy with 1-exchange and its bound (LP relaxation, GLOP), and the exact optimum (CP-SAT)");
        // OR-Tools' native library (GLOP for the greedy's bound, CP-SAT for the exact) loads once per process; timed apart.
        long t0 = System.nanoTime();
        boolean orTools = vn.anttmap.siting.ExactSolver.available();
        double loadS = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        PlanService.Result greedy = ctx.services().planner().plan(new PlanService.Request(ward, 10, null, null, null, null, null,
                null, null, null, null, null, null, "greedy", ScaleGenerator.LAST_DAY));
        double greedyS = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        PlanService.Result exact = ctx.services().planner().plan(new PlanService.Request(ward, 10, null, null, null, null, null,
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
        ctx.figures().add(Figure.of("planner, one ward, 10 cameras", 100 * below, "% below the optimum (at most)",
                null, "lower", "within 1 % of the exact optimum", below <= 0.01 + 1e-9,
                String.format(Locale.ROOT, "greedy %.2f s (%s; covered %.4f, bound %.4f); exact CP-SAT %.2f s (covered %.4f, "
                                + "%s); certified by %s: (bound − covered) / covered; OR-Tools' native library %s in %.2f s before these "
                                + "timings%s",
                        greedyS, greedy.method(), greedy.coveredAfter(), greedy.upperBound(), exactS, exact.coveredAfter(),
                        exact.optimal() ? "proved optimal" : String.format(Locale.ROOT, "stopped at its time limit, bound %.4f", exact.upperBound()),
                        certifiedBy, orTools ? "loaded" : "failed to load", loadS,
                        below <= 0.01 + 1e-9 ? "" : String.format(Locale.ROOT, "; missed by %.1f points", 100 * below - 1))));
        if (ctx.scale() == ScaleGenerator.Scale.NATIONAL) {
            ctx.figures().add(Figure.of("planner, 20 cameras on the whole province", 0, "s", null, "lower",
                    "≤ 10 s, within 5 % of its bound", null, "measured at province scale (run bench --scale province)"));
            return;
        }
        ctx.step("planner, 20 cameras over every ward at once (ward *)");
        t0 = System.nanoTime();
        PlanService.Result all = ctx.services().planner().plan(new PlanService.Request("*", 20, null, null, null, null, null,
                null, null, null, null, null, null, "greedy", ScaleGenerator.LAST_DAY));
        double allS = (System.nanoTime() - t0) / 1e9;
        ctx.figures().add(Figure.of("planner, 20 cameras on the whole " + ctx.scale().id(), allS, "s", null, "lower",
                "≤ 10 s, within 5 % of its bound", allS <= 10 && all.gap() <= 0.05,
                String.format(Locale.ROOT, "lazy greedy over %,d candidate sites (%,d sector options) and %,d demand points "
                        + "of %d wards; covered %.2f, its upper bound %.2f: within %.2f %% of it", all.candidateSites(),
                        all.options(), all.demandPoints(), ctx.scale().wards, all.coveredAfter(), all.upperBound(), 100 * all.gap())));
    }

    // ---------------------------------------------------------------- report

    private void report() throws Exception {
        StringBuilder md = new StringBuilder();
        md.append("# ANTT Map bench: ").append(ctx.scale().id()).append("\n\n");
        md.append(String.format(Locale.ROOT, "Data: %,d wards, %,d areas, %,d cameras, %,d incidents (synthetic, seed %d). ",
                ctx.scale().wards, ctx.scale().areas(), ctx.scale().cameras(), ctx.scale().incidents(), ctx.seed()));
        md.append(String.format(Locale.ROOT, "Machine: %d cores, Java %s, %s. Run on %s.%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("os.name"), LocalDate.now()));
        md.append("| figure | ANTT Map | PostGIS SQL | ratio (× better) | target | met | how |\n|---|---|---|---|---|---|---|\n");
        for (Figure f : ctx.figures()) {
            md.append(String.format(Locale.ROOT, "| %s | %s %s | %s | %s | %s | %s | %s |%n", f.name(), num(f.ours()), f.unit(),
                    f.postgis() == null ? "–" : num(f.postgis()) + " " + f.unit(), f.ratio() == null ? "–" : String.format(Locale.ROOT, "%.2f", f.ratio()),
                    f.target(), f.met() == null ? "–" : f.met() ? "yes" : "no", f.note().replace("|", "/")));
        }
        Path mdFile = ctx.outDir().resolve("bench-" + ctx.scale().id() + ".md");
        Files.writeString(mdFile, md, StandardCharsets.UTF_8);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scale", ctx.scale().id());
        json.put("seed", ctx.seed());
        json.put("date", LocalDate.now().toString());
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("java", System.getProperty("java.version"));
        json.put("figures", ctx.figures());
        Path jsonFile = ctx.outDir().resolve("bench-" + ctx.scale().id() + ".json");
        vn.anttmap.io.ScoreJson.mapper().writerWithDefaultPrettyPrinter().writeValue(jsonFile.toFile(), json);
        ctx.out().println();
        ctx.out().printf("%-48s %14s %14s %8s %5s%n", "figure", "ANTT Map", "PostGIS SQL", "ratio", "met");
        for (Figure f : ctx.figures()) {
            ctx.out().printf(Locale.ROOT, "%-48s %14s %14s %8s %5s  %s%n", f.name(), num(f.ours()), f.postgis() == null ? "–" : num(f.postgis()),
                    f.ratio() == null ? "–" : String.format(Locale.ROOT, "%.2f×", f.ratio()), f.met() == null ? "–" : f.met() ? "yes" : "no", f.unit());
        }
        ctx.out().println("wrote " + mdFile + " and " + jsonFile);
    }

    private static String num(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    // ---------------------------------------------------------------- helpers the parts share

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        java.util.Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static double p50(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length == 0 ? 0 : a[a.length / 2];
    }

    /** How much higher the second half of the readings rose than the first half (negative: less high). */
    static long growthMiB(List<Long> readings) {
        int half = readings.size() / 2;
        return readings.subList(half, readings.size()).stream().mapToLong(Long::longValue).max().orElse(0)
                - readings.subList(0, half).stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** A token of an admin of {@code s}'s store. */
    static String tokenOf(App.Services s) {
        String name = "bench-admin";
        if (s.store().account(name).isEmpty()) {
            s.auth().addUser(name, Account.Role.ADMIN, null, java.util.UUID.randomUUID().toString().toCharArray());
        }
        return s.auth().createToken(name, "bench " + OffsetDateTime.now());
    }

    record Timed(double ms, String etag, int bytes) {
    }

    /** A GET with the bearer token, timed; 200 expected, or 304 when {@code ifNoneMatch} is given. */
    /**
     * One tile request, timed from sending to the last byte read, over a kept-alive HTTP/1.1 connection. Through
     * java.net.HttpURLConnection, a lean blocking client like a map client's: java.net.http.HttpClient added about a
     * millisecond of its own per request here (a cached tile: 2.5 ms through it, 0.8 ms through curl).
     */
    static Timed get(int port, String path, String token, String ifNoneMatch) throws Exception {
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

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
