package vn.anttmap.api;

import vn.anttmap.api.Messages.Key;
import io.javalin.Javalin;
import io.javalin.http.Context;
import vn.anttmap.auth.AccessPolicy;
import vn.anttmap.hotspot.HotspotException;
import vn.anttmap.model.Feature;
import vn.anttmap.service.FeatureService;
import vn.anttmap.service.HotspotService;
import vn.anttmap.service.TrendService;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/v1/hotspots/{density|gistar|emerging}}: a ward's hotspot grid as GeoJSON, with the parameters it
 * was computed with in {@code parameters}; {@code GET /api/v1/trends}: incidents per month and period.
 */
final class HotspotController {
    private static final Set<String> KINDS = Set.of("density", "gistar", "emerging");
    private final HotspotService hotspots;
    private final TrendService trends;
    private final FeatureService features;

    HotspotController(HotspotService hotspots, TrendService trends, FeatureService features) {
        this.hotspots = hotspots;
        this.trends = trends;
        this.features = features;
    }

    static void register(Javalin app, HotspotService hotspots, TrendService trends, FeatureService features) {
        HotspotController c = new HotspotController(hotspots, trends, features);
        app.get("/api/v1/hotspots/{kind}", c::hotspots);
        app.get("/api/v1/trends", c::trends);
    }

    void hotspots(Context ctx) throws IOException {
        String kind = ctx.pathParam("kind");
        if (!KINDS.contains(kind)) {
            throw new ApiException(404, Key.NOT_FOUND, "không có phép phân tích điểm nóng '" + kind + "'; có density, gistar, emerging"
                    + " / no hotspot analysis '" + kind + "'; there are density, gistar, emerging");
        }
        QueryParams.only(ctx, Set.of("ward", "from", "to", "categories", "bandwidth_m", "cell_m", "band_m", "step_months"));
        String ward = QueryParams.requiredWard(ctx);
        if (!AccessPolicy.seesHotspots(Access.principal(ctx), ward)) {
            throw Access.denied(ctx, new Messages.Text("phân tích điểm nóng của phường " + ward, "the hotspots of ward " + ward));
        }
        String cats = QueryParams.text(ctx, "categories");
        Set<String> categories = cats == null ? Set.of() : new LinkedHashSet<>(Arrays.stream(cats.split(","))
                .map(String::trim).filter(c -> !c.isEmpty()).toList());
        HotspotService.Request r = new HotspotService.Request(kind, ward, QueryParams.from(ctx),
                QueryParams.to(ctx), categories, metres(ctx, "bandwidth_m"), metres(ctx, "cell_m"),
                metres(ctx, "band_m"), ctx.queryParam("step_months") == null ? null
                : QueryParams.integer(ctx, "step_months", 3, 1, 24));
        HotspotService.Analysis a;
        try {
            a = switch (kind) {
                case "density" -> hotspots.density(r);
                case "gistar" -> hotspots.giStar(r);
                default -> hotspots.emerging(r);
            };
        } catch (HotspotException e) {
            throw new ApiException(422, Key.ANALYSIS_NOT_POSSIBLE, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw named(e, "ward");
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("parameters", a.parameters());
        extra.put("summary", a.summary());
        extra.put("numberReturned", a.cells().size());
        // The parameters are said once, above; the cells carry only their own values.
        List<Feature> cells = a.cells().stream().map(f -> {
            Map<String, Object> own = new LinkedHashMap<>(f.properties());
            own.keySet().removeAll(a.parameters().keySet());
            return new Feature(f.id(), f.geometry(), own);
        }).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        vn.anttmap.io.GeoJsonWriter.writeComputed(cells, extra, out);
        ctx.contentType("application/geo+json; charset=utf-8").result(out.toByteArray());
    }

    void trends(Context ctx) {
        QueryParams.only(ctx, Set.of("ward", "area", "from", "to"));
        String ward = QueryParams.requiredWard(ctx);
        LocalDate to = QueryParams.to(ctx);
        if (to == null) {
            to = hotspots.defaultTo();
        }
        try {
            HttpServer.json(ctx, 200, trends.trends(ward, QueryParams.text(ctx, "area"), QueryParams.from(ctx), to));
        } catch (IllegalArgumentException e) {
            throw named(e, "area");
        }
    }

    /**
     * A refusal from the services as a bad parameter: messages of the form {@code "name: reason"} name their
     * parameter; others are put on {@code otherwise}.
     */
    private static ApiException named(IllegalArgumentException e, String otherwise) {
        String msg = e.getMessage();
        int colon = msg.indexOf(':');
        return colon > 0 && !msg.substring(0, colon).contains(" ")
                ? ApiException.badParameter(msg.substring(0, colon), msg.substring(colon + 1).trim())
                : ApiException.badParameter(otherwise, msg);
    }

    private static Double metres(Context ctx, String name) {
        String v = QueryParams.text(ctx, name);
        if (v == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(v);
            if (d > 0 && d <= 100_000) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badParameter(name, "'" + v + "' is not a length in metres between 0 and 100000");
    }
}
