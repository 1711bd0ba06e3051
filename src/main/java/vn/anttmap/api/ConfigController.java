package vn.anttmap.api;

import io.javalin.Javalin;
import vn.anttmap.service.FeatureService;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a client reads first: {@code GET /healthz} (the server and its store) and {@code GET /api/v1/config} (the page's settings). */
final class ConfigController {
    private ConfigController() {
    }

    static void register(Javalin app, FeatureService features, HttpServer.PageConfig page) {
        app.get("/healthz", ctx -> HttpServer.json(ctx, 200, health(features)));
        var categories = vn.anttmap.io.TaxonomyReader.bundled().categories();
        app.get("/api/v1/config", ctx -> HttpServer.json(ctx, 200, pageConfig(features, page, categories)));
    }

    private static Map<String, Object> health(FeatureService features) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("store", features.storeLabel());
        return body;
    }

    /**
     * What the page needs to start: the basemap, the ward to open on, the default period and the incident
     * categories. Reports cover whole months, so the default period runs from 1 January to the end of the last
     * whole month before the latest incident not after today (or before today when there is none): a record dated in
     * the future moves nobody's view ({@code /api/v1/review} lists it).
     */
    private static Map<String, Object> pageConfig(FeatureService features, HttpServer.PageConfig page, Object categories) {
        vn.anttmap.scoring.Standard.Period period = features.defaultPeriod();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tileUrl", page.tileUrl());
        body.put("tileAttribution", page.tileAttribution());
        body.put("ward", features.busiestWard().orElse(null));
        body.put("period", Map.of("from", period.first().toString(), "to", period.last().toString()));
        body.put("scoringYear", period.last().getYear());
        body.put("categories", categories);
        // The hotspot analyses' own window and the fewest incidents Gi* trusts: the page says both before asking.
        body.put("hotspots", Map.of("months", vn.anttmap.service.HotspotService.DEFAULT_MONTHS,
                "minIncidents", vn.anttmap.hotspot.GetisOrd.MIN_INCIDENTS));
        return body;
    }
}
