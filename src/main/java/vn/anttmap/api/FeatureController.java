package vn.anttmap.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import vn.anttmap.io.GeoJsonWriter;
import vn.anttmap.model.Feature;
import vn.anttmap.model.Layer;
import vn.anttmap.service.FeatureService;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code GET /api/v1/<layer>}: a layer as an RFC 7946 FeatureCollection. */
final class FeatureController {
    static final String GEOJSON = "application/geo+json; charset=utf-8";

    private final FeatureService features;

    FeatureController(FeatureService features) {
        this.features = features;
    }

    /**
     * {@code GET /api/v1/<layer>} for each served layer, {@code GET /api/v1/cameras/sectors} and
     * {@code GET /api/v1/review}.
     */
    static void register(Javalin app, FeatureService features, List<Layer> served) {
        FeatureController c = new FeatureController(features);
        app.get("/api/v1/cameras/sectors", c::sectors);
        app.get("/api/v1/review", c::review);
        for (Layer layer : served) {
            app.get("/api/v1/" + layer.apiName(), ctx -> c.list(ctx, layer));
        }
    }

    /** The most ward ids one {@code GET /api/v1/wards?ward=a,b,…} may name. */
    static final int MAX_WARDS_ASKED = 500;

    void list(Context ctx, Layer layer) throws IOException {
        QueryParams.only(ctx, parameters(layer));
        vn.anttmap.auth.Principal who = Access.principal(ctx);
        if (!vn.anttmap.auth.AccessPolicy.canRead(who, layer.apiName())) {
            throw Access.denied(ctx, layer.apiName());
        }
        int toleranceM = layer.geometryKind() == vn.anttmap.model.GeometryKind.MULTIPOLYGON
                ? QueryParams.integer(ctx, "simplify", 0, 0, MAX_SIMPLIFY_M) : 0;
        vn.anttmap.model.FeatureQuery query = QueryParams.featureQuery(ctx);
        // Wards may be asked several at once (ward=a,b,c): the dashboard draws a scope's outlines in a few requests.
        Set<String> only = null;
        if (layer == Layer.WARDS && query.wardId() != null && query.wardId().contains(",")) {
            only = new HashSet<>();
            for (String id : query.wardId().split(",")) {
                if (!id.isBlank()) {
                    only.add(id.trim());
                }
            }
            if (only.size() > MAX_WARDS_ASKED) {
                throw ApiException.badParameter("ward", "nhiều nhất " + MAX_WARDS_ASKED + " mã phường, xã một lần / at most "
                        + MAX_WARDS_ASKED + " ward ids at once");
            }
            query = query.withWard(null);
        }
        List<Feature> listed = features.listSimplified(layer, query, toleranceM);
        if (only != null) {
            Set<String> ids = only;
            listed = listed.stream().filter(f -> ids.contains(f.id())).toList();
        }
        List<Feature> found = vn.anttmap.auth.AccessPolicy.filter(who, layer.apiName(), listed);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("layer", layer.apiName());
        extra.put("numberReturned", found.size());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GeoJsonWriter.writeWithLabels(layer, found, extra, out);
        ctx.contentType(GEOJSON).result(out.toByteArray());
    }

    /**
     * {@code GET /api/v1/review?ward=}: the ward's incidents dated outside its usual range (after today, or before
     * its first boundary's year), for an officer to check; they never move the page's default period. Officers and
     * administrators only, each seeing the incidents they may read.
     */
    void review(Context ctx) {
        QueryParams.only(ctx, Set.of("ward"));
        vn.anttmap.auth.Principal who = Access.principal(ctx);
        if (!vn.anttmap.auth.AccessPolicy.canRead(who, Layer.INCIDENTS.apiName())) {
            throw Access.denied(ctx, Layer.INCIDENTS.apiName());
        }
        String ward = QueryParams.requiredWard(ctx, "bắt buộc / required: the ward whose incidents to check");
        FeatureService.Review review = features.review(ward);
        List<Map<String, Object>> incidents = new java.util.ArrayList<>();
        for (Feature f : vn.anttmap.auth.AccessPolicy.filter(who, Layer.INCIDENTS.apiName(), review.incidents())) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("id", f.id());
            i.put("occurred_at", vn.anttmap.model.VietnamTime.inVietnam((java.time.OffsetDateTime) f.get("occurred_at")).toString());
            i.put("occurred_on", String.valueOf(f.get("occurred_on")));
            i.put("area_id", f.get("area_id"));
            i.put("reason", review.today().isBefore((java.time.LocalDate) f.get("occurred_on")) ? "future" : "before_ward");
            incidents.add(i);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ward", ward);
        body.put("today", review.today().toString());
        body.put("earliest", review.earliest() == null ? null : review.earliest().toString());
        body.put("count", incidents.size());
        body.put("incidents", incidents);
        HttpServer.json(ctx, 200, body);
    }

    /** {@code GET /api/v1/cameras/sectors}: each camera's field of view as a polygon, computed in metres. */
    void sectors(Context ctx) throws IOException {
        QueryParams.only(ctx, Set.of("bbox", "ward", "area", "tier"));
        vn.anttmap.model.FeatureQuery q = QueryParams.featureQuery(ctx);
        java.util.Set<String> visible = new java.util.HashSet<>();
        vn.anttmap.auth.AccessPolicy.filter(Access.principal(ctx), "cameras", features.list(Layer.CAMERAS, q))
                .forEach(c -> visible.add(c.id()));
        List<Feature> sectors = features.cameraSectors(q, QueryParams.tier(ctx)).stream()
                .filter(s -> visible.contains(s.id())).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GeoJsonWriter.writeComputed(sectors, Map.of("numberReturned", sectors.size()), out);
        ctx.contentType(GEOJSON).result(out.toByteArray());
    }

    /** The largest {@code simplify} tolerance taken, in metres (a province seen whole needs about 500). */
    static final int MAX_SIMPLIFY_M = 10_000;

    /**
     * The query parameters a layer's endpoint takes; outlines (wards, areas) also take {@code simplify}, a tolerance
     * in whole metres ({@link vn.anttmap.geo.OutlineSimplifier}) for a map that shows them zoomed out.
     */
    static Set<String> parameters(Layer layer) {
        Set<String> p = new HashSet<>(Set.of("bbox", "ward", "area"));
        if (layer.geometryKind() == vn.anttmap.model.GeometryKind.MULTIPOLYGON) {
            p.add("simplify");
        }
        if (layer.hasValidity()) {
            p.add("at");
        }
        if (layer.dateField().isPresent()) {
            p.add("from");
            p.add("to");
        }
        return p;
    }
}
