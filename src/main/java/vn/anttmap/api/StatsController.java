package vn.anttmap.api;

import io.javalin.http.Context;
import vn.anttmap.service.FeatureService;
import vn.anttmap.service.StatsService;

import java.time.LocalDate;
import java.util.Set;

/** {@code GET /api/v1/stats?ward=&from=&to=[&area=]}: the ward's figures for a window of days. */
final class StatsController {
    private final StatsService stats;
    private final FeatureService features;

    StatsController(StatsService stats, FeatureService features) {
        this.stats = stats;
        this.features = features;
    }

    void stats(Context ctx) {
        QueryParams.only(ctx, Set.of("ward", "area", "from", "to"));
        String ward = QueryParams.text(ctx, "ward");
        if (ward == null) {
            throw ApiException.badParameter("ward", "required: the ward's id");
        }
        LocalDate to = QueryParams.date(ctx, "to");
        if (to == null) {
            to = features.today();
        }
        LocalDate from = QueryParams.date(ctx, "from");
        if (from == null) {
            from = to.withDayOfYear(1);
        }
        if (to.isBefore(from)) {
            throw ApiException.badParameter("to", "'" + to + "' is before from '" + from + "'");
        }
        String area = QueryParams.text(ctx, "area");
        try {
            HttpServer.json(ctx, 200, stats.stats(ward, area, from, to));
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("area", e.getMessage());
        }
    }
}
