package vn.anttmap.store;

import vn.anttmap.model.Layer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A change stamp per layer, in table {@code change_stamp} (migration 9): a count of the write transactions that
 * changed the layer's table, kept in the database so that every process sees every other's writes.
 *
 * <p>The rule: every write transaction of ANTT Map raises the stamp of each layer it writes, as its last statement
 * before commit (the row lock it takes is then held only for the commit, so writers of one layer queue for a moment,
 * not for a whole batch). On PostgreSQL, a statement trigger on every layer's table raises it for writers that do not
 * (psql, a GIS tool, an older ANTT Map); ANTT Map's writes tell the trigger they did ({@code antt.change_stamped}). On
 * H2 only ANTT Map processes open the file (the second through AUTO_SERVER), so every writer raises it.
 */
final class ChangeStamps {
    /** The migration that made the table. */
    static final int SCHEMA = 9;

    private final Dialect dialect;
    private volatile boolean schemaReady;
    /** The stamps heard announced, told of this process's own writes at once (null without). */
    private volatile ChangeFeed feed;

    ChangeStamps(Dialect dialect) {
        this.dialect = dialect;
    }

    boolean schemaReady(Connection c) throws SQLException {
        if (!schemaReady) {
            schemaReady = Migrator.current(c) >= SCHEMA;
        }
        return schemaReady;
    }

    /**
     * After migrating: a row for every layer and, on PostgreSQL, the trigger on every layer's table that has none (a
     * table a later migration made gets one the first time a build that knows its layer migrates).
     */
    void install(Connection c) throws SQLException {
        schemaReady = false;
        if (!schemaReady(c)) {
            return;
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            Map<String, Long> present = read(c);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO change_stamp (layer_table, stamp) VALUES (?, 0)")) {
                for (Layer layer : Layer.values()) {
                    if (!present.containsKey(layer.table())) {
                        ps.setString(1, layer.table());
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
            if (dialect == Dialect.POSTGIS) {
                for (Layer layer : Layer.values()) {
                    String trigger = layer.table() + "_change_stamp";
                    boolean there;
                    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_trigger WHERE tgname = ? "
                            + "AND tgrelid = to_regclass(?)")) {
                        ps.setString(1, trigger);
                        ps.setString(2, layer.table());
                        try (ResultSet rs = ps.executeQuery()) {
                            there = rs.next();
                        }
                    }
                    if (!there) {
                        try (Statement st = c.createStatement()) {
                            st.execute("CREATE TRIGGER " + trigger + " AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "
                                    + layer.table() + " FOR EACH STATEMENT EXECUTE FUNCTION change_stamp_bump()");
                        }
                    }
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** At the start of a write transaction: on PostgreSQL, tells the trigger that this transaction raises the stamps. */
    void begin(Connection c) throws SQLException {
        if (dialect == Dialect.POSTGIS && schemaReady(c)) {
            try (Statement st = c.createStatement()) {
                st.execute("SELECT set_config('antt.change_stamped', 'on', true)");
            }
        }
    }

    /** The last statement of a write transaction: raises the stamp of each layer it wrote. */
    void raise(Connection c, Set<Layer> written) throws SQLException {
        if (written.isEmpty() || !schemaReady(c)) {
            return;
        }
        if (dialect == Dialect.H2GIS) {
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCK_TIMEOUT 60000"); // another process's commit of the same layer may hold the row
            }
        }
        // The rows are made when the store migrates; a layer without one (made meanwhile) gets it here.
        try (PreparedStatement up = c.prepareStatement("UPDATE change_stamp SET stamp = stamp + 1 WHERE layer_table = ?");
             PreparedStatement in = c.prepareStatement("INSERT INTO change_stamp (layer_table, stamp) VALUES (?, 1)")) {
            // In one order, so that two writers of the same layers never wait for each other in a circle.
            for (Layer layer : new java.util.TreeSet<>(written)) {
                up.setString(1, layer.table());
                if (up.executeUpdate() == 0) {
                    in.setString(1, layer.table());
                    in.executeUpdate();
                }
            }
        }
    }

    void feed(ChangeFeed feed) {
        this.feed = feed;
    }

    /**
     * After a write transaction committed, on its connection: the feed takes the stamps as they are now, so that this
     * node's next request sees its own write without waiting to hear it announced.
     */
    void committed(Connection c) {
        ChangeFeed f = feed;
        if (f != null) {
            try {
                f.heard(read(c));
            } catch (SQLException e) {
                // The write is committed; the feed reads the table itself within its check interval.
            }
        }
    }

    /** The sum of the stamps of {@code layers}: it grows whenever one of them is written. */
    long sum(Connection c, Collection<Layer> layers) throws SQLException {
        Map<String, Long> all = read(c);
        long sum = 0;
        for (Layer layer : layers) {
            sum += all.getOrDefault(layer.table(), 0L);
        }
        return sum;
    }

    private static Map<String, Long> read(Connection c) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT layer_table, stamp FROM change_stamp")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }
}
