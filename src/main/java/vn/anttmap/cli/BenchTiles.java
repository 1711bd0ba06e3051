package vn.anttmap.cli;

import io.javalin.Javalin;
import vn.anttmap.demo.ScaleGenerator;
import vn.anttmap.store.postgis.PostgisBaseline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The bench's tile figures: incident vector tiles, cold and cached, beside the bare ST_AsMVT query. */
final class BenchTiles {
    private final Bench.Context ctx;

    BenchTiles(Bench.Context ctx) {
        this.ctx = ctx;
    }

    // ---------------------------------------------------------------- tiles

    /** Rounds of the cold tile figure: each on a fresh server (an empty tile cache), so each tile is cold once per round. */
    static final int TILE_ROUNDS = 3;

    /**
     * Incident tiles through HTTP against the bare ST_AsMVT query on the same tiles. Fair by construction: before
     * either side is timed, one untimed pass of the bare query reads every tile's pages, so both run in the same
     * database-cache state; each round then times ours cold (a fresh server, its tile cache empty, its JIT and pool
     * warmed on other tiles) and the SQL on the same tiles, in turn. The cached figure is a warm keep-alive HTTP/1.1
     * client asking the same tiles again, as a map client would.
     *
     * <p>The warm-up asks for distinct tiles: a tile asked again is answered from the tile cache and runs none of the
     * encoding path. Warmed on the nine z13 tiles alone (four of which hold incidents), the JIT was still compiling
     * that path when the measured tiles were asked for (seen with -XX:+PrintCompilation), and the first rounds timed
     * interpreted code: 20–30 ms a tile where a warm server takes 5–7 ms; warmed on 64 distinct z14 tiles it still
     * took 7 ms, and 3 ms once it had served 400 (a harness calling the tile path directly); hence 320 z14 and z15 tiles.
     */
    void tileFigures(PostgisBaseline pg) throws Exception {
        String token = Bench.tokenOf(ctx.services());
        var e = new ScaleGenerator(ctx.scale(), ctx.seed()).extent();
        double lon = e.getMinX() + 0.3 * 2000 / (111_320 * Math.cos(Math.toRadians(e.getMinY())));
        double lat = e.getMinY() + 0.3 * 2000 / 110_540.0;
        // z14: the nine tiles around a point one tile in from the data's south-west corner, so that each of them
        // holds incidents; z10: the one tile that holds the first wards (its neighbours are empty and would flatter
        // both sides).
        double step14 = 360.0 / (1 << 14);
        Map<Integer, int[][]> tiles = new LinkedHashMap<>();
        tiles.put(14, neighbours(14, lon + step14, lat + step14 * Math.cos(Math.toRadians(lat))));
        tiles.put(10, new int[][]{neighbours(10, lon, lat)[4]});
        int[][] warm = neighbours(13, lon, lat);
        // Distinct z14 tiles, none of them measured, going south-west from the data's north-east corner (away from the
        // measured ones): each runs the encoding path once per round.
        int[] northEast = neighbours(14, e.getMaxX() - step14 / 2, e.getMaxY() - step14 / 2)[4];
        List<int[]> warm14 = new ArrayList<>(); // {z, x, y}
        for (int dx = 0; dx < 8; dx++) {
            for (int dy = 0; dy < 8; dy++) {
                int[] t = {northEast[0] - dx, northEast[1] + dy};
                if (java.util.Arrays.stream(tiles.get(14)).noneMatch(m -> m[0] == t[0] && m[1] == t[1])) {
                    warm14.add(new int[]{14, t[0], t[1]});
                }
            }
        }
        // And the zoom-15 tiles within the first 8 × 8 of those: the same encoding path, on 320 tiles in all (64 left
        // the JIT compiling through the measured rounds: 7 ms a tile where 400 tiles later it took 3).
        for (int dx = 0; dx < 16; dx++) {
            for (int dy = 0; dy < 16; dy++) {
                int[] t = {2 * northEast[0] + 1 - dx, 2 * northEast[1] + dy};
                if (java.util.Arrays.stream(tiles.get(14)).noneMatch(m -> m[0] == t[0] / 2 && m[1] == t[1] / 2)) {
                    warm14.add(new int[]{15, t[0], t[1]});
                }
            }
        }
        ctx.step("incident tiles: one untimed pass of the bare ST_AsMVT over every tile (both sides then find the same pages in memory)");
        for (Map.Entry<Integer, int[][]> zt : tiles.entrySet()) {
            int z = zt.getKey();
            for (int[] t : zt.getValue()) {
                if (pg.tile(z, t[0], t[1], vn.anttmap.service.PublishService.clusterUnits("incidents", z)).value().length == 0) {
                    ctx.out().println("  note: tile " + z + "/" + t[0] + "/" + t[1] + " holds no incident");
                }
            }
        }
        Map<Integer, List<Double>> cold = new LinkedHashMap<>();
        Map<Integer, List<Double>> sql = new LinkedHashMap<>();
        Map<Integer, List<Double>> cached = new LinkedHashMap<>();
        Map<Integer, List<Double>> revalidated = new LinkedHashMap<>();
        Map<Integer, Integer> tileBytes = new LinkedHashMap<>();
        for (int round = 0; round < TILE_ROUNDS; round++) {
            ctx.step("round " + (round + 1) + " of " + TILE_ROUNDS + ": a fresh server; z14 and z10 incident tiles, ours cold through HTTP, then the bare ST_AsMVT"
                    + (round == TILE_ROUNDS - 1 ? "; then ours cached" : ""));
            Javalin app = vn.anttmap.api.HttpServer.create(ctx.services(), new vn.anttmap.api.HttpServer.PageConfig("", "")).start("127.0.0.1", 0);
            try {
                // Warm the server up (JIT, connection pool) on tiles elsewhere, so "cold" means not cached, not a cold JVM.
                for (int k = 0; k < 60; k++) {
                    int[] t = warm[k % warm.length];
                    Bench.get(app.port(), "/tiles/incidents/13/" + t[0] + "/" + t[1] + ".mvt", token, null);
                    Bench.get(app.port(), "/tiles/wards/13/" + t[0] + "/" + t[1] + ".mvt", token, null);
                }
                for (int[] t : warm14) {
                    Bench.get(app.port(), tilePath(t[0], new int[]{t[1], t[2]}), token, null);
                }
                for (Map.Entry<Integer, int[][]> zt : tiles.entrySet()) {
                    int z = zt.getKey();
                    for (int[] t : zt.getValue()) {
                        cold.computeIfAbsent(z, k -> new ArrayList<>()).add(Bench.get(app.port(), tilePath(z, t), token, null).ms());
                    }
                    for (int[] t : zt.getValue()) {
                        sql.computeIfAbsent(z, k -> new ArrayList<>()).add(pg.tile(z, t[0], t[1], vn.anttmap.service.PublishService.clusterUnits("incidents", z)).ms());
                    }
                }
                if (round < TILE_ROUNDS - 1) {
                    continue;
                }
                for (Map.Entry<Integer, int[][]> zt : tiles.entrySet()) {
                    int z = zt.getKey();
                    int[][] ts = zt.getValue();
                    for (int k = 0; k < 500; k++) {
                        Bench.get(app.port(), tilePath(z, ts[k % ts.length]), token, null);
                    }
                    for (int k = 0; k < 200; k++) {
                        cached.computeIfAbsent(z, x -> new ArrayList<>()).add(Bench.get(app.port(), tilePath(z, ts[k % ts.length]), token, null).ms());
                    }
                    Map<String, String> etags = new LinkedHashMap<>();
                    for (int[] t : ts) {
                        Bench.Timed got = Bench.get(app.port(), tilePath(z, t), token, null);
                        etags.put(tilePath(z, t), got.etag());
                        tileBytes.merge(z, got.bytes(), Math::max);
                    }
                    for (int k = 0; k < 200; k++) {
                        String path = tilePath(z, ts[k % ts.length]);
                        revalidated.computeIfAbsent(z, x -> new ArrayList<>()).add(Bench.get(app.port(), path, token, etags.get(path)).ms());
                    }
                }
            } finally {
                app.stop();
            }
        }
        for (int z : tiles.keySet()) {
            double coldP50 = Bench.p50(cold.get(z));
            double sqlP50 = Bench.p50(sql.get(z));
            double cachedP50 = Bench.p50(cached.get(z));
            int n = tiles.get(z).length;
            ctx.figures().add(Figure.of("z" + z + " tile, cold", coldP50, "ms (p50)", sqlP50, "lower",
                    z == 14 ? "no slower than ST_AsMVT" : "(no target)", z == 14 ? coldP50 <= sqlP50 : null,
                    String.format(Locale.ROOT, "%d tile(s) holding incidents × %d rounds, each tile cold once per round (a fresh "
                            + "server), through HTTP with a bearer token; the SQL column is the bare ST_AsMVT query on the same "
                            + "tiles with the same attributes and the same points (those within the tile and its 1/16 buffer, "
                            + "selected as Martin does with ST_TileEnvelope's margin), no HTTP, no access policy; both after one "
                            + "untimed pass of the bare "
                            + "query over the tiles (the same database-cache state); ours after the server is warmed on "
                            + "%d other, distinct tiles (zoom 14 and 15) each round; %s%s", n,
                            TILE_ROUNDS, warm14.size(), z < vn.anttmap.service.PublishService.JAVA_TILES_FROM_ZOOM
                                    ? String.format(Locale.ROOT, "below zoom %d points come gathered into cells of %d/4096 of "
                                            + "the tile (4 pixels; a cell's only point as it is, several as one with "
                                            + "point_count), the SQL grouping them the same way; ours has PostGIS gather "
                                            + "and encode the tile (the access policy as its filter; each point's tile "
                                            + "unit by arithmetic on its lon/lat, no geometry made per point; values "
                                            + "read back and written out for single points only), the SQL runs "
                                            + "ST_AsMVTGeom on every point; the tile is %,d bytes (every point, as at "
                                            + "zoom 12 and above, made it 15.8 MB)", vn.anttmap.service.PublishService.EVERY_POINT_FROM_ZOOM,
                                            vn.anttmap.service.PublishService.CLUSTER_UNITS, tileBytes.getOrDefault(z, 0))
                                    : "ours reads each record's point and values (no sort, no geometry object), keeps those "
                                    + "the access policy lets the asker see and encodes them in Java",
                            z == 14 && coldP50 > sqlP50 ? String.format(Locale.ROOT, "; missed by %.2f ms: ours reads the "
                                    + "tile's records, every value crossing from PostgreSQL to Java, checks each against the "
                                    + "access policy, then sends the tile over HTTP; the bare "
                                    + "query has PostGIS encode the rows where it reads them, with a parallel worker on the "
                                    + "second core", coldP50 - sqlP50) : "")));
            ctx.figures().add(Figure.of("z" + z + " tile, cached", cachedP50, "ms (p50)", sqlP50, "lower", "p50 ≤ 2 ms",
                    cachedP50 <= 2, String.format(Locale.ROOT, "200 requests over the same %d tile(s) from a warm keep-alive "
                            + "HTTP/1.1 client (HttpURLConnection, after 500 untimed requests), answered in full (200) from the tile cache; revalidation with If-None-Match "
                            + "(304, as a map client with the tile in its own cache): p50 %.2f ms%s", n, Bench.p50(revalidated.get(z)),
                            cachedP50 <= 2 ? "" : String.format(Locale.ROOT, "; missed: the tile is %,d bytes, and sending "
                                    + "them is the time (the 304 shows what a request costs without them)", tileBytes.getOrDefault(z, 0)))));
        }
    }

    private static String tilePath(int z, int[] t) {
        return "/tiles/incidents/" + z + "/" + t[0] + "/" + t[1] + ".mvt";
    }

    private static int[][] neighbours(int z, double lon, double lat) {
        int n = 1 << z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        double r = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
        List<int[]> out = new ArrayList<>();
        for (int dx = -1; dx <= 1; dx++) {
            for (int dy = -1; dy <= 1; dy++) {
                out.add(new int[]{x + dx, y + dy});
            }
        }
        return out.toArray(int[][]::new);
    }
}
