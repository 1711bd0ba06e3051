package vn.anttmap.store;

import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.FieldDef;
import vn.anttmap.model.Layer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Vector tiles encoded by PostGIS (ST_AsMVT), with the same filters as the feature queries; none on H2GIS. */
final class JdbcTiles implements TileSource {
    private final Database db;

    JdbcTiles(Database db) {
        this.db = db;
    }

    @Override
    public Optional<byte[]> mvt(Layer layer, FeatureQuery q, int z, int x, int y, String layerName, int clusterUnits) {
        if (db.dialect() != Dialect.POSTGIS || !layer.geometryKind().hasColumn()) {
            return Optional.empty();
        }
        if (clusterUnits > 0 && !layer.geometryKind().isPoint()) {
            throw new IllegalArgumentException("only points are gathered into clusters, not " + layer.apiName());
        }
        List<String> names = new ArrayList<>(List.of("id"));
        List<String> written = new ArrayList<>(List.of("id"));
        for (FieldDef f : layer.fields()) {
            names.add(f.name());
            written.add(mvtColumn(f, clusterUnits > 0 ? "i." + f.name() : f.name()));
        }
        List<Object> params = new ArrayList<>();
        String sql;
        if (clusterUnits > 0) {
            // Each point's tile unit by PointTile's arithmetic (no geometry made per point: ST_Transform and
            // ST_AsMVTGeom over a province's points took three quarters of a cold zoom-10 tile).
            org.locationtech.jts.geom.Envelope m = vn.anttmap.geo.WebMercator.tileBounds(z, x, y);
            String r = vn.anttmap.geo.WebMercator.R + "::float8";
            StringBuilder units = new StringBuilder("SELECT id, floor((radians(ST_X(geom)) * " + r + " - ?) * ? + 0.5) AS px, "
                    + "floor((? - ln(tan(pi() / 4 + radians(greatest(-85.05112878, least(85.05112878, ST_Y(geom)))) / 2)) * "
                    + r + ") * ? + 0.5) AS py FROM " + layer.table());
            params.addAll(List.of(m.getMinX(), 4096 / m.getWidth(), m.getMaxY(), 4096 / m.getHeight()));
            JdbcFeatureStore.where(layer, q, units, params);
            sql = clusteredTile(layer.table(), names, written, units.toString(), clusterUnits);
            params.add(layerName); // named last, in the outer query
        } else {
            StringBuilder inner = new StringBuilder("SELECT ST_AsMVTGeom(ST_Transform(geom, 3857), ST_TileEnvelope(?, ?, ?), 4096, 256, true) AS mvt_geom, ")
                    .append(String.join(", ", written)).append(" FROM ").append(layer.table());
            params.addAll(List.of(z, x, y));
            JdbcFeatureStore.where(layer, q, inner, params);
            sql = "SELECT ST_AsMVT(t, ?, 4096, 'mvt_geom') FROM (" + inner + ") t WHERE mvt_geom IS NOT NULL";
            params.add(0, layerName);
        }
        String query = sql;
        return db.read("encoding a tile of " + layer.apiName(), c -> {
            try (PreparedStatement ps = c.prepareStatement(query)) {
                JdbcFeatureStore.bindAll(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    byte[] b = rs.getBytes(1);
                    return Optional.of(b == null ? new byte[0] : b);
                }
            }
        });
    }

    /**
     * ST_AsMVT over the points {@code units} reads (id and tile units px, py) gathered by cells of {@code cell} tile
     * units, those within the tile and its buffer of 256: a cell's only point as it is, its record read back by id
     * with the columns {@code written} (only single points need them, not the hundred thousand a province's low-zoom
     * tile gathers); several as one point at their mean (rounded half up) with cluster and point_count; in the order of
     * each cell's first id, by code point as Java orders them (as {@link vn.anttmap.io.PointTile#clustered}).
     */
    static String clusteredTile(String table, List<String> names, List<String> written, String units, int cell) {
        String all = String.join(", ", names);
        String nulls = names.stream().map(n -> "NULL AS " + n).collect(java.util.stream.Collectors.joining(", "));
        return "WITH p AS (" + units + "), "
                + "q AS (SELECT id, px, py, floor(px / " + cell + ")::int AS cx, floor(py / " + cell + ")::int AS cy FROM p "
                + "WHERE px BETWEEN -256 AND 4352 AND py BETWEEN -256 AND 4352), "
                + "k AS (SELECT cx, cy, count(*) AS n, min(id COLLATE \"C\") AS first_id, floor(avg(px) + 0.5) AS ax, "
                + "floor(avg(py) + 0.5) AS ay FROM q GROUP BY cx, cy) "
                + "SELECT ST_AsMVT(t, ?, 4096, 'mvt_geom') FROM (SELECT mvt_geom, " + all + ", cluster, point_count FROM ("
                + "SELECT k.first_id AS sort_id, ST_Point(k.ax, k.ay) AS mvt_geom, i.id, "
                + String.join(", ", written.subList(1, written.size()))
                + ", NULL::boolean AS cluster, NULL::bigint AS point_count "
                + "FROM k JOIN q USING (cx, cy) JOIN " + table + " i ON i.id = q.id WHERE k.n = 1 "
                + "UNION ALL SELECT first_id, ST_Point(ax, ay), " + nulls + ", true, n FROM k WHERE n > 1"
                + ") u ORDER BY sort_id COLLATE \"C\") t";
    }

    /** A field as a tile carries it (times in Vietnam's offset and days as ISO 8601 text), read from {@code ref}. */
    private static String mvtColumn(FieldDef f, String ref) {
        return switch (f.type()) {
            case TIMESTAMP -> "to_char(" + ref + " AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+07:00\"') AS " + f.name();
            case DATE -> ref + "::text AS " + f.name();
            default -> ref + (ref.equals(f.name()) ? "" : " AS " + f.name());
        };
    }

}
