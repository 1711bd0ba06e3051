package vn.anttmap.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import org.locationtech.jts.geom.Envelope;
import vn.anttmap.api.Messages.Key;
import vn.anttmap.auth.AccessPolicy;
import vn.anttmap.auth.Principal;
import vn.anttmap.io.MvtTiles;
import vn.anttmap.service.PublishService;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Vector tiles under {@code /tiles/}: the MapLibre style ({@code style.json}), each collection's TileJSON
 * ({@code <collection>.json}) and its tiles ({@code <collection>/{z}/{x}/{y}.mvt}), encoded by the encoder
 * {@link PublishService#encoders} picks, kept in a {@link TileCache} and answered with an ETag.
 */
final class TileController {
    /** The MapLibre style of the vector tiles, under {@code /tiles/} beside the collections' TileJSON. */
    static final String STYLE_FILE = "style.json";
    static final String MVT = "application/vnd.mapbox-vector-tile";

    private final PublishService publish;
    private final LongSupplier changeStamp;
    /**
     * Recently encoded tiles, keyed by collection, tile, role, ward and data version: at most an eighth of the heap,
     * each tile counted twice (for the gzipped copy made when a client asks for it).
     */
    private final TileCache<EncodedTile> cache = new TileCache<>(Runtime.getRuntime().maxMemory() / 8,
            t -> 2L * t.bytes.length + 128);

    private TileController(PublishService publish, LongSupplier changeStamp) {
        this.publish = publish;
        this.changeStamp = changeStamp;
    }

    /**
     * {@code GET /tiles/style.json}, {@code GET /tiles/{collection}.json} and
     * {@code GET /tiles/{collection}/{z}/{x}/{y}.mvt}.
     *
     * @param changeStamp the change stamp of every layer, which any writer moves (any node or process): cached tiles
     *                    of an older one are dropped
     * @return the counts of the tile cache's lookups, for monitoring
     */
    static java.util.function.Supplier<vn.anttmap.model.CacheStats> register(Javalin app, PublishService publish,
                                                                              LongSupplier changeStamp) {
        TileController tiles = new TileController(publish, changeStamp);
        app.get("/tiles/{file}", tiles::styleOrTileJson);
        app.get("/tiles/{collection}/{z}/{x}/{tile}", tiles::tile);
        return tiles.cache::stats;
    }

    /** The tile z/x/y of a collection as {@code who} may see it, by the encoder {@link PublishService#encoders} picks. */
    private byte[] encode(Principal who, String id, int z, int x, int y) {
        return publish.tile(who, id, z, x, y);
    }

    /** {@code style.json}, or a collection's TileJSON. */
    private void styleOrTileJson(Context ctx) {
        String file = ctx.pathParam("file");
        if (file.equals(STYLE_FILE)) {
            style(ctx);
            return;
        }
        if (!file.endsWith(".json")) {
            throw new ApiException(404, Key.NOT_FOUND, "no tile set " + file);
        }
        tileJson(ctx, file.substring(0, file.length() - 5));
    }

    /** A MapLibre style for the collections the asker may read, each source its TileJSON. */
    private void style(Context ctx) {
        Principal who = Access.principal(ctx);
        String tiles = ClientAddress.origin(ctx) + "/tiles/";
        Map<String, Object> style = vn.anttmap.style.MapStyle.document(publish.collections(who).stream()
                .map(PublishService.Collection::id).toList(), id -> tiles + id + ".json");
        // What it lists depends on who asks: shared caches may keep only the public's.
        ctx.header("Cache-Control", who.isPublic() ? "public, no-cache" : "private, no-cache")
                .header("Vary", "Authorization, Cookie");
        HttpServer.json(ctx, 200, style);
    }

    /** TileJSON 3.0.0 of a collection the asker may read. */
    private void tileJson(Context ctx, String id) {
        PublishService.Collection c = readable(ctx, id);
        Map<String, Object> tj = new LinkedHashMap<>();
        tj.put("tilejson", "3.0.0");
        tj.put("name", c.title());
        tj.put("scheme", "xyz");
        tj.put("tiles", List.of(ClientAddress.origin(ctx) + "/tiles/" + id + "/{z}/{x}/{y}.mvt"));
        tj.put("minzoom", 0);
        tj.put("maxzoom", MvtTiles.MAX_ZOOM);
        // Where the data lies (every ward valid today), and a view of it all.
        Envelope e = publish.extent();
        if (!e.isNull()) {
            tj.put("bounds", List.of(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()));
            double span = Math.max(Math.max(e.getWidth(), e.getHeight()), 1e-6);
            int zoom = (int) Math.max(0, Math.min(MvtTiles.MAX_ZOOM, Math.floor(Math.log(360 / span) / Math.log(2))));
            tj.put("center", List.of(e.centre().x, e.centre().y, zoom));
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", "String");
        fields.putAll(publish.tileFieldTypes(id));
        Map<String, Object> layer = new LinkedHashMap<>(Map.of("id", id, "fields", fields));
        if (PublishService.clusters(id)) {
            fields.put("cluster", "Boolean");
            fields.put("point_count", "Number");
            layer.put("description", "Below zoom " + PublishService.EVERY_POINT_FROM_ZOOM
                    + ", points within the same cell of " + PublishService.CLUSTER_UNITS
                    + "/4096 of a tile are one feature with cluster=true and point_count (no other field); a cell's "
                    + "only point keeps its fields.");
        }
        tj.put("vector_layers", List.of(layer));
        HttpServer.json(ctx, 200, tj);
    }

    /** {@code /tiles/{collection}/{z}/{x}/{y}.mvt}: from the cache or encoded, with its ETag; 304 when the client has it. */
    private void tile(Context ctx) throws java.security.NoSuchAlgorithmException {
        String id = ctx.pathParam("collection");
        readable(ctx, id);
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
        if (!MvtTiles.valid(z, x, y)) {
            throw new ApiException(404, Key.NOT_FOUND, "no tile " + z + "/" + x + "/" + y);
        }
        Principal who = Access.principal(ctx);
        // Encoded tiles are kept per data version and per what the asker may see (role and ward).
        long version = changeStamp.getAsLong();
        cache.atVersion(version);
        String key = id + "/" + z + "/" + x + "/" + y + "/" + who.role() + "/" + who.wardId() + "/" + version;
        EncodedTile cached = cache.get(key);
        if (cached == null) {
            byte[] encoded = encode(who, id, z, x, y);
            cached = new EncodedTile(encoded, "\"" + java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-1").digest(encoded)) + "\"");
            cache.put(key, cached);
        }
        boolean gzip = HttpServer.acceptsGzip(ctx.header("Accept-Encoding")) && cached.bytes.length > 1024;
        String etag = gzip ? cached.gzipEtag : cached.etag;
        // What the public sees of a public layer is the same for everyone: shared caches may keep it (revalidating
        // by ETag). Anything a role or ward decides stays private.
        boolean shared = who.isPublic() && AccessPolicy.canRead(Principal.PUBLIC, id);
        ctx.header("ETag", etag).header("Cache-Control", shared ? "public, no-cache" : "private, no-cache")
                .header("Vary", "Authorization, Cookie, Accept-Encoding");
        if (HttpServer.noneMatchHolds(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return;
        }
        if (gzip) {
            ctx.header("Content-Encoding", "gzip");
            HttpServer.binary(ctx, MVT, cached.gzipped());
            return;
        }
        HttpServer.binary(ctx, MVT, cached.bytes);
    }

    /** The collection, when it exists (else 404) and the asker may read it (else 401 or 403). */
    private PublishService.Collection readable(Context ctx, String id) {
        PublishService.Collection c = publish.collection(id)
                .orElseThrow(() -> new ApiException(404, Key.NOT_FOUND, Key.NO_COLLECTION.format(id)));
        if (!AccessPolicy.canRead(Access.principal(ctx), id)) {
            throw Access.denied(ctx, id);
        }
        return c;
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
}
