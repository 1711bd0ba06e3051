package vn.anttmap.cli;

import io.javalin.Javalin;
import vn.anttmap.demo.ScaleGenerator;
import vn.anttmap.model.IncidentFigures;
import vn.anttmap.model.Layer;
import vn.anttmap.store.postgis.PostgisBaseline;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bench's dashboard figures: {@code GET /api/v1/dashboard} of the data set's province (every ward of it: 200 at
 * province scale, 3,000 nationally) through HTTP, warm (the answer kept) and cold (the first request after a write:
 * every area scored from the kept counts, both windows' incident figures and the cameras counted by the database),
 * beside the same incident and camera figures by hand-written SQL (spatial joins, {@link PostgisBaseline#dashboard}).
 */
final class BenchDashboard {
    /** Timed runs of each side (the median reported). */
    static final int ROUNDS = 5;
    /** Requests timed for the warm figure. */
    static final int WARM_REQUESTS = 200;

    private final Bench.Context ctx;

    BenchDashboard(Bench.Context ctx) {
        this.ctx = ctx;
    }

    void dashboardFigures(PostgisBaseline pg) throws Exception {
        int year = ScaleGenerator.YEAR;
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = LocalDate.of(year, 12, 31);
        String scope = "province:" + ScaleGenerator.PROVINCE;
        List<String> wards = pg.ids("SELECT id FROM ward WHERE lower(province) = lower('" + ScaleGenerator.PROVINCE.replace("'", "''")
                + "') ORDER BY id");
        String path = "/api/v1/dashboard?year=" + year + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8).replace("+", "%20");
        String label = ctx.scale() == ScaleGenerator.Scale.NATIONAL ? "the national set" : "a province";
        String target = ctx.scale() == ScaleGenerator.Scale.NATIONAL ? "≤ 2 s" : "≤ 300 ms";
        double targetMs = ctx.scale() == ScaleGenerator.Scale.NATIONAL ? 2000 : 300;
        String token = Bench.tokenOf(ctx.services());
        vn.anttmap.store.FeatureStore store = ctx.services().store();
        vn.anttmap.model.Feature incident = store.page(Layer.INCIDENTS, vn.anttmap.model.FeatureQuery.ALL, null, 1).get(0);

        ctx.step("the store's per-ward figures of " + wards.size() + " wards, both windows, alone (" + ROUNDS + " runs after one)");
        List<Double> storeRuns = new ArrayList<>();
        IncidentFigures ours = null;
        for (int round = 0; round <= ROUNDS; round++) {
            long t0 = System.nanoTime();
            ours = store.wardFigures(wards, from, to).incidentTotals();
            store.wardFigures(wards, from.minusYears(1), to.minusYears(1));
            if (round > 0) {
                storeRuns.add((System.nanoTime() - t0) / 1e6);
            }
        }
        ctx.step("scoring every area for " + year + " (the verdicts), " + ROUNDS + " runs after one");
        List<Double> scoringRuns = new ArrayList<>();
        for (int round = 0; round <= ROUNDS; round++) {
            long t0 = System.nanoTime();
            ctx.services().scoring().scoreAllAreas(year, card -> {
            });
            if (round > 0) {
                scoringRuns.add((System.nanoTime() - t0) / 1e6);
            }
        }

        Javalin app = vn.anttmap.api.HttpServer.create(ctx.services(), new vn.anttmap.api.HttpServer.PageConfig("", "")).start("127.0.0.1", 0);
        List<Double> cold = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        int bytes;
        try {
            ctx.step("GET " + path + ", cold: the first request after a write (2 untimed, then " + ROUNDS + ")");
            for (int round = 0; round < ROUNDS + 2; round++) {
                store.write(new vn.anttmap.store.WriteBatch().upsert(Layer.INCIDENTS, List.of(incident)));
                double ms = Bench.get(app.port(), path, token, null).ms();
                if (round >= 2) {
                    cold.add(ms);
                }
            }
            ctx.step("GET " + path + ", warm: the answer kept (" + WARM_REQUESTS + " requests after 20)");
            bytes = Bench.get(app.port(), path, token, null).bytes();
            for (int i = 0; i < 20; i++) {
                Bench.get(app.port(), path, token, null);
            }
            for (int i = 0; i < WARM_REQUESTS; i++) {
                warm.add(Bench.get(app.port(), path, token, null).ms());
            }
        } finally {
            app.stop();
        }

        ctx.step("the same incident and camera figures by hand-written SQL (spatial joins), 1 untimed then " + ROUNDS);
        List<Double> sqlRuns = new ArrayList<>();
        PostgisBaseline.DashboardTotals sql = null;
        for (int round = 0; round <= ROUNDS; round++) {
            PostgisBaseline.Timed<PostgisBaseline.DashboardTotals> t = pg.dashboard(wards, from, to, from.minusYears(1), to.minusYears(1));
            if (round > 0) {
                sqlRuns.add(t.ms());
            }
            sql = t.value();
        }
        double coldMs = Bench.median(cold);
        double warmMs = Bench.median(warm);
        double sqlMs = Bench.median(sqlRuns);
        String same = String.format(Locale.ROOT, "this window's incidents: %,d received, %,d handled, %,d open, %,d unknown, "
                        + "median %.1f h, p90 %.1f h by us; %,d, %,d, %,d, %,d, %.1f h, %.1f h by the spatial join (%s)",
                ours.received(), ours.handled(), ours.open(), ours.unknown(), ours.medianHours(), ours.p90Hours(),
                sql.received(), sql.handled(), sql.open(), sql.unknown(), sql.medianMinutes() / 60, sql.p90Minutes() / 60,
                ours.received() == sql.received() ? "the same" : "ST_Contains counts a point on a shared boundary in neither ward; "
                        + "the import assigns it to one");
        String how = String.format(Locale.ROOT, "%,d wards (%s), year %d, incidents %s–%s and the year before, %,d bytes of JSON, "
                        + "through HTTP with an admin's bearer token; the SQL column is the hand-written query of the same incident "
                        + "and camera figures (spatial joins with ST_Contains, both windows and the totals in one GROUPING SETS pass, "
                        + "cameras by a second join; no verdicts of areas), median of %d runs after one untimed (%s ms); %s",
                wards.size(), scope, year, from, to, bytes, ROUNDS, ms(sqlRuns), same);
        ctx.figures().add(Figure.of("dashboard of " + label + ", warm", warmMs, "ms (p50)", sqlMs, "lower", target,
                warmMs <= targetMs, String.format(Locale.ROOT, "%d requests after 20 untimed, answered from the kept answer "
                        + "(kept per scope, year and window until any layer changes: the database's change stamps read on each "
                        + "request); ", WARM_REQUESTS) + how));
        ctx.figures().add(Figure.of("dashboard of " + label + ", cold", coldMs, "ms (median)", sqlMs, "lower", "(no target)",
                null, String.format(Locale.ROOT, "the first request after a write (an incident written again: nothing kept), "
                        + "median of %d after 2 untimed (%s ms): every area scored from the kept counts for the verdicts (alone: "
                        + "median %s ms), the two windows' per-ward figures and totals and the cameras counted by the database "
                        + "(alone: median %s ms); ", ROUNDS, ms(cold), ms(List.of(Bench.median(scoringRuns))),
                        ms(List.of(Bench.median(storeRuns)))) + how));
    }

    private static String ms(List<Double> xs) {
        return xs.stream().map(x -> String.format(Locale.ROOT, "%.0f", x)).collect(java.util.stream.Collectors.joining(", "));
    }
}
