package vn.anttmap.api.ogc;

import vn.anttmap.service.PublishService;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.0 definition of {@code /ogc}, built from the collections. Self-contained: every schema is inline,
 * nothing refers to an outside site (an offline client could not fetch it); {@code servers[0].url} is the real base.
 */
final class OpenApiDocument {
    private OpenApiDocument() {
    }

    static Map<String, Object> build(String base, List<PublishService.Collection> collections) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "ANTT Map — OGC API – Features", "version", "1.0.0",
                "description", "Wards, residential areas with verdicts, cameras, coverage, incidents, proposed camera sites"));
        doc.put("servers", List.of(Map.of("url", base)));
        Map<String, Object> paths = new LinkedHashMap<>();
        paths.put("/", get("landing", "The landing page", jsonObject(), List.of(f())));
        paths.put("/conformance", get("conformance", "The conformance classes", jsonObject(), List.of(f())));
        paths.put("/api", get("api", "This definition", jsonObject(), List.of()));
        paths.put("/collections", get("collections", "The collections", jsonObject(), List.of(f())));
        List<String> ids = collections.stream().map(PublishService.Collection::id).toList();
        Map<String, Object> collectionId = param("collectionId", "path", true, Map.of("type", "string", "enum", ids));
        paths.put("/collections/{collectionId}", get("collection", "A collection", jsonObject(), List.of(collectionId, f())));
        paths.put("/collections/{collectionId}/queryables", get("queryables", "The queryable properties", jsonObject(),
                List.of(collectionId)));
        paths.put("/collections/{collectionId}/items", get("items", "Features of a collection", featureCollection(), List.of(
                collectionId,
                form(param("limit", "query", false, Map.of("type", "integer", "minimum", 1, "maximum", OgcController.MAX_LIMIT,
                        "default", OgcController.DEFAULT_LIMIT))),
                param("offset", "query", false, Map.of("type", "integer", "minimum", 0, "default", 0)),
                param("cursor", "query", false, Map.of("type", "string")),
                bbox(),
                form(param("datetime", "query", false, Map.of("type", "string"))),
                param("filter", "query", false, Map.of("type", "string")),
                param("filter-lang", "query", false, Map.of("type", "string", "enum", List.of("cql2-text"))),
                f())));
        paths.put("/collections/{collectionId}/items/{featureId}", get("item", "One feature", jsonObject(), List.of(
                collectionId, param("featureId", "path", true, Map.of("type", "string")), f())));
        doc.put("paths", paths);
        return doc;
    }

    private static Map<String, Object> get(String id, String summary, Map<String, Object> schema, List<Map<String, Object>> params) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", id);
        op.put("summary", summary);
        if (!params.isEmpty()) {
            op.put("parameters", params);
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("200", Map.of("description", summary, "content", Map.of(
                id.equals("items") || id.equals("item") ? OgcController.GEOJSON : "application/json", Map.of("schema", schema),
                "text/html", Map.of("schema", Map.of("type", "string")))));
        responses.put("400", Map.of("description", "A bad request", "content", Map.of("application/json",
                Map.of("schema", error()))));
        responses.put("404", Map.of("description", "Not found", "content", Map.of("application/json", Map.of("schema", error()))));
        op.put("responses", responses);
        return Map.of("get", op);
    }

    private static Map<String, Object> param(String name, String in, boolean required, Map<String, Object> schema) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("in", in);
        p.put("required", required);
        p.put("schema", schema);
        return p;
    }

    /** As the standard's OpenAPI fragments declare its query parameters: {@code style: form}, {@code explode: false}. */
    private static Map<String, Object> form(Map<String, Object> p) {
        p.put("style", "form");
        p.put("explode", false);
        return p;
    }

    /** Four numbers, or six with heights (minLon,minLat,minHeight,maxLon,maxLat,maxHeight), as the standard allows. */
    private static Map<String, Object> bbox() {
        return form(param("bbox", "query", false, Map.of("type", "array", "minItems", 4, "maxItems", 6,
                "items", Map.of("type", "number"))));
    }

    private static Map<String, Object> f() {
        return param("f", "query", false, Map.of("type", "string", "enum", List.of("json", "html")));
    }

    private static Map<String, Object> jsonObject() {
        return Map.of("type", "object");
    }

    private static Map<String, Object> error() {
        return Map.of("type", "object", "properties", Map.of("error", Map.of("type", "string"), "detail", Map.of("type", "string")));
    }

    private static Map<String, Object> featureCollection() {
        return Map.of("type", "object", "required", List.of("type", "features"), "properties", Map.of(
                "type", Map.of("type", "string", "enum", List.of("FeatureCollection")),
                "features", Map.of("type", "array", "items", Map.of("type", "object")),
                "numberMatched", Map.of("type", "integer", "minimum", 0),
                "numberReturned", Map.of("type", "integer", "minimum", 0),
                "links", Map.of("type", "array", "items", Map.of("type", "object"))));
    }
}
