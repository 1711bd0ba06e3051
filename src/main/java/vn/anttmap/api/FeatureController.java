package vn.anttmap.api;

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

    void list(Context ctx, Layer layer) throws IOException {
        QueryParams.only(ctx, parameters(layer));
        vn.anttmap.auth.Principal who = Access.principal(ctx);
        if (!vn.anttmap.auth.AccessPolicy.canRead(who, layer.apiName())) {
            throw Access.denied(ctx, layer.apiName());
        }
        List<Feature> found = vn.anttmap.auth.AccessPolicy.filter(who, layer.apiName(),
                features.list(layer, QueryParams.featureQuery(ctx)));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("layer", layer.apiName());
        extra.put("numberReturned", found.size());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GeoJsonWriter.writeWithLabels(layer, found, extra, out);
        ctx.contentType(GEOJSON).result(out.toByteArray());
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

    /** The query parameters a layer's endpoint takes. */
    static Set<String> parameters(Layer layer) {
        Set<String> p = new HashSet<>(Set.of("bbox", "ward", "area"));
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
