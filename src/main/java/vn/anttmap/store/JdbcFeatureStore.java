package vn.anttmap.store;

import com.zaxxer.hikari.HikariDataSource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import vn.anttmap.geo.GeometryChecks;
import vn.anttmap.model.Feature;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.FieldDef;
import vn.anttmap.model.Layer;
import vn.anttmap.model.VietnamTime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store over JDBC, shared by the H2GIS and PostGIS adapters: the same tables, the same SQL, the few
 * differences in {@link Dialect}. Subclasses only open the connection pool and prepare the database.
 */
abstract class JdbcFeatureStore implements FeatureStore {
    private static final String GEOM_IN = "ST_GeomFromWKB(?, 4326)";

    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final String description;
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();
    private final KeptCounts kept;
    private final ChangeStamps stamps;

    JdbcFeatureStore(HikariDataSource dataSource, Dialect dialect, String description) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.description = description;
        this.kept = new KeptCounts(dialect);
        this.stamps = new ChangeStamps(dialect);
    }

    /** A connection from the pool, for adapter-specific maintenance. */
    Connection dataSourceConnection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Prepares a fresh connection's database before migrations (extensions, spatial functions). */
    abstract void prepare(Connection c) throws SQLException;

    @Override
    public int migrate() {
        try (Connection c = dataSource.getConnection()) {
            prepare(c);
            // Indexes a load set aside and never built (it was interrupted) come back first, before a migration
            // could change what they refer to.
            buildDeferredIndexes(c, null);
            int applied = Migrator.migrate(c, dialect);
            stamps.install(c);
            return applied;
        } catch (SQLException e) {
            throw new StoreException("migration failed on " + description + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int schemaVersion() {
        try (Connection c = dataSource.getConnection()) {
            return Migrator.current(c);
        } catch (SQLException e) {
            throw fault("reading the schema version", e);
        }
    }

    @Override
    public int latestSchemaVersion() {
        return Migrator.latest();
    }

    @Override
    public List<Feature> query(Layer layer, FeatureQuery q) {
        StringBuilder sql = new StringBuilder(select(layer));
        List<Object> params = new ArrayList<>();
        where(layer, q, sql, params);
        sql.append(" ORDER BY id");
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bindAll(ps, params);
            return readAll(layer, ps);
        } catch (SQLException e) {
            throw fault("reading " + layer.apiName(), e);
        }
    }

    @Override
    public void forEach(Layer layer, FeatureQuery q, java.util.function.Consumer<Feature> sink) {
        stream(layer, q, layer.fields(), layer.geometryKind().hasColumn(), sink);
    }

    @Override
    public void forEachPoint(Layer layer, FeatureQuery q, PointSink sink) {
        if (!layer.geometryKind().isPoint()) {
            throw new IllegalArgumentException("layer " + layer.apiName() + " has no points");
        }
        List<FieldDef> fields = layer.fields();
        StringBuilder sql = new StringBuilder("SELECT id");
        fields.forEach(f -> sql.append(", ").append(f.name()));
        // Two numbers instead of WKB, and no ORDER BY: sorting the rows (by the database's collation) was a fifth of
        // the read, and a tile's encoder orders its features itself.
        sql.append(", ST_X(geom) AS lon, ST_Y(geom) AS lat FROM ").append(layer.table());
        List<Object> params = new ArrayList<>();
        where(layer, q, sql, params);
        sql.append(" AND geom IS NOT NULL");
        int lonColumn = fields.size() + 2;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bindAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(rs.getString(1), rs.getDouble(lonColumn), rs.getDouble(lonColumn + 1), values(rs, fields));
                }
            }
        } catch (SQLException e) {
            throw fault("reading " + layer.apiName(), e);
        }
    }

    @Override
    public Optional<byte[]> mvt(Layer layer, FeatureQuery q, int z, int x, int y, String layerName, int clusterUnits) {
        if (dialect != Dialect.POSTGIS || !layer.geometryKind().hasColumn()) {
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
            where(layer, q, units, params);
            sql = clusteredTile(layer.table(), names, written, units.toString(), clusterUnits);
            params.add(layerName); // named last, in the outer query
        } else {
            StringBuilder inner = new StringBuilder("SELECT ST_AsMVTGeom(ST_Transform(geom, 3857), ST_TileEnvelope(?, ?, ?), 4096, 256, true) AS mvt_geom, ")
                    .append(String.join(", ", written)).append(" FROM ").append(layer.table());
            params.addAll(List.of(z, x, y));
            where(layer, q, inner, params);
            sql = "SELECT ST_AsMVT(t, ?, 4096, 'mvt_geom') FROM (" + inner + ") t WHERE mvt_geom IS NOT NULL";
            params.add(0, layerName);
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            bindAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                byte[] b = rs.getBytes(1);
                return Optional.of(b == null ? new byte[0] : b);
            }
        } catch (SQLException e) {
            throw fault("encoding a tile of " + layer.apiName(), e);
        }
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

    @Override
    public void analyze() {
        try (Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute("ANALYZE");
        } catch (SQLException e) {
            throw fault("analysing the tables", e);
        }
    }

    @Override
    public void forEach(Layer layer, FeatureQuery q, List<String> fields, java.util.function.Consumer<Feature> sink) {
        stream(layer, q, fields.stream().map(n -> layer.field(n)
                .orElseThrow(() -> new IllegalArgumentException("no field " + n + " in " + layer.apiName()))).toList(), false, sink);
    }

    /** The matching records, by id, through a database cursor: the named fields, and the geometry if asked. */
    private void stream(Layer layer, FeatureQuery q, List<FieldDef> fields, boolean geometry,
                        java.util.function.Consumer<Feature> sink) {
        StringBuilder sql = new StringBuilder("SELECT id");
        fields.forEach(f -> sql.append(", ").append(f.name()));
        if (geometry) {
            sql.append(", ST_AsBinary(geom) AS geom_wkb");
        }
        sql.append(" FROM ").append(layer.table());
        List<Object> params = new ArrayList<>();
        where(layer, q, sql, params);
        sql.append(" ORDER BY id");
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setFetchSize(10_000);
                bindAll(ps, params);
                read(layer, fields, geometry, ps, sink);
            } finally {
                c.rollback();
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw fault("reading " + layer.apiName(), e);
        }
    }

    @Override
    public List<Feature> page(Layer layer, FeatureQuery q, String afterId, int limit) {
        StringBuilder sql = new StringBuilder(select(layer));
        List<Object> params = new ArrayList<>();
        where(layer, q, sql, params);
        if (afterId != null) {
            sql.append(" AND id > ?");
            params.add(afterId);
        }
        sql.append(" ORDER BY id LIMIT ").append(Math.max(0, limit));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bindAll(ps, params);
            return readAll(layer, ps);
        } catch (SQLException e) {
            throw fault("reading " + layer.apiName(), e);
        }
    }

    @Override
    public List<Aggregate> aggregate(Layer layer, FeatureQuery q, String groupBy, String sumField) {
        String key = groupBy == null ? "NULL" : column(layer, groupBy);
        String sum = sumField == null ? "0" : "COALESCE(SUM(" + column(layer, sumField) + "), 0)";
        StringBuilder sql = new StringBuilder("SELECT " + key + " AS k, COUNT(*) AS n, " + sum + " AS s FROM " + layer.table());
        List<Object> params = new ArrayList<>();
        where(layer, q, sql, params);
        if (groupBy != null) {
            sql.append(" GROUP BY ").append(key).append(" ORDER BY ").append(key);
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bindAll(ps, params);
            List<Aggregate> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Aggregate(rs.getString("k"), rs.getLong("n"), rs.getLong("s")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw fault("aggregating " + layer.apiName(), e);
        }
    }

    /** The advisory lock key under which indexes are set aside and built again. */
    private static final long DEFERRED_INDEX_LOCK = 0x616e74745f696478L;

    @Override
    public Runnable deferIndexes(Layer layer) {
        if (dialect != Dialect.POSTGIS) {
            return () -> {
            };
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT pg_advisory_xact_lock(" + DEFERRED_INDEX_LOCK + ")");
                    // No one writes between the check that the table is empty and the indexes going.
                    st.execute("LOCK TABLE " + layer.table() + " IN SHARE ROW EXCLUSIVE MODE");
                }
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM " + layer.table() + ")")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        c.rollback();
                        return () -> {
                        };
                    }
                }
                List<String[]> indexes = namesAndDefinitions(c, "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x "
                        + "JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = to_regclass(?) AND NOT x.indisprimary "
                        + "AND NOT x.indisunique ORDER BY i.relname", layer.table());
                try (PreparedStatement keep = c.prepareStatement(
                        "INSERT INTO deferred_index (index_name, table_name, definition) VALUES (?, ?, ?)");
                     Statement st = c.createStatement()) {
                    for (String[] index : indexes) {
                        keep.setString(1, index[0]);
                        keep.setString(2, layer.table());
                        keep.setString(3, index[1]);
                        keep.executeUpdate();
                        st.execute("DROP INDEX \"" + index[0].replace("\"", "\"\"") + "\"");
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw fault("setting the indexes of " + layer.apiName() + " aside", e);
        }
        return () -> {
            try (Connection c = dataSource.getConnection()) {
                buildDeferredIndexes(c, layer.table());
            } catch (SQLException e) {
                throw fault("building the indexes of " + layer.apiName(), e);
            }
        };
    }

    /** Index names and their CREATE INDEX statements, as a query with text parameters returns them. */
    private static List<String[]> namesAndDefinitions(Connection c, String sql, String... params) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[]{rs.getString(1), rs.getString(2)});
                }
            }
        }
        return out;
    }

    /** Builds the indexes set aside for a bulk load (of one table, or of every table when {@code table} is null). */
    private void buildDeferredIndexes(Connection c, String table) throws SQLException {
        if (dialect != Dialect.POSTGIS) {
            return;
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('deferred_index') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return; // a database from before migration 6
            }
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (Statement st = c.createStatement()) {
                // One builder at a time (a load's end and another process's start may meet); the second finds the
                // rows gone, or the indexes there, and builds nothing twice.
                st.execute("SELECT pg_advisory_xact_lock(" + DEFERRED_INDEX_LOCK + ")");
            }
            List<String[]> indexes = table == null
                    ? namesAndDefinitions(c, "SELECT index_name, definition FROM deferred_index ORDER BY index_name")
                    : namesAndDefinitions(c, "SELECT index_name, definition FROM deferred_index WHERE table_name = ? "
                    + "ORDER BY index_name", table);
            try (Statement st = c.createStatement();
                 PreparedStatement done = c.prepareStatement("DELETE FROM deferred_index WHERE index_name = ?")) {
                for (String[] index : indexes) {
                    boolean exists;
                    try (PreparedStatement there = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                        there.setString(1, "\"" + index[0].replace("\"", "\"\"") + "\"");
                        try (ResultSet rs = there.executeQuery()) {
                            rs.next();
                            exists = rs.getBoolean(1);
                        }
                    }
                    if (!exists) {
                        st.execute(index[1]);
                    }
                    done.setString(1, index[0]);
                    done.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    @Override
    public Optional<java.time.LocalDate> lastDay(Layer layer, FeatureQuery q) {
        String field = layer.dateField().orElseThrow(() -> new IllegalArgumentException("layer " + layer.apiName() + " has no date field"));
        StringBuilder sql = new StringBuilder("SELECT MAX(" + field + ") FROM " + layer.table());
        List<Object> params = new ArrayList<>();
        where(layer, q, sql, params);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bindAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.ofNullable(rs.getObject(1, java.time.LocalDate.class));
            }
        } catch (SQLException e) {
            throw fault("reading the last day of " + layer.apiName(), e);
        }
    }

    @Override
    public void countEach(Layer layer, FeatureQuery scope, String groupBy, List<vn.anttmap.model.Condition.Count> counts,
                          java.util.function.BiConsumer<String, long[]> sink) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                countEach(c, layer, scope, groupBy, counts, sink);
            } finally {
                c.rollback();
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw fault("counting " + layer.apiName(), e);
        }
    }

    /** {@link #countEach(Layer, FeatureQuery, String, List, java.util.function.BiConsumer)} in {@code c}'s transaction. */
    private void countEach(Connection c, Layer layer, FeatureQuery scope, String groupBy,
                           List<vn.anttmap.model.Condition.Count> counts, java.util.function.BiConsumer<String, long[]> sink)
            throws SQLException {
        String key = column(layer, groupBy);
        StringBuilder sql = new StringBuilder("SELECT ").append(key);
        List<Object> params = new ArrayList<>();
        for (vn.anttmap.model.Condition.Count count : counts) {
            if (count.anyOf().isEmpty()) {
                sql.append(", 0");
                continue;
            }
            sql.append(", COUNT(*) FILTER (WHERE ");
            for (int i = 0; i < count.anyOf().size(); i++) {
                sql.append(i == 0 ? "(" : " OR (");
                condition(layer, count.anyOf().get(i), sql, params);
                sql.append(")");
            }
            sql.append(")");
        }
        sql.append(" FROM ").append(layer.table());
        where(layer, scope, sql, params);
        sql.append(" AND ").append(key).append(" IS NOT NULL GROUP BY ").append(key).append(" ORDER BY ").append(key);
        // Not through a cursor: PostgreSQL plans a cursor for its first rows, without parallel workers (three times
        // slower here); the result is one small row per group. On PostgreSQL, for this query alone: no JIT compilation
        // (over four million incidents it compiled for 3.5 s of CPU to save less) and room to group in memory (with
        // the default 4 MB the per-area groups went to disk).
        if (dialect == Dialect.POSTGIS) {
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL jit = off");
                st.execute("SET LOCAL work_mem = '64MB'");
            }
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bindAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long[] n = new long[counts.size()];
                    for (int i = 0; i < n.length; i++) {
                        n[i] = rs.getLong(i + 2);
                    }
                    sink.accept(rs.getString(1), n);
                }
            }
        }
    }

    @Override
    public void keep(vn.anttmap.model.Tally tally) {
        kept.keep(tally);
    }

    @Override
    public void countKept(vn.anttmap.model.Tally tally, int year, java.util.function.BiConsumer<String, long[]> sink) {
        try (Connection c = dataSource.getConnection()) {
            if (kept.read(c, tally, year, (conn, t, y, out) -> countEach(conn, t.layer(), FeatureStore.scope(t, y), t.groupBy(),
                    t.counts(y), out), sink)) {
                return;
            }
        } catch (SQLException e) {
            throw fault("reading the kept counts " + tally.name() + " of " + year, e);
        }
        FeatureStore.super.countKept(tally, year, sink);
    }

    /** Days {@code first..last} (inclusive, either may be null) on the date column {@code day}. */
    private static void days(String day, java.time.LocalDate first, java.time.LocalDate last, StringBuilder sql, List<Object> params) {
        if (first != null) {
            sql.append(" AND ").append(day).append(" >= ?");
            params.add(first);
        }
        if (last != null) {
            sql.append(" AND ").append(day).append(" <= ?");
            params.add(last);
        }
    }

    /** A {@link vn.anttmap.model.Condition} as SQL, with the same meaning as its {@code matches}. */
    private static void condition(Layer layer, vn.anttmap.model.Condition cond, StringBuilder sql, List<Object> params) {
        sql.append("TRUE");
        if (cond.first() != null || cond.last() != null) {
            String day = layer.dateField().orElseThrow(() -> new IllegalArgumentException("layer " + layer.apiName() + " has no date field"));
            days(day, cond.first(), cond.last(), sql, params);
        }
        for (Map.Entry<String, java.util.Set<String>> e : cond.in().entrySet()) {
            if (e.getValue().isEmpty()) {
                sql.append(" AND FALSE");
                continue;
            }
            sql.append(" AND ").append(column(layer, e.getKey())).append(" IN (")
                    .append(String.join(", ", java.util.Collections.nCopies(e.getValue().size(), "?"))).append(")");
            params.addAll(e.getValue());
        }
        cond.isTrue().forEach(f -> sql.append(" AND ").append(column(layer, f)).append(" = TRUE"));
        cond.notTrue().forEach(f -> sql.append(" AND (").append(column(layer, f)).append(" IS NULL OR ")
                .append(column(layer, f)).append(" = FALSE)"));
        cond.positive().forEach(f -> sql.append(" AND ").append(column(layer, f)).append(" > 0"));
        cond.isNull().forEach(f -> sql.append(" AND ").append(column(layer, f)).append(" IS NULL"));
    }

    /** A field name checked against the layer, so that nothing but known columns reaches SQL. */
    private static String column(Layer layer, String field) {
        if (!field.equals("id") && layer.field(field).isEmpty()) {
            throw new IllegalArgumentException("layer " + layer.apiName() + " has no field " + field);
        }
        return field;
    }

    private static void bindAll(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    private static void where(Layer layer, FeatureQuery q, StringBuilder sql, List<Object> params) {
        sql.append(" WHERE 1 = 1");
        if (q.bbox() != null && layer.geometryKind().hasColumn()) {
            Envelope b = q.bbox();
            // A point meets a box exactly when its box does: the index test alone is exact for point layers. Repeating
            // it as ST_Intersects would cost a test per row and make the planner square the box's selectivity (it
            // then expected 10 rows of a 1,300-row tile).
            boolean points = layer.geometryKind().isPoint();
            sql.append(points ? " AND geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)" : " AND geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)"
                    + " AND ST_Intersects(geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))");
            for (int i = 0; i < (points ? 1 : 2); i++) {
                params.add(b.getMinX());
                params.add(b.getMinY());
                params.add(b.getMaxX());
                params.add(b.getMaxY());
            }
        }
        if (q.at() != null && layer.hasValidity()) {
            sql.append(" AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)");
            params.add(q.at());
            params.add(q.at());
        }
        layer.dateField().ifPresent(day -> days(day, q.from(), q.to(), sql, params));
        if (q.wardId() != null) {
            sql.append(layer == Layer.WARDS ? " AND id = ?" : " AND ward_id = ?");
            params.add(q.wardId());
        }
        if (q.areaId() != null && layer.field("area_id").isPresent()) {
            sql.append(" AND area_id = ?");
            params.add(q.areaId());
        } else if (q.areaId() != null && layer == Layer.AREAS) {
            sql.append(" AND id = ?");
            params.add(q.areaId());
        }
        for (Map.Entry<String, Object> e : q.equal().entrySet()) {
            sql.append(" AND ").append(column(layer, e.getKey())).append(" = ?");
            params.add(e.getValue());
        }
    }

    @Override
    public Optional<Feature> get(Layer layer, String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(select(layer) + " WHERE id = ?")) {
            ps.setString(1, id);
            return readAll(layer, ps).stream().findFirst();
        } catch (SQLException e) {
            throw fault("reading " + layer.apiName() + " " + id, e);
        }
    }

    @Override
    public Map<Layer, Long> counts() {
        Map<Layer, Long> out = new EnumMap<>(Layer.class);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (Layer layer : Layer.values()) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + layer.table())) {
                    rs.next();
                    out.put(layer, rs.getLong(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw fault("counting rows", e);
        }
    }

    @Override
    public void write(WriteBatch batch) {
        try (Connection c = dataSource.getConnection()) {
            KeptCounts.Session counts = kept.session(c);
            c.setAutoCommit(false);
            try {
                stamps.begin(c);
                java.util.Set<Layer> written = java.util.EnumSet.noneOf(Layer.class);
                batch.upserts().forEach(u -> written.add(u.layer()));
                batch.deletes().forEach(d -> written.add(d.layer()));
                if (!batch.expectations().isEmpty()) {
                    // The kept counts' locks before the records' rows, in the order every writer takes them (an
                    // import takes a layer's lock, then replaces its rows): no two writers wait for each other.
                    for (Layer layer : written) {
                        counts.tracks(layer);
                    }
                }
                Map<Layer, Map<String, WriteBatch.Expectation>> mustBeNew = checkExpectations(c, batch.expectations());
                for (WriteBatch.Upsert u : batch.upserts()) {
                    Map<String, WriteBatch.Expectation> fresh = mustBeNew.getOrDefault(u.layer(), Map.of());
                    List<Feature> replacing = u.features().stream().filter(f -> !fresh.containsKey(f.id())).toList();
                    List<Feature> inserting = u.features().stream().filter(f -> fresh.containsKey(f.id())).toList();
                    if (!inserting.isEmpty()) {
                        insertNew(c, u.layer(), inserting, fresh, counts);
                    }
                    if (!replacing.isEmpty()) {
                        upsert(c, u.layer(), replacing, counts);
                    }
                }
                for (WriteBatch.Delete d : batch.deletes()) {
                    if (counts.tracks(d.layer())) {
                        counts.removed(d.layer(), byIds(c, d.layer(), d.ids()));
                    }
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + d.layer().table() + " WHERE id = ?")) {
                        for (String id : d.ids()) {
                            ps.setString(1, id);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                for (WriteBatch.ReadBack r : batch.readBacks()) {
                    try (PreparedStatement ps = c.prepareStatement(select(r.layer()) + " WHERE id = ?")) {
                        ps.setString(1, r.id());
                        r.sink().accept(readAll(r.layer(), ps).stream().findFirst().orElse(null));
                    }
                }
                counts.finish();
                for (vn.anttmap.model.AuditEntry e : batch.auditEntries()) {
                    insertAudit(c, e);
                }
                stamps.raise(c, written);
                c.commit();
                version.incrementAndGet();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (DuplicateRecord d) {
            // Another writer made the record this batch expected absent, between the check and the insert.
            WriteBatch.Expectation x = d.expectation;
            throw new StaleRecordException(x.layer(), x.id(), get(x.layer(), x.id()).map(x.version()).orElse(null));
        } catch (SQLException e) {
            throw fault("writing " + batch.size() + " records (nothing was written)", e);
        }
    }

    /**
     * Locks each expected record's row ({@code SELECT … FOR UPDATE}, in layer and id order so that two batches never
     * wait for each other in a circle) and checks it is as expected; the lock holds until the transaction ends, so
     * no other writer can change the record between the check and this batch's write. A writer that holds the row
     * makes this one wait for its commit; this one then reads the row as committed (PostgreSQL and H2 both re-read a
     * row locked FOR UPDATE after waiting for it), finds the version changed, and refuses.
     *
     * @return by layer and id, the expectations of absence (those records are inserted, never replaced)
     * @throws StaleRecordException when an expectation does not hold (the caller rolls back)
     */
    private Map<Layer, Map<String, WriteBatch.Expectation>> checkExpectations(Connection c, List<WriteBatch.Expectation> expectations)
            throws SQLException {
        Map<Layer, Map<String, WriteBatch.Expectation>> mustBeNew = new EnumMap<>(Layer.class);
        if (expectations.isEmpty()) {
            return mustBeNew;
        }
        if (dialect == Dialect.H2GIS) {
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCK_TIMEOUT 60000"); // another writer (or process) may hold the row until it commits
            }
        }
        List<WriteBatch.Expectation> ordered = new ArrayList<>(expectations);
        ordered.sort(java.util.Comparator.comparing((WriteBatch.Expectation x) -> x.layer()).thenComparing(WriteBatch.Expectation::id));
        for (WriteBatch.Expectation x : ordered) {
            Feature current;
            try (PreparedStatement ps = c.prepareStatement(select(x.layer()) + " WHERE id = ? FOR UPDATE")) {
                ps.setString(1, x.id());
                current = readAll(x.layer(), ps).stream().findFirst().orElse(null);
            }
            String version = current == null ? null : x.version().apply(current);
            if (!java.util.Objects.equals(version, x.expected())) {
                throw new StaleRecordException(x.layer(), x.id(), version);
            }
            if (x.expected() == null) {
                mustBeNew.computeIfAbsent(x.layer(), l -> new java.util.HashMap<>()).put(x.id(), x);
            }
        }
        return mustBeNew;
    }

    /** A record expected absent found present by its insert (a duplicate key): the expectation did not hold. */
    private static final class DuplicateRecord extends SQLException {
        final transient WriteBatch.Expectation expectation;

        DuplicateRecord(WriteBatch.Expectation expectation, SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
            this.expectation = expectation;
        }
    }

    /** A layer's row as written: id, every field, then the geometry when the layer has one (bindRow's order). */
    private static List<String> rowColumns(Layer layer) {
        List<String> columns = new ArrayList<>();
        columns.add("id");
        layer.fields().forEach(f -> columns.add(f.name()));
        if (layer.geometryKind().hasColumn()) {
            columns.add("geom");
        }
        return columns;
    }

    /** The placeholders of {@link #rowColumns}: the geometry read from WKB. */
    private static List<String> rowPlaceholders(Layer layer) {
        List<String> placeholders = new ArrayList<>(java.util.Collections.nCopies(1 + layer.fields().size(), "?"));
        if (layer.geometryKind().hasColumn()) {
            placeholders.add(GEOM_IN);
        }
        return placeholders;
    }

    /**
     * Inserts records expected absent with a plain INSERT, so that one made meanwhile by another writer (whose row no
     * lock could cover while it did not exist) fails this batch with a duplicate key instead of being replaced.
     */
    private void insertNew(Connection c, Layer layer, List<Feature> features, Map<String, WriteBatch.Expectation> expected,
                           KeptCounts.Session counts) throws SQLException {
        counts.tracks(layer); // nothing replaced: nothing to take out of kept counts
        List<String> columns = rowColumns(layer);
        List<String> placeholders = rowPlaceholders(layer);
        boolean geom = layer.geometryKind().hasColumn();
        WKBWriter wkb = new WKBWriter(2);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + layer.table() + " (" + String.join(", ", columns)
                + ") VALUES (" + String.join(", ", placeholders) + ")")) {
            for (Feature feature : features) {
                bindRow(ps, layer, feature, geom, wkb);
                try {
                    ps.executeUpdate();
                } catch (SQLException e) {
                    // 23505: a duplicate key on both; 90131: H2's concurrent update of the same key.
                    if ("23505".equals(e.getSQLState()) || e.getErrorCode() == 90131) {
                        throw new DuplicateRecord(expected.get(feature.id()), e);
                    }
                    throw e;
                }
            }
        }
        counts.added(layer, features);
    }

    /** Binds a record's id, fields and geometry (if the layer has one) as parameters 1, 2, …. */
    private static void bindRow(PreparedStatement ps, Layer layer, Feature feature, boolean geom, WKBWriter wkb) throws SQLException {
        int i = 1;
        ps.setString(i++, feature.id());
        for (FieldDef f : layer.fields()) {
            bind(ps, i++, f, feature.get(f.name()));
        }
        if (geom) {
            if (feature.geometry() == null) {
                ps.setNull(i, Types.BINARY);
            } else {
                ps.setBytes(i, wkb.write(feature.geometry()));
            }
        }
    }

    @Override
    public long dataVersion() {
        return version.get();
    }

    @Override
    public long changeStamp(java.util.Collection<Layer> layers) {
        try (Connection c = dataSource.getConnection()) {
            if (!stamps.schemaReady(c)) {
                return version.get(); // a database not yet migrated: this process's writes only
            }
            return stamps.sum(c, layers);
        } catch (SQLException e) {
            throw fault("reading the change stamps", e);
        }
    }

    @Override
    public Optional<vn.anttmap.model.Account> account(String username) {
        return accountsWhere(" WHERE username = ?", username).stream().findFirst();
    }

    @Override
    public List<vn.anttmap.model.Account> accounts() {
        return accountsWhere("", null);
    }

    private List<vn.anttmap.model.Account> accountsWhere(String where, String arg) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT username, password_hash, role, ward_id, created_at FROM user_account"
                     + where + " ORDER BY username")) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            List<vn.anttmap.model.Account> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new vn.anttmap.model.Account(rs.getString(1), rs.getString(2),
                            vn.anttmap.model.Account.Role.valueOf(rs.getString(3)), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw fault("reading accounts", e);
        }
    }

    @Override
    public void saveAccount(vn.anttmap.model.Account a) {
        try (Connection c = dataSource.getConnection()) {
            inTransaction(c, () -> {
                try (PreparedStatement ps = c.prepareStatement(dialect.upsert("user_account",
                        List.of("username", "password_hash", "role", "ward_id", "created_at"), List.of("?", "?", "?", "?", "?"))
                        .replace("KEY (id)", "KEY (username)").replace("ON CONFLICT (id)", "ON CONFLICT (username)")
                        .replace("username = EXCLUDED.username, ", ""))) {
                    ps.setString(1, a.username());
                    ps.setString(2, a.passwordHash());
                    ps.setString(3, a.role().name());
                    ps.setString(4, a.wardId());
                    ps.setObject(5, a.createdAt());
                    ps.executeUpdate();
                }
                endCredentials(c, a.username());
                return null;
            });
            version.incrementAndGet();
        } catch (SQLException e) {
            throw fault("saving an account", e);
        }
    }

    @Override
    public boolean removeAccount(String username) {
        try (Connection c = dataSource.getConnection()) {
            return inTransaction(c, () -> {
                endCredentials(c, username);
                try (PreparedStatement a = c.prepareStatement("DELETE FROM user_account WHERE username = ?")) {
                    a.setString(1, username);
                    return a.executeUpdate() > 0;
                }
            });
        } catch (SQLException e) {
            throw fault("removing an account", e);
        }
    }

    @Override
    public boolean endCredentials(String username) {
        try (Connection c = dataSource.getConnection()) {
            return inTransaction(c, () -> endCredentials(c, username));
        } catch (SQLException e) {
            throw fault("ending a user's sessions and tokens", e);
        }
    }

    /** Raises the account's epoch and removes its sessions and tokens; whether the account exists. */
    private static boolean endCredentials(Connection c, String username) throws SQLException {
        int n;
        try (PreparedStatement ps = c.prepareStatement("UPDATE user_account SET credential_epoch = credential_epoch + 1 "
                + "WHERE username = ?")) {
            ps.setString(1, username);
            n = ps.executeUpdate();
        }
        for (String table : List.of("user_session", "api_token")) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE username = ?")) {
                ps.setString(1, username);
                ps.executeUpdate();
            }
        }
        return n > 0;
    }

    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private static <T> T inTransaction(Connection c, SqlWork<T> work) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            T out = work.run();
            c.commit();
            return out;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    @Override
    public boolean saveToken(String tokenHash, String username, String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO api_token (token_hash, username, name, created_at, "
                     + "credential_epoch) SELECT ?, username, ?, ?, credential_epoch FROM user_account WHERE username = ?")) {
            ps.setString(1, tokenHash);
            ps.setString(2, name);
            ps.setObject(3, OffsetDateTime.now());
            ps.setString(4, username);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw fault("saving a token", e);
        }
    }

    private static final String ACCOUNT_COLUMNS = "a.username, a.password_hash, a.role, a.ward_id, a.created_at";

    private static vn.anttmap.model.Account account(ResultSet rs) throws SQLException {
        return new vn.anttmap.model.Account(rs.getString(1), rs.getString(2),
                vn.anttmap.model.Account.Role.valueOf(rs.getString(3)), rs.getString(4), rs.getObject(5, OffsetDateTime.class));
    }

    @Override
    public Optional<vn.anttmap.model.Account> tokenAccount(String tokenHash) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + ACCOUNT_COLUMNS + " FROM api_token t JOIN user_account a "
                     + "ON a.username = t.username AND a.credential_epoch = t.credential_epoch WHERE t.token_hash = ?")) {
            ps.setString(1, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(account(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw fault("reading a token", e);
        }
    }

    @Override
    public List<vn.anttmap.model.ApiToken> tokens(String username) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT token_hash, username, name, created_at FROM api_token "
                     + "WHERE username = ? ORDER BY created_at, token_hash")) {
            ps.setString(1, username);
            List<vn.anttmap.model.ApiToken> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new vn.anttmap.model.ApiToken(rs.getString(1).substring(0, 16), rs.getString(2), rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw fault("reading tokens", e);
        }
    }

    @Override
    public int removeTokens(String username, String idOrName) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM api_token WHERE username = ? AND (name = ? "
                     + "OR token_hash LIKE ?)")) {
            ps.setString(1, username);
            ps.setString(2, idOrName);
            // An id is the first 16 hex digits of the hash; anything else names tokens only.
            ps.setString(3, idOrName.matches("[0-9a-f]{16}") ? idOrName + "%" : "-");
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw fault("removing tokens", e);
        }
    }

    @Override
    public boolean saveSession(String idHash, String username, String passwordHash, String csrf, java.time.Instant now,
                               java.time.Instant expires) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement old = c.prepareStatement("DELETE FROM user_session WHERE expires_at < ?")) {
                old.setObject(1, OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC));
                old.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO user_session (id_hash, username, credential_epoch, "
                    + "csrf, created_at, expires_at) SELECT ?, username, credential_epoch, ?, ?, ? FROM user_account "
                    + "WHERE username = ? AND password_hash = ?")) {
                ps.setString(1, idHash);
                ps.setString(2, csrf);
                ps.setObject(3, OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC));
                ps.setObject(4, OffsetDateTime.ofInstant(expires, java.time.ZoneOffset.UTC));
                ps.setString(5, username);
                ps.setString(6, passwordHash);
                return ps.executeUpdate() > 0;
            }
        } catch (SQLException e) {
            throw fault("saving a session", e);
        }
    }

    @Override
    public Optional<vn.anttmap.model.AccountSession> session(String idHash) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + ACCOUNT_COLUMNS + ", s.csrf, s.expires_at FROM user_session s "
                     + "JOIN user_account a ON a.username = s.username AND a.credential_epoch = s.credential_epoch "
                     + "WHERE s.id_hash = ?")) {
            ps.setString(1, idHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new vn.anttmap.model.AccountSession(account(rs), rs.getString(6),
                        rs.getObject(7, OffsetDateTime.class).toInstant())) : Optional.empty();
            }
        } catch (SQLException e) {
            throw fault("reading a session", e);
        }
    }

    @Override
    public void removeSession(String idHash) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM user_session WHERE id_hash = ?")) {
            ps.setString(1, idHash);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw fault("removing a session", e);
        }
    }

    @Override
    public void appendAudit(vn.anttmap.model.AuditEntry entry) {
        try (Connection c = dataSource.getConnection()) {
            insertAudit(c, entry);
        } catch (SQLException e) {
            throw fault("writing the audit log", e);
        }
    }

    private static void insertAudit(Connection c, vn.anttmap.model.AuditEntry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (id, at, username, action, layer, record_id, "
                + "before_json, after_json, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, e.id());
            ps.setObject(2, e.at());
            ps.setString(3, e.username());
            ps.setString(4, e.action());
            ps.setString(5, e.layer());
            ps.setString(6, e.recordId());
            ps.setString(7, e.beforeJson());
            ps.setString(8, e.afterJson());
            ps.setString(9, e.detail());
            ps.executeUpdate();
        }
    }

    @Override
    public Optional<vn.anttmap.model.AuditEntry> lastAudit(String layer, String recordId) {
        String sql = "SELECT id, at, username, action, layer, record_id, before_json, after_json, detail FROM audit_log "
                + "WHERE layer = ? AND record_id = ? ORDER BY at DESC, id DESC";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, layer);
            ps.setString(2, recordId);
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(auditEntry(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading the audit log of " + layer + " '" + recordId + "' failed", e);
        }
    }

    private static vn.anttmap.model.AuditEntry auditEntry(ResultSet rs) throws SQLException {
        OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
        return new vn.anttmap.model.AuditEntry(rs.getString(1), VietnamTime.inVietnam(at), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
    }

    @Override
    public List<vn.anttmap.model.AuditEntry> audit(String username, String layer, OffsetDateTime from, OffsetDateTime to, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, at, username, action, layer, record_id, before_json, after_json, detail "
                + "FROM audit_log WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (username != null) {
            sql.append(" AND username = ?");
            params.add(username);
        }
        if (layer != null) {
            sql.append(" AND layer = ?");
            params.add(layer);
        }
        if (from != null) {
            sql.append(" AND at >= ?");
            params.add(from);
        }
        if (to != null) {
            sql.append(" AND at <= ?");
            params.add(to);
        }
        sql.append(" ORDER BY at DESC, id DESC");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bindAll(ps, params);
            ps.setMaxRows(limit);
            List<vn.anttmap.model.AuditEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(auditEntry(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw fault("reading the audit log", e);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** Batches at least this large go to PostgreSQL by COPY (a temporary table, then one INSERT … ON CONFLICT). */
    static final int COPY_THRESHOLD = 1_000;

    /** With {@code counts}: hands the records it replaces to {@code counts} first. */
    private void copyUpsert(Connection c, Layer layer, List<Feature> features, KeptCounts.Session counts) throws SQLException {
        List<String> columns = new ArrayList<>();
        columns.add("id");
        layer.fields().forEach(f -> columns.add(f.name()));
        boolean geom = layer.geometryKind().hasColumn();
        if (geom) {
            columns.add("geom");
        }
        String cols = String.join(", ", columns);
        CopyText text = new CopyText(features.size());
        for (Feature feature : features) {
            text.value(feature.id());
            for (FieldDef f : layer.fields()) {
                text.value(feature.get(f.name()));
            }
            if (geom) {
                text.geometry(feature.geometry());
            }
            text.endRow();
        }
        org.postgresql.copy.CopyManager copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
        // New records (a bulk load's) go straight into the table: a sixth faster than through a temporary table.
        // When one of the ids is taken, that COPY is undone and the batch is upserted as below.
        java.sql.Savepoint before = c.setSavepoint();
        try {
            copy.copyIn("COPY " + layer.table() + " (" + cols + ") FROM STDIN", text.stream());
            c.releaseSavepoint(before);
            return; // all new: nothing replaced
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(before);
        } catch (java.io.IOException e) {
            throw new SQLException("COPY into " + layer.table() + " failed", e);
        }
        try (java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE TEMPORARY TABLE antt_copy (LIKE " + layer.table() + " INCLUDING DEFAULTS) ON COMMIT DROP");
        }
        try {
            copy.copyIn("COPY antt_copy (" + cols + ") FROM STDIN", text.stream());
        } catch (java.io.IOException e) {
            throw new SQLException("COPY into " + layer.table() + " failed", e);
        }
        if (counts != null) {
            try (PreparedStatement ps = c.prepareStatement(select(layer, false) + " WHERE id IN (SELECT id FROM antt_copy)")) {
                List<Feature> replaced = new ArrayList<>();
                read(layer, layer.fields(), false, ps, replaced::add);
                counts.removed(layer, replaced);
            }
        }
        String updates = columns.stream().filter(x -> !x.equals("id")).map(x -> x + " = EXCLUDED." + x)
                .collect(java.util.stream.Collectors.joining(", "));
        try (java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO " + layer.table() + " (" + cols + ") SELECT " + cols + " FROM antt_copy"
                    + " ON CONFLICT (id) DO UPDATE SET " + updates);
            st.execute("DROP TABLE antt_copy");
        }
    }


    private void upsert(Connection c, Layer layer, List<Feature> features, KeptCounts.Session counts) throws SQLException {
        // Before writing: the lock of a layer with kept counts, and the records this write replaces.
        boolean tracked = counts.tracks(layer);
        if (dialect == Dialect.POSTGIS && features.size() >= COPY_THRESHOLD) {
            copyUpsert(c, layer, features, tracked ? counts : null);
            counts.added(layer, features);
            return;
        }
        if (tracked) {
            counts.removed(layer, byIds(c, layer, features.stream().map(Feature::id).toList()));
        }
        List<String> columns = rowColumns(layer);
        List<String> placeholders = rowPlaceholders(layer);
        boolean geom = layer.geometryKind().hasColumn();
        WKBWriter wkb = new WKBWriter(2);
        try (PreparedStatement ps = c.prepareStatement(dialect.upsert(layer.table(), columns, placeholders))) {
            for (Feature feature : features) {
                bindRow(ps, layer, feature, geom, wkb);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        counts.added(layer, features);
    }

    /** The stored records with these ids (no geometry), as they are in {@code c}'s transaction. */
    private static List<Feature> byIds(Connection c, Layer layer, List<String> someIds) throws SQLException {
        List<String> ids = someIds.stream().distinct().toList(); // each record once, however often it is named
        List<Feature> out = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> part = ids.subList(from, Math.min(ids.size(), from + 500));
            try (PreparedStatement ps = c.prepareStatement(select(layer, false) + " WHERE id IN ("
                    + String.join(", ", java.util.Collections.nCopies(part.size(), "?")) + ")")) {
                for (int i = 0; i < part.size(); i++) {
                    ps.setString(i + 1, part.get(i));
                }
                read(layer, layer.fields(), false, ps, out::add);
            }
        }
        return out;
    }

    private static void bind(PreparedStatement ps, int i, FieldDef f, Object v) throws SQLException {
        if (v == null) {
            ps.setNull(i, switch (f.type()) {
                case TEXT -> Types.VARCHAR;
                case INTEGER -> Types.INTEGER;
                case DOUBLE -> Types.DOUBLE;
                case BOOLEAN -> Types.BOOLEAN;
                case DATE -> Types.DATE;
                case TIMESTAMP -> Types.TIMESTAMP_WITH_TIMEZONE;
            });
            return;
        }
        switch (f.type()) {
            case TEXT -> ps.setString(i, v.toString());
            case INTEGER -> ps.setInt(i, Math.toIntExact(((Number) v).longValue())); // out of range: an error, not wrapped
            case DOUBLE -> ps.setDouble(i, ((Number) v).doubleValue());
            case BOOLEAN -> ps.setBoolean(i, (Boolean) v);
            case DATE, TIMESTAMP -> ps.setObject(i, v);
        }
    }

    private static String select(Layer layer) {
        return select(layer, layer.geometryKind().hasColumn());
    }

    /** SELECT of a layer's id and fields, and of its geometry (as WKB) if asked. */
    private static String select(Layer layer, boolean geometry) {
        StringBuilder sql = new StringBuilder("SELECT id");
        for (FieldDef f : layer.fields()) {
            sql.append(", ").append(f.name());
        }
        if (geometry) {
            sql.append(", ST_AsBinary(geom) AS geom_wkb");
        }
        return sql.append(" FROM ").append(layer.table()).toString();
    }

    private static List<Feature> readAll(Layer layer, PreparedStatement ps) throws SQLException {
        List<Feature> out = new ArrayList<>();
        read(layer, ps, out::add);
        return out;
    }

    private static void read(Layer layer, PreparedStatement ps, java.util.function.Consumer<Feature> out) throws SQLException {
        read(layer, layer.fields(), layer.geometryKind().hasColumn(), ps, out);
    }

    private static void read(Layer layer, List<FieldDef> fields, boolean geometry, PreparedStatement ps,
                             java.util.function.Consumer<Feature> out) throws SQLException {
        WKBReader wkb = new WKBReader(GeometryChecks.WGS84);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, Object> props = new LinkedHashMap<>();
                for (FieldDef f : fields) {
                    props.put(f.name(), read(rs, f));
                }
                Geometry g = null;
                if (geometry) {
                    byte[] bytes = rs.getBytes("geom_wkb");
                    if (bytes != null) {
                        try {
                            g = wkb.read(bytes);
                            g.setSRID(4326);
                        } catch (ParseException e) {
                            throw new StoreException("unreadable geometry in " + layer.table() + " " + rs.getString("id"), e);
                        }
                    }
                }
                out.accept(new Feature(rs.getString("id"), g, props));
            }
        }
    }

    /** The current row's values of {@code fields}, read from columns 2, 3, …: one row's work, which the JIT compiles early. */
    private static Object[] values(ResultSet rs, List<FieldDef> fields) throws SQLException {
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = read(rs, i + 2, fields.get(i));
        }
        return values;
    }

    private static Object read(ResultSet rs, FieldDef f) throws SQLException {
        return read(rs, rs.findColumn(f.name()), f);
    }

    /** The typed value of field {@code f} in column {@code col} of the current row, {@code null} where unset. */
    private static Object read(ResultSet rs, int col, FieldDef f) throws SQLException {
        Object v = switch (f.type()) {
            case TEXT -> rs.getString(col);
            case INTEGER -> rs.getInt(col);
            case DOUBLE -> rs.getDouble(col);
            case BOOLEAN -> rs.getBoolean(col);
            case DATE -> rs.getObject(col, LocalDate.class);
            case TIMESTAMP -> {
                OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
                yield t == null ? null : VietnamTime.inVietnam(t);
            }
        };
        return rs.wasNull() ? null : v;
    }

    private StoreException fault(String what, SQLException e) {
        return new StoreException(what + " failed on " + description + ": " + e.getMessage(), e);
    }
}
