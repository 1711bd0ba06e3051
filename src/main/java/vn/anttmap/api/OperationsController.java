package vn.anttmap.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import vn.anttmap.api.Messages.Key;
import vn.anttmap.io.ReportText.Lang;
import vn.anttmap.service.OperationsService;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What operators and load balancers read: {@code GET /readyz} (whether this node should take traffic, check by check;
 * anyone may read it, it holds no personal data) and {@code GET /metrics} (Prometheus, for this machine or an
 * administrator: {@link Metrics#access}).
 */
final class OperationsController {
    private OperationsController() {
    }

    static void register(Javalin app, OperationsService ops, Metrics metrics) {
        app.get("/readyz", ctx -> readiness(ctx, ops));
        app.get("/metrics", ctx -> metrics(ctx, metrics));
    }

    /**
     * 200 when every check holds, else 503: {@code {"status": "ready"|"not ready", "checks": [{"name", "ok",
     * "reason"}]}}, the reasons in the request's language.
     */
    private static void readiness(Context ctx, OperationsService ops) {
        Lang lang = HttpServer.language(ctx);
        OperationsService.Readiness r = ops.readiness();
        List<Map<String, Object>> checks = new ArrayList<>();
        for (OperationsService.Check c : r.checks()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", c.name());
            one.put("ok", c.ok());
            one.put("reason", lang == Lang.EN ? c.en() : c.vi());
            checks.add(one);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", r.ready() ? "ready" : "not ready");
        body.put("checks", checks);
        ctx.header("Cache-Control", "no-store");
        HttpServer.json(ctx, r.ready() ? 200 : 503, body);
    }

    private static void metrics(Context ctx, Metrics metrics) throws java.io.IOException {
        boolean forwarded = ctx.header("Forwarded") != null || ctx.header("X-Forwarded-For") != null
                || ctx.header("X-Real-IP") != null;
        switch (Metrics.access(ctx.req().getRemoteAddr(), forwarded, Access.principal(ctx))) {
            case SIGN_IN -> throw new ApiException(401, Key.UNAUTHORIZED, Key.METRICS_LOCAL_OR_ADMIN.text());
            case FORBIDDEN -> throw new ApiException(403, Key.FORBIDDEN, Key.METRICS_LOCAL_OR_ADMIN.text());
            case ALLOWED -> {
                ctx.header("Cache-Control", "no-store");
                ctx.result(metrics.scrape());
                ctx.res().setContentType(Metrics.CONTENT_TYPE);
            }
        }
    }
}
