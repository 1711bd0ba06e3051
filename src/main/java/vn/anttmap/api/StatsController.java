package vn.anttmap.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import vn.anttmap.service.FeatureService;
import vn.anttmap.service.StatsService;

import java.util.Set;

/**
 * {@code GET /api/v1/stats?ward=&from=&to=[&area=]}: the ward's figures for a window of days; their {@code handling} only
 * for who sees the ward's officer-level data ({@code null} for anyone else).
 */
final class StatsController {
    private final StatsService stats;
    private final FeatureService features;

    StatsController(StatsService stats, FeatureService features) {
        this.stats = stats;
        this.features = features;
    }

    static void register(Javalin app, StatsService stats, FeatureService features) {
        app.get("/api/v1/stats", new StatsController(stats, features)::stats);
    }

    void stats(Context ctx) {
        QueryParams.only(ctx, Set.of("ward", "area", "from", "to"));
        String ward = QueryParams.requiredWard(ctx);
        QueryParams.Days days = QueryParams.period(ctx, features.today());
        String area = QueryParams.text(ctx, "area");
        try {
            // The handling (handled, open, time to handle) is the ward's officer-level data, as on the dashboard.
            boolean handling = vn.anttmap.auth.AccessPolicy.seesDashboard(Access.principal(ctx), java.util.List.of(ward));
            HttpServer.json(ctx, 200, stats.stats(ward, area, days.from(), days.to(), handling));
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("area", e.getMessage());
        }
    }
}
