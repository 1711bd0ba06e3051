package vn.anttmap.cli;

import vn.anttmap.demo.ScaleGenerator;
import vn.anttmap.scoring.Standard;
import vn.anttmap.service.CoverageService;
import vn.anttmap.store.postgis.PostgisBaseline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The bench's scoring and coverage figures: every area scored for a year, and camera coverage per area. */
final class BenchScoring {
    private final Bench.Context ctx;

    BenchScoring(Bench.Context ctx) {
        this.ctx = ctx;
    }

    // ---------------------------------------------------------------- scoring

    /** Runs of scoring and of its spatial join, the median reported. */
    static final int ROUNDS = 3;
    /** Untimed runs of scoring before those (the first one reported). */
    static final int WARM_UP = 3;

    void scoringFigure(PostgisBaseline pg) throws Exception {
        int year = ScaleGenerator.YEAR;
        Standard.Period period = ctx.services().scoring().standard().areaPeriod().of(year);
        Standard.Period previous = ctx.services().scoring().standard().areaPeriod().of(year - 1);
        ctx.step("scoring every area for " + year + ", the first time (unless kept from an earlier run: the database counts "
                + "each area's incidents per check once, and keeps the counts up to date on every write from then on)");
        long t0 = System.nanoTime();
        ctx.services().scoring().scoreAllAreas(year, card -> {
        });
        double firstS = (System.nanoTime() - t0) / 1e9;
        // As a running service scores: the JVM compiles the scoring code over its first few hundred thousand cards
        // (the first runs score at a tenth of the later speed).
        List<Double> warmUp = new ArrayList<>(List.of(firstS));
        for (int round = 1; round < WARM_UP; round++) {
            ctx.step("scoring every area for " + year + ", untimed warm-up " + (round + 1) + "/" + WARM_UP);
            t0 = System.nanoTime();
            ctx.services().scoring().scoreAllAreas(year, card -> {
            });
            warmUp.add((System.nanoTime() - t0) / 1e9);
        }
        long[] now = {0};
        Map<String, Long> verdicts = new LinkedHashMap<>();
        long areas = 0;
        List<Double> runs = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            ctx.step("scoring every area for " + year + " from the kept counts (" + (round + 1) + "/" + ROUNDS + ")");
            now[0] = 0;
            verdicts.clear();
            t0 = System.nanoTime();
            areas = ctx.services().scoring().scoreAllAreas(year, card -> {
                now[0] += card.advisory().incidentsNow();
                verdicts.merge(card.verdict().name(), 1L, Long::sum);
            });
            runs.add((System.nanoTime() - t0) / 1e9);
        }
        double oursS = Bench.p50(runs);
        List<Double> sqlRuns = new ArrayList<>();
        long sqlTotal = 0;
        ctx.step("the same counts by spatial join in PostGIS, untimed (the same database-cache state for its runs)");
        pg.scoringCounts(previous.first(), period.first(), period.last());
        for (int round = 0; round < ROUNDS; round++) {
            ctx.step("the same counts by spatial join in PostGIS (ST_Contains, GROUP BY area) (" + (round + 1) + "/" + ROUNDS + ")");
            PostgisBaseline.Timed<Long> sql = pg.scoringCounts(previous.first(), period.first(), period.last());
            sqlRuns.add(sql.ms() / 1000);
            sqlTotal = sql.value();
        }
        double sqlS = Bench.p50(sqlRuns);
        boolean within = oursS <= 30;
        boolean faster = sqlS / oursS >= 3;
        int counts = vn.anttmap.scoring.Scorer.incidentCounts(ctx.services().scoring().standard(), Standard.Level.AREA, year).size();
        ctx.figures().add(Figure.of("score every area for a year", oursS, "s", sqlS, "lower",
                "national: ≤ 30 s and ≥ 3× faster than the PostGIS spatial join", ctx.scale() == ScaleGenerator.Scale.NATIONAL
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

    void coverageFigure(PostgisBaseline pg) throws Exception {
        Standard.Period period = ctx.services().scoring().standard().areaPeriod().of(ScaleGenerator.YEAR);
        List<String> ids = pg.ids("SELECT id FROM residential_area WHERE valid_to IS NULL ORDER BY id LIMIT " + ctx.coverageAreas());
        // As a running service computes them: after the JVM has compiled the overlay code, on other wards' areas
        // (each timed area is computed once, its ward's cameras, buildings and roads read with the first of its areas).
        List<String> others = pg.ids("SELECT id FROM residential_area WHERE valid_to IS NULL ORDER BY id DESC LIMIT " + COVERAGE_WARM_UP);
        ctx.step("camera coverage of " + others.size() + " other areas, untimed warm-up");
        for (String id : others) {
            ctx.services().coverage().coverage(id.substring(0, id.indexOf("-a")), id, period.first(), period.last());
        }
        // What the SQL computes, and no more: the shares (the largest uncovered places are left to the coverage
        // endpoint, which computes them the first time it is asked; timed below on their own).
        ctx.step("camera coverage of " + ids.size() + " areas: shares (sectors in metres with occlusion; area, road and incident shares)");
        long t0 = System.nanoTime();
        double share = 0;
        for (String id : ids) {
            String ward = id.substring(0, id.indexOf("-a"));
            CoverageService.Shares r = ctx.services().coverage().shares(ward, id, period.first(), period.last());
            share += r.areaShare();
        }
        double oursMs = (System.nanoTime() - t0) / 1e6 / ids.size();
        // The whole report of GET /api/v1/coverage (shares, the three largest uncovered places, the lon/lat geometry),
        // from nothing kept: a coverage service of its own.
        ctx.step("camera coverage of the same " + ids.size() + " areas, whole reports with the largest gaps (nothing kept)");
        CoverageService fresh = new CoverageService(ctx.services().store());
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
        ctx.step("the same areas by hand in PostGIS: union of camera circles (ST_Buffer on geography) ∩ area");
        PostgisBaseline.Timed<Map<String, Double>> sql = pg.coverage(ids);
        double sqlMs = sql.ms() / ids.size();
        double sqlShare = sql.value().values().stream().mapToDouble(Double::doubleValue).sum();
        ctx.figures().add(Figure.of("coverage per area", oursMs, "ms/area", sqlMs, "lower", "within 2× of the SQL circles",
                sqlMs / oursMs >= 0.5,
                String.format(Locale.ROOT, "%d areas, each computed once (nothing kept from before), after %d areas of "
                        + "other wards untimed; the shares, as the SQL computes: mean covered share %.1f %% (field-of-view "
                        + "sectors with occlusion; area, road and incident shares) against %.1f %% for full circles in SQL "
                        + "(area share only); each ward's cameras, buildings and roads within 1 km are read once for its "
                        + "areas; the largest uncovered places are not computed here (the next row)", ids.size(),
                        COVERAGE_WARM_UP, 100 * share / ids.size(), 100 * sqlShare / Math.max(1, sql.value().size()))));
        ctx.figures().add(Figure.of("coverage per area, whole report", reportMs, "ms/area", sqlMs, "lower", "(no target)", null,
                String.format(Locale.ROOT, "the same %d areas, nothing kept: what GET /api/v1/coverage answers, the shares "
                        + "(the same) with the three largest uncovered places (maximum inscribed circles) and the covered "
                        + "geometry in lon/lat; the SQL column is the same circles, which compute no gaps", ids.size())));
    }
}
