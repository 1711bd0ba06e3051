package vn.anttmap.store;

import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.Layer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scoring's figures from the database: records counted per group (area) and condition in one pass, and the
 * counts kept up to date on every write ({@link KeptCounts}), read for a period instead of counting again.
 */
final class JdbcCounts {
    private final Database db;
    private final KeptCounts kept;

    JdbcCounts(Database db, KeptCounts kept) {
        this.db = db;
        this.kept = kept;
    }

    void countEach(Layer layer, FeatureQuery scope, String groupBy, List<vn.anttmap.model.Condition.Count> counts,
                          java.util.function.BiConsumer<String, long[]> sink) {
        try (Connection c = db.dataSource().getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                countEach(c, layer, scope, groupBy, counts, sink);
            } finally {
                c.rollback();
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw db.fault("counting " + layer.apiName(), e);
        }
    }

    /** {@link #countEach(Layer, FeatureQuery, String, List, java.util.function.BiConsumer)} in {@code c}'s transaction. */
    private void countEach(Connection c, Layer layer, FeatureQuery scope, String groupBy,
                           List<vn.anttmap.model.Condition.Count> counts, java.util.function.BiConsumer<String, long[]> sink)
            throws SQLException {
        String key = JdbcFeatureStore.column(layer, groupBy);
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
        JdbcFeatureStore.where(layer, scope, sql, params);
        sql.append(" AND ").append(key).append(" IS NOT NULL GROUP BY ").append(key).append(" ORDER BY ").append(key);
        // Not through a cursor: PostgreSQL plans a cursor for its first rows, without parallel workers (three times
        // slower here); the result is one small row per group. On PostgreSQL, for this query alone: no JIT compilation
        // (over four million incidents it compiled for 3.5 s of CPU to save less) and room to group in memory (with
        // the default 4 MB the per-area groups went to disk).
        if (db.dialect() == Dialect.POSTGIS) {
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL jit = off");
                st.execute("SET LOCAL work_mem = '64MB'");
            }
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            JdbcFeatureStore.bindAll(ps, params);
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

    void keep(vn.anttmap.model.Tally tally) {
        kept.keep(tally);
    }

    /** Whether the kept counts answered (else the caller counts). */
    boolean countKept(vn.anttmap.model.Tally tally, int year, java.util.function.BiConsumer<String, long[]> sink) {
        try (Connection c = db.dataSource().getConnection()) {
            if (kept.read(c, tally, year, (conn, t, y, out) -> countEach(conn, t.layer(), FeatureStore.scope(t, y), t.groupBy(),
                    t.counts(y), out), sink)) {
                return true;
            }
        } catch (SQLException e) {
            throw db.fault("reading the kept counts " + tally.name() + " of " + year, e);
        }
        return false;
    }

    private static void condition(Layer layer, vn.anttmap.model.Condition cond, StringBuilder sql, List<Object> params) {
        sql.append("TRUE");
        if (cond.first() != null || cond.last() != null) {
            String day = layer.dateField().orElseThrow(() -> new IllegalArgumentException("layer " + layer.apiName() + " has no date field"));
            JdbcFeatureStore.days(day, cond.first(), cond.last(), sql, params);
        }
        for (Map.Entry<String, java.util.Set<String>> e : cond.in().entrySet()) {
            if (e.getValue().isEmpty()) {
                sql.append(" AND FALSE");
                continue;
            }
            sql.append(" AND ").append(JdbcFeatureStore.column(layer, e.getKey())).append(" IN (")
                    .append(String.join(", ", java.util.Collections.nCopies(e.getValue().size(), "?"))).append(")");
            params.addAll(e.getValue());
        }
        cond.isTrue().forEach(f -> sql.append(" AND ").append(JdbcFeatureStore.column(layer, f)).append(" = TRUE"));
        cond.notTrue().forEach(f -> sql.append(" AND (").append(JdbcFeatureStore.column(layer, f)).append(" IS NULL OR ")
                .append(JdbcFeatureStore.column(layer, f)).append(" = FALSE)"));
        cond.positive().forEach(f -> sql.append(" AND ").append(JdbcFeatureStore.column(layer, f)).append(" > 0"));
        cond.isNull().forEach(f -> sql.append(" AND ").append(JdbcFeatureStore.column(layer, f)).append(" IS NULL"));
    }

    /** A field name checked against the layer, so that nothing but known columns reaches SQL. */

}
