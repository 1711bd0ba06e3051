package vn.anttmap.api;

import vn.anttmap.api.Messages.Key;
import vn.anttmap.api.Messages.Text;
import vn.anttmap.io.ReportText.Lang;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.anttmap.model.InvalidInputException;
import vn.anttmap.model.Layer;
import vn.anttmap.service.FeatureService;
import vn.anttmap.service.StatsService;
import vn.anttmap.App;
import vn.anttmap.service.ScoringService;
import vn.anttmap.model.StoreException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP layer: one route table, error mapping in one place. Built by {@link #create}; started by the caller
 * (or by Javalin's test tools).
 */
public final class HttpServer {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    /**
     * Reads request bodies and writes answers. A key given twice in a body is refused (Jackson kept the last one
     * silently, so a checker and the store could read different values).
     */
    static final ObjectMapper JSON = vn.anttmap.io.ScoreJson.mapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** The layers served under {@code /api/v1/}. */
    static final List<Layer> SERVED = List.of(Layer.WARDS, Layer.AREAS, Layer.CAMERAS, Layer.INCIDENTS, Layer.ROADS,
            Layer.COASTLINE, Layer.EXCEPTION_DECISIONS, Layer.ORGANISATIONS, Layer.TEAMS);

    /** The MapLibre style of the vector tiles, under {@code /tiles/} beside the collections' TileJSON. */
    static final String STYLE_FILE = "style.json";

    /** Settings the page reads from {@code /api/v1/config}. */
    public record PageConfig(String tileUrl, String tileAttribution) {
    }

    private HttpServer() {
    }

    /**
     * An encoded tile and its ETag (a hash of its content), with its gzip encoding made once, the first time a client
     * asks for it (map clients do): compressing a 150 KB tile on every request took 11–20 ms.
     */
    private static final class EncodedTile {
        final byte[] bytes;
        final String etag;
        /** The gzipped tile's own ETag: another representation, so that a cache never takes one for the other. */
        final String gzipEtag;
        private volatile byte[] gzipped;

        EncodedTile(byte[] bytes, String etag) {
            this.bytes = bytes;
            this.etag = etag;
            this.gzipEtag = etag.substring(0, etag.length() - 1) + "-gzip\"";
        }

        byte[] gzipped() {
            byte[] g = gzipped;
            if (g == null) {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length / 2 + 64);
                try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
                    gz.write(bytes);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                g = out.toByteArray();
                gzipped = g;
            }
            return g;
        }
    }


    public static Javalin create(App.Services services, PageConfig page) {
        Javalin app = create(services, services.features(), services.stats(), services.scoring(), new CameraController(services.coverage(),
                services.planner(), services.features()), page);
        AuthController.register(app, services.auth(), services.edits());
        new vn.anttmap.api.ogc.OgcController(services.publish(), Access::principal, (ctx, status, type, body) -> {
            try {
                ctx.status(status).contentType(type).result(JSON.writeValueAsBytes(body));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }).register(app);
        app.get("/tiles/{file}", ctx -> {
            String file = ctx.pathParam("file");
            if (file.equals(STYLE_FILE)) {
                // A MapLibre style for the collections the asker may read, each source its TileJSON.
                vn.anttmap.auth.Principal who = Access.principal(ctx);
                String tiles = ctx.scheme() + "://" + ctx.host() + "/tiles/";
                Map<String, Object> style = vn.anttmap.style.MapStyle.document(services.publish().collections(who).stream()
                        .map(vn.anttmap.service.PublishService.Collection::id).toList(), id -> tiles + id + ".json");
                // What it lists depends on who asks: shared caches may keep only the public's.
                ctx.header("Cache-Control", who.isPublic() ? "public, no-cache" : "private, no-cache")
                        .header("Vary", "Authorization, Cookie");
                json(ctx, 200, style);
                return;
            }
            if (!file.endsWith(".json")) {
                throw new ApiException(404, Key.NOT_FOUND, "no tile set " + file);
            }
            String id = file.substring(0, file.length() - 5);
            var c = services.publish().collection(id)
                    .orElseThrow(() -> new ApiException(404, Key.NOT_FOUND, Key.NO_COLLECTION.format(id)));
            if (!vn.anttmap.auth.AccessPolicy.canRead(Access.principal(ctx), id)) {
                throw Access.denied(ctx, id);
            }
            Map<String, Object> tj = new LinkedHashMap<>();
            tj.put("tilejson", "3.0.0");
            tj.put("name", c.title());
            tj.put("scheme", "xyz");
            tj.put("tiles", List.of(ctx.scheme() + "://" + ctx.host() + "/tiles/" + id + "/{z}/{x}/{y}.mvt"));
            tj.put("minzoom", 0);
            tj.put("maxzoom", vn.anttmap.io.MvtTiles.MAX_ZOOM);
            // Where the data lies (every ward valid today), and a view of it all.
            org.locationtech.jts.geom.Envelope e = services.publish().extent();
            if (!e.isNull()) {
                tj.put("bounds", List.of(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()));
                double span = Math.max(Math.max(e.getWidth(), e.getHeight()), 1e-6);
                int zoom = (int) Math.max(0, Math.min(vn.anttmap.io.MvtTiles.MAX_ZOOM, Math.floor(Math.log(360 / span) / Math.log(2))));
                tj.put("center", List.of(e.centre().x, e.centre().y, zoom));
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("id", "String");
            fields.putAll(services.publish().tileFieldTypes(id));
            Map<String, Object> layer = new LinkedHashMap<>(Map.of("id", id, "fields", fields));
            if (vn.anttmap.service.PublishService.clusters(id)) {
                fields.put("cluster", "Boolean");
                fields.put("point_count", "Number");
                layer.put("description", "Below zoom " + vn.anttmap.service.PublishService.EVERY_POINT_FROM_ZOOM
                        + ", points within the same cell of " + vn.anttmap.service.PublishService.CLUSTER_UNITS
                        + "/4096 of a tile are one feature with cluster=true and point_count (no other field); a cell's "
                        + "only point keeps its fields.");
            }
            tj.put("vector_layers", List.of(layer));
            json(ctx, 200, tj);
        });
        // Recently encoded vector tiles, keyed by collection, tile, role, ward and data version: at most an eighth of
        // the heap, each tile counted twice (for the gzipped copy made when a client asks for it).
        TileCache<EncodedTile> tileCache = new TileCache<>(Runtime.getRuntime().maxMemory() / 8,
                t -> 2L * t.bytes.length + 128);
        app.get("/tiles/{collection}/{z}/{x}/{tile}", ctx -> {
            String id = ctx.pathParam("collection");
            services.publish().collection(id)
                    .orElseThrow(() -> new ApiException(404, Key.NOT_FOUND, Key.NO_COLLECTION.format(id)));
            if (!vn.anttmap.auth.AccessPolicy.canRead(Access.principal(ctx), id)) {
                throw Access.denied(ctx, id);
            }
            String tile = ctx.pathParam("tile");
            int z;
            int x;
            int y;
            try {
                if (!tile.endsWith(".mvt")) {
                    throw new NumberFormatException();
                }
                z = Integer.parseInt(ctx.pathParam("z"));
                x = Integer.parseInt(ctx.pathParam("x"));
                y = Integer.parseInt(tile.substring(0, tile.length() - 4));
            } catch (NumberFormatException e) {
                throw new ApiException(404, Key.NOT_FOUND, "no tile " + ctx.path());
            }
            if (!vn.anttmap.io.MvtTiles.valid(z, x, y)) {
                throw new ApiException(404, Key.NOT_FOUND, "no tile " + z + "/" + x + "/" + y);
            }
            vn.anttmap.auth.Principal who = Access.principal(ctx);
            // Encoded tiles are kept per data version and per what the asker may see (role and ward).
            long version = services.store().dataVersion();
            tileCache.atVersion(version);
            String key = id + "/" + z + "/" + x + "/" + y + "/" + who.role() + "/" + who.wardId() + "/" + version;
            EncodedTile cached = tileCache.get(key);
            if (cached == null) {
                // What the asker may see (the access policy, through the publishing chokepoint).
                byte[] encoded = services.publish().tile(who, id, z, x, y);
                cached = new EncodedTile(encoded, "\"" + java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-1").digest(encoded)) + "\"");
                tileCache.put(key, cached);
            }
            boolean gzip = acceptsGzip(ctx.header("Accept-Encoding")) && cached.bytes.length > 1024;
            String etag = gzip ? cached.gzipEtag : cached.etag;
            // What the public sees of a public layer is the same for everyone: shared caches may keep it (revalidating
            // by ETag). Anything a role or ward decides stays private.
            boolean shared = who.isPublic() && vn.anttmap.auth.AccessPolicy.canRead(vn.anttmap.auth.Principal.PUBLIC, id);
            ctx.header("ETag", etag).header("Cache-Control", shared ? "public, no-cache" : "private, no-cache")
                    .header("Vary", "Authorization, Cookie, Accept-Encoding");
            if (noneMatchHolds(ctx.header("If-None-Match"), etag)) {
                ctx.status(304);
                return;
            }
            if (gzip) {
                ctx.header("Content-Encoding", "gzip");
                binary(ctx, "application/vnd.mapbox-vector-tile", cached.gzipped());
                return;
            }
            binary(ctx, "application/vnd.mapbox-vector-tile", cached.bytes);
        });
        app.get("/api/v1/export", ctx -> {
            QueryParams.only(ctx, java.util.Set.of("layers", "format"));
            String layers = QueryParams.text(ctx, "layers");
            if (layers == null) {
                throw ApiException.badParameter("layers", "required: a comma-separated list of layers");
            }
            vn.anttmap.service.ExportService.Format format;
            List<String> names = java.util.Arrays.stream(layers.split(",", -1)).map(String::trim).toList();
            if (names.stream().anyMatch(String::isEmpty)) {
                // ',' split into no layer at all: an empty export answered 200.
                throw ApiException.badParameter("layers", "tên lớp trống trong '" + layers + "' / an empty layer name in '" + layers
                        + "' (a comma-separated list of layers)");
            }
            try {
                format = vn.anttmap.service.ExportService.Format.of(QueryParams.text(ctx, "format") == null ? "geojson"
                        : QueryParams.text(ctx, "format"));
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                services.exports().export(Access.principal(ctx), names, format, out);
                services.auth().audit(Access.principal(ctx).username(), "export", String.join(",", names) + " as " + format);
                ctx.header("Content-Disposition", "attachment; filename=\"" + vn.anttmap.service.ExportService.fileName(format, names) + "\"")
                        .result(out.toByteArray());
                String type = vn.anttmap.service.ExportService.mediaType(format, names.size());
                if (format == vn.anttmap.service.ExportService.Format.CSV && names.size() == 1) {
                    // One CSV file has no room for its coordinate system (a zip holds a .prj beside each): say it here.
                    ctx.header("Content-Crs", "<http://www.opengis.net/def/crs/OGC/1.3/CRS84>");
                }
                if (format == vn.anttmap.service.ExportService.Format.GEOJSON || format == vn.anttmap.service.ExportService.Format.CSV
                        || format == vn.anttmap.service.ExportService.Format.KML) {
                    ctx.contentType(type + "; charset=utf-8");
                } else {
                    binary(ctx, type, out.toByteArray());
                }
            } catch (IllegalArgumentException e) {
                throw ApiException.badParameter(e.getMessage().startsWith("không có định dạng") ? "format" : "layers", e.getMessage());
            }
        });
        return app;
    }

    static Javalin create(App.Services services, FeatureService features, StatsService stats, ScoringService scoring,
                          CameraController cameras, PageConfig page) {
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.http.defaultContentType = "application/json; charset=utf-8";
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/web";
                sf.location = Location.CLASSPATH;
            });
            cfg.staticFiles.enableWebjars();
            cfg.http.maxRequestSize = 10_000_000L;
        });
        app.before(ctx -> Access.resolve(ctx, services.auth()));
        FeatureController featureController = new FeatureController(features);
        StatsController statsController = new StatsController(stats, features);
        // Cards kept until a layer changes (any process's write): computing a ward's took about a second.
        vn.anttmap.service.ScorecardCache cards = services.cards();
        ScoreController scores = new ScoreController(cards, services.edits(), features);

        app.get("/healthz", ctx -> json(ctx, 200, health(features)));
        var categories = vn.anttmap.io.TaxonomyReader.bundled().categories();
        app.get("/api/v1/config", ctx -> json(ctx, 200, pageConfig(features, page, categories)));
        app.get("/api/v1/stats", statsController::stats);
        app.get("/api/v1/standard", scores::standard);
        app.get("/api/v1/scores/areas", scores::areas);
        app.get("/api/v1/scores/areas/{id}", scores::area);
        app.get("/api/v1/scores/wards/{id}", scores::ward);
        ReportController report = new ReportController(cards, features, vn.anttmap.io.TaxonomyReader.bundled());
        app.get("/report.html", report::report);
        app.post("/api/v1/attestations", scores::attest);
        app.get("/api/v1/attestations", scores::attestations);
        app.get("/api/v1/coverage", cameras::coverage);
        app.post("/api/v1/camera-plans", cameras::plan);
        app.get("/api/v1/cameras/sectors", featureController::sectors);
        app.get("/api/v1/review", featureController::review);
        HotspotController hotspots = new HotspotController(services.hotspots(), services.trends(), features);
        app.get("/api/v1/hotspots/{kind}", hotspots::hotspots);
        app.get("/api/v1/trends", hotspots::trends);
        for (Layer layer : SERVED) {
            app.get("/api/v1/" + layer.apiName(), ctx -> featureController.list(ctx, layer));
        }

        app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status, e.error, e.detail));
        // Refusals of sign-in, edits, exports (any service): status and headers by kind, in FailureMapping.
        app.exception(vn.anttmap.model.ServiceFailure.class, (e, ctx) -> FailureMapping.respond(ctx, e));
        app.exception(vn.anttmap.api.ogc.OgcController.BadRequest.class, (e, ctx) -> error(ctx, e.status, switch (e.status) {
            case 401 -> Key.UNAUTHORIZED;
            case 403 -> Key.FORBIDDEN;
            case 404 -> Key.NOT_FOUND;
            default -> Key.BAD_PARAMETER;
        }, Text.split(e.getMessage())));
        app.exception(java.util.NoSuchElementException.class, (e, ctx) -> error(ctx, 404, Key.NOT_FOUND,
                Text.split(e.getMessage())));
        app.exception(InvalidInputException.class, (e, ctx) -> invalidInput(ctx, e));
        app.exception(vn.anttmap.scoring.Standard.NotInForceException.class, (e, ctx) -> error(ctx, 422,
                Key.NOT_IN_FORCE, new Text(e.vi(), e.en())));
        app.exception(StoreException.class, (e, ctx) -> {
            LOG.error("store failure on {} {}", ctx.method(), ctx.path(), e);
            error(ctx, 503, Key.STORE_FAILURE, Key.STORE_UNAVAILABLE.format(e.getMessage()));
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            error(ctx, 500, Key.INTERNAL, Key.INTERNAL_DETAIL.format(e.getClass().getSimpleName()));
        });
        app.error(404, ctx -> {
            if ((ctx.path().startsWith("/api/") || ctx.path().startsWith("/ogc")) && !ctx.res().isCommitted()
                    && !ctx.result().startsWith("{")) {
                error(ctx, 404, Key.NOT_FOUND, Key.NO_ENDPOINT.format(ctx.path()));
            }
        });
        return app;
    }

    /**
     * What the page needs to start: the basemap, the ward to open on, the default period and the incident
     * categories. Reports cover whole months, so the default period runs from 1 January to the end of the last
     * whole month before the latest incident not after today (or before today when there is none): a record dated in
     * the future moves nobody's view ({@code /api/v1/review} lists it).
     */
    private static Map<String, Object> pageConfig(FeatureService features, PageConfig page, Object categories) {
        vn.anttmap.scoring.Standard.Period period = defaultPeriod(features);
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

    /**
     * The page's default period: from 1 January to the end of the last whole month before the latest incident (or
     * before today when there is none). The report contrasts its scoring period with it.
     */
    static vn.anttmap.scoring.Standard.Period defaultPeriod(FeatureService features) {
        return features.defaultPeriod();
    }

    /** Whether an Accept-Encoding header takes gzip (named, or by *, and not with q=0). */
    /**
     * Whether an If-None-Match header names the ETag (RFC 9110 13.1.2: a list, weak comparison, or {@code *}), so
     * that the answer is 304.
     */
    static boolean noneMatchHolds(String header, String etag) {
        if (header == null) {
            return false;
        }
        String opaque = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String tag : header.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(opaque)) {
                return true;
            }
        }
        return false;
    }

    static boolean acceptsGzip(String header) {
        if (header == null) {
            return false;
        }
        for (String part : header.split(",")) {
            String[] p = part.trim().toLowerCase(java.util.Locale.ROOT).split(";");
            if (!p[0].trim().equals("gzip") && !p[0].trim().equals("*")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < p.length; i++) {
                String param = p[i].trim();
                if (param.startsWith("q=")) {
                    try {
                        refused = Double.parseDouble(param.substring(2).trim()) == 0;
                    } catch (NumberFormatException e) {
                        refused = true;
                    }
                }
            }
            return !refused;
        }
        return false;
    }

    /** A binary body: no charset in its media type. */
    private static void binary(Context ctx, String type, byte[] body) {
        ctx.result(body);
        ctx.res().setCharacterEncoding(null);
        ctx.res().setContentType(type);
    }

    private static Map<String, Object> health(FeatureService features) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("store", features.storeLabel());
        return body;
    }

    /** The language the request asks its answers in ({@code Accept-Language}; Vietnamese unless English is preferred). */
    static Lang language(Context ctx) {
        Lang lang = Messages.language(ctx.header("Accept-Language"));
        ctx.header("Content-Language", lang.code());
        String vary = ctx.res().getHeader("Vary");
        if (vary == null || !vary.contains("Accept-Language")) {
            ctx.header("Vary", vary == null || vary.isBlank() ? "Accept-Language" : vary + ", Accept-Language");
        }
        return lang;
    }

    private static void error(Context ctx, int status, Key error, Text detail) {
        Lang lang = language(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.text().in(lang));
        body.put("detail", detail.in(lang));
        json(ctx, status, body);
    }

    /**
     * Input refused: the detail lists the problems in the language, each field named in the officer's words
     * (Vietnamese) or by its code (English, as before), and {@code problems} keeps each field's code for machines (the
     * page places each message next to its field by the code).
     */
    private static void invalidInput(Context ctx, InvalidInputException e) {
        Lang lang = language(ctx);
        List<String> lines = new java.util.ArrayList<>();
        List<Map<String, Object>> problems = new java.util.ArrayList<>();
        String source = Messages.place(e.source(), lang);
        for (vn.anttmap.model.Problem p : e.problems()) {
            String where = Messages.place(p.location(), lang);
            String message = Text.split(p.reason()).in(lang);
            String label = Messages.fieldLabel(p.field(), lang);
            if (problems.size() < InvalidInputException.MAX_LISTED) {
                lines.add((p.field() == null ? Key.PROBLEM_AT.format(source, where, message)
                        : Key.PROBLEM_AT_FIELD.format(source, where, label, p.field(), message)).in(lang));
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("location", where);
            one.put("field", p.field());
            one.put("field_label", label);
            one.put("message", message);
            problems.add(one);
        }
        int more = e.problems().size() - InvalidInputException.MAX_LISTED;
        if (more > 0) {
            lines.add(Key.MORE_PROBLEMS.format(more).in(lang));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", Key.INVALID_INPUT.text().in(lang));
        body.put("detail", String.join("\n", lines));
        body.put("problems", problems);
        json(ctx, 400, body);
    }

    static void json(Context ctx, int status, Object body) {
        if (status == 401) {
            // How to authenticate (RFC 9110): a bearer token, as QGIS and GDAL send; the page signs in for a cookie.
            ctx.header("WWW-Authenticate", "Bearer realm=\"antt-map\"");
        }
        try {
            ctx.status(status).contentType("application/json; charset=utf-8").result(JSON.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
