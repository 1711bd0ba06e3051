package vn.anttmap.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import vn.anttmap.service.FeatureService;
import vn.anttmap.service.StatsService;

import java.util.Set;

/** {@code GET /api/v1/stats?ward=&from=&to=[&area=]}: the ward's figures for a window of days. */
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
            HttpServer.json(ctx, 200, stats.stats(ward, area, days.from(), days.to()));
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("area", e.getMessage());
        }
    }
}
