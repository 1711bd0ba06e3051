package vn.anttmap.api;

import vn.anttmap.api.Messages.Key;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import vn.anttmap.service.CoverageService;
import vn.anttmap.service.FeatureService;
import vn.anttmap.service.PlanService;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Camera coverage ({@code GET /api/v1/coverage}) and the site planner ({@code POST /api/v1/camera-plans}). */
final class CameraController {
    private final CoverageService coverage;
    private final PlanService planner;
    private final FeatureService features;

    CameraController(CoverageService coverage, PlanService planner, FeatureService features) {
        this.coverage = coverage;
        this.planner = planner;
        this.features = features;
    }

    static void register(Javalin app, CoverageService coverage, PlanService planner, FeatureService features) {
        CameraController cameras = new CameraController(coverage, planner, features);
        app.get("/api/v1/coverage", cameras::coverage);
        app.post("/api/v1/camera-plans", cameras::plan);
    }

    void coverage(Context ctx) {
        QueryParams.only(ctx, Set.of("ward", "area", "from", "to"));
        String ward = QueryParams.requiredWard(ctx);
        QueryParams.Days days = QueryParams.period(ctx, features.today());
        Map<String, Object> body = GeoJsonMembers.coverage(coverage.coverage(ward, QueryParams.text(ctx, "area"), days.from(),
                days.to()));
        if (!vn.anttmap.auth.AccessPolicy.seesCoverage(Access.principal(ctx), ward)) {
            body.put("coverage", null);
            body.put("largestGaps", List.of());
        }
        HttpServer.json(ctx, 200, body);
    }

    void plan(Context ctx) {
        if (!vn.anttmap.auth.AccessPolicy.canPlan(Access.principal(ctx))) {
            throw Access.denied(ctx, "camera_plans");
        }
        JsonNode b;
        try {
            b = HttpServer.JSON.readTree(ctx.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiException(400, Key.INVALID_INPUT, "the body is not JSON: " + e.getOriginalMessage());
        }
        if (b == null || !b.isObject() || !b.hasNonNull("ward")) {
            throw new ApiException(400, Key.INVALID_INPUT, "expected a JSON object with at least \"ward\"");
        }
        if (!vn.anttmap.auth.AccessPolicy.canPlan(Access.principal(ctx), b.get("ward").asText())) {
            throw Access.denied(ctx, new Messages.Text("đề xuất vị trí camera cho phường " + b.get("ward").asText()
                    + " (cán bộ chỉ đề xuất cho phường của mình)", "camera plans for " + b.get("ward").asText()
                    + " (an officer plans for their own ward only)"));
        }
        List<double[]> points = null;
        JsonNode candidates = b.path("candidates");
        String kind = candidates.isTextual() ? candidates.asText() : null;
        if (candidates.isArray()) {
            points = new ArrayList<>();
            for (JsonNode p : candidates) {
                if (!p.isArray() || p.size() != 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                    throw new ApiException(400, Key.INVALID_INPUT, "candidates: each point is [lon, lat], got " + p);
                }
                points.add(new double[]{p.get(0).asDouble(), p.get(1).asDouble()});
            }
            kind = "points";
        }
        JsonNode camera = b.path("camera");
        JsonNode weights = b.path("weights");
        PlanService.Request request = new PlanService.Request(b.get("ward").asText(), integer(b, "count"), number(b, "budget"),
                number(b, "cost_per_site"), number(b, "cost_per_repair"), kind, number(b, "spacing_m"), points,
                number(camera, "fov_deg"), number(camera, "range_m"), number(weights, "incidents"), number(weights, "roads"),
                number(weights, "population"), b.hasNonNull("method") ? b.get("method").asText() : null,
                b.hasNonNull("to") ? QueryParams.parseDate("to", b.get("to").asText()) : null);
        try {
            HttpServer.json(ctx, 200, GeoJsonMembers.plan(planner.plan(request)));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, Key.INVALID_INPUT, e.getMessage());
        }
    }

    private static Double number(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new ApiException(400, Key.INVALID_INPUT, field + ": expected a number, got " + v);
        }
        return v.asDouble();
    }

    private static Integer integer(JsonNode n, String field) {
        Double d = number(n, field);
        if (d != null && d != Math.rint(d)) {
            throw new ApiException(400, Key.INVALID_INPUT, field + ": expected a whole number, got " + d);
        }
        return d == null ? null : d.intValue();
    }
}
