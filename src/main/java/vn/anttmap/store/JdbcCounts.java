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

    /** The statuses counted as handled, and as open ({@link vn.anttmap.model.IncidentLifecycle}), as SQL lists. */
    private static final String HANDLED = "('handled', 'closed')";
    private static final String OPEN = "('received', 'assigned', 'verified')";

    /**
     * {@link FeatureStore#wardFigures}: one grouped pass over the window's incidents of the wards (by day and ward:
     * {@code incident_day_idx} or {@code incident_ward_day_idx}, as the planner finds best) that also gives the totals
     * over all of them where the database has grouping sets (PostgreSQL; on H2 the totals are a second query), and one
     * grouped pass over the wards' cameras; otherwise the same SQL on both stores. Minutes are ordered as double
     * precision: H2 interpolates an integer column's percentile in integers.
     */
    vn.anttmap.model.WardFigures wardFigures(java.util.Collection<String> wardIds, java.time.LocalDate from,
                                             java.time.LocalDate to) {
        if (wardIds != null && wardIds.isEmpty()) {
            return new vn.anttmap.model.WardFigures(Map.of(), vn.anttmap.model.IncidentFigures.NONE, Map.of());
        }
        List<String> wards = wardIds == null ? null : List.copyOf(new java.util.TreeSet<>(wardIds));
        String figures = FIGURES;
        StringBuilder where = new StringBuilder(" WHERE occurred_on >= ? AND occurred_on <= ?");
        List<Object> params = new ArrayList<>(List.of(from, to));
        StringBuilder cameraWhere = new StringBuilder(" WHERE ward_id IS NOT NULL");
        List<Object> cameraParams = new ArrayList<>();
        if (wards == null) {
            where.append(" AND ward_id IS NOT NULL");
        } else {
            String in = " AND ward_id IN (" + String.join(", ", java.util.Collections.nCopies(wards.size(), "?")) + ")";
            where.append(in);
            params.addAll(wards);
            cameraWhere.append(in);
            cameraParams.addAll(wards);
        }
        boolean sets = db.dialect().groupingSets();
        String perWard = sets ? "SELECT ward_id, " + figures + ", GROUPING(ward_id) FROM incident" + where
                + " GROUP BY GROUPING SETS ((ward_id), ())" : "SELECT ward_id, " + figures + " FROM incident" + where + " GROUP BY ward_id";
        String total = "SELECT NULL, " + figures + " FROM incident" + where;
        String cameras = "SELECT ward_id, COUNT(*), COUNT(*) FILTER (WHERE status = 'active'), "
                + "COUNT(*) FILTER (WHERE footage_sharing = TRUE) FROM camera" + cameraWhere + " GROUP BY ward_id";
        return db.read("counting the wards' incidents and cameras", c -> {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                if (db.dialect() == Dialect.POSTGIS) {
                    // As countEach: no JIT for one aggregation, and room to sort the minutes in memory.
                    try (Statement st = c.createStatement()) {
                        st.execute("SET LOCAL jit = off");
                        st.execute("SET LOCAL work_mem = '64MB'");
                    }
                }
                Map<String, vn.anttmap.model.IncidentFigures> byWard = new java.util.TreeMap<>();
                vn.anttmap.model.IncidentFigures[] all = {vn.anttmap.model.IncidentFigures.NONE};
                try (PreparedStatement ps = c.prepareStatement(perWard)) {
                    JdbcFeatureStore.bindAll(ps, params);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (sets && rs.getInt(8) == 1) {
                                all[0] = incidentFigures(rs);
                            } else {
                                byWard.put(rs.getString(1), incidentFigures(rs));
                            }
                        }
                    }
                }
                if (!sets) {
                    try (PreparedStatement ps = c.prepareStatement(total)) {
                        JdbcFeatureStore.bindAll(ps, params);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs.next()) {
                                all[0] = incidentFigures(rs);
                            }
                        }
                    }
                }
                Map<String, vn.anttmap.model.CameraFigures> cams = new java.util.TreeMap<>();
                try (PreparedStatement ps = c.prepareStatement(cameras)) {
                    JdbcFeatureStore.bindAll(ps, cameraParams);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            cams.put(rs.getString(1), new vn.anttmap.model.CameraFigures(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                        }
                    }
                }
                return new vn.anttmap.model.WardFigures(byWard, all[0], cams);
            } finally {
                c.rollback();
                c.setAutoCommit(auto);
            }
        });
    }

    /**
     * The incidents' figures as SQL select items: received, handled, open, unknown, median and 90th percentile of the
     * handled ones' minutes. Minutes are ordered as double precision: H2 interpolates an integer column's percentile in
     * integers.
     */
    private static final String FIGURES = figures();

    private static String figures() {
        String minutes = "CASE WHEN status IN " + HANDLED + " THEN CAST(handle_minutes AS DOUBLE PRECISION) END";
        return "COUNT(*), COUNT(*) FILTER (WHERE status IN " + HANDLED + "), COUNT(*) FILTER (WHERE status IN "
                + OPEN + "), COUNT(*) FILTER (WHERE status IS NULL), PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY " + minutes
                + "), PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY " + minutes + ")";
    }

    /**
     * {@link FeatureStore#incidentFigures}: the same figures as {@link #wardFigures}, of one ward's incidents (or one
     * area's of it) that occurred on days {@code from..to}.
     */
    vn.anttmap.model.IncidentFigures incidentFigures(String wardId, String areaId, java.time.LocalDate from,
                                                     java.time.LocalDate to) {
        String sql = "SELECT NULL, " + FIGURES + " FROM incident WHERE ward_id = ? AND occurred_on >= ? AND occurred_on <= ?"
                + (areaId == null ? "" : " AND area_id = ?");
        List<Object> params = new ArrayList<>(List.of(wardId, from, to));
        if (areaId != null) {
            params.add(areaId);
        }
        return db.read("counting the handling of a ward's incidents", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                JdbcFeatureStore.bindAll(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? incidentFigures(rs) : vn.anttmap.model.IncidentFigures.NONE;
                }
            }
        });
    }

    /** Columns 2 to 7: received, handled, open, unknown, median and 90th percentile of the minutes (null: none). */
    private static vn.anttmap.model.IncidentFigures incidentFigures(ResultSet rs) throws SQLException {
        return new vn.anttmap.model.IncidentFigures(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                number(rs, 6), number(rs, 7));
    }

    private static Double number(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
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
