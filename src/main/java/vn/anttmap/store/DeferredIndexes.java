package vn.anttmap.store;

import vn.anttmap.model.Layer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A bulk load into an empty PostGIS table sets its secondary indexes aside (their definitions kept in a table of
 * their own) and builds them once at the end; indexes a load set aside and never built come back before the next
 * migration. H2GIS keeps its indexes as they are.
 */
final class DeferredIndexes {
    private final Database db;

    DeferredIndexes(Database db) {
        this.db = db;
    }

    /** The advisory lock key under which indexes are set aside and built again. */
    private static final long DEFERRED_INDEX_LOCK = 0x616e74745f696478L;

    Runnable deferIndexes(Layer layer) {
        if (db.dialect() != Dialect.POSTGIS) {
            return () -> {
            };
        }
        try (Connection c = db.dataSource().getConnection()) {
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
            throw db.fault("setting the indexes of " + layer.apiName() + " aside", e);
        }
        return () -> {
            try (Connection c = db.dataSource().getConnection()) {
                buildDeferredIndexes(c, layer.table());
            } catch (SQLException e) {
                throw db.fault("building the indexes of " + layer.apiName(), e);
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
    void buildDeferredIndexes(Connection c, String table) throws SQLException {
        if (db.dialect() != Dialect.POSTGIS) {
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

}
