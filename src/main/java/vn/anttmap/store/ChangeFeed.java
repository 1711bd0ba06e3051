package vn.anttmap.store;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.anttmap.model.Layer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The layers' change stamps as announced on PostgreSQL's channel {@code antt_change} (migration 16), kept in memory so
 * that the public's requests need not read the {@code change_stamp} table each time. One connection of its own
 * listens; every {@value #CHECK_MS} ms it also reads the table itself (the version rows), which both proves the
 * connection alive and catches anything not heard. The stamps are vouched for only while the last such check is
 * under {@value #TRUST_MS} ms old: a node that lost its connection (and so may have missed announcements) answers
 * "not sure" and its callers read the table, until it has listened again and read the table afresh.
 */
final class ChangeFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
    static final String CHANNEL = "antt_change";
    static final long CHECK_MS = 250;
    static final long TRUST_MS = 1_000;

    private final String url;
    private final Properties properties = new Properties();
    private final Map<String, Long> stamps = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    /** System.nanoTime() of the last successful read of the table on the listening connection; 0 while not listening. */
    private volatile long confirmedAt;
    private volatile Connection connection;

    ChangeFeed(String url, String user, String password) {
        this.url = url;
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "antt-change-feed");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("socketTimeout", "10"); // a check that hangs (a silent network) ends the connection
        properties.setProperty("connectTimeout", "5");
        thread = new Thread(this::run, "change-feed");
        thread.setDaemon(true);
        thread.start();
    }

    /** The sum of the layers' stamps as heard, if the feed can vouch for them now; else empty (read the table). */
    OptionalLong sum(Collection<Layer> layers) {
        long at = confirmedAt;
        if (at == 0 || System.nanoTime() - at > TimeUnit.MILLISECONDS.toNanos(TRUST_MS)) {
            return OptionalLong.empty();
        }
        long sum = 0;
        for (Layer layer : layers) {
            sum += stamps.getOrDefault(layer.table(), 0L);
        }
        return OptionalLong.of(sum);
    }

    /** Stamps this process read itself (after its own write committed): kept if newer than those heard. */
    void heard(Map<String, Long> read) {
        read.forEach((table, stamp) -> stamps.merge(table, stamp, Math::max));
    }

    /** Whether the feed is listening and has checked the table lately (for tests and readiness). */
    boolean listening() {
        return sum(java.util.List.of()).isPresent();
    }

    private void run() {
        long backoffMs = 100;
        while (running) {
            try (Connection c = DriverManager.getConnection(url, properties)) {
                connection = c;
                String schema;
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                    try (ResultSet rs = st.executeQuery("SELECT current_schema()")) {
                        rs.next();
                        schema = rs.getString(1);
                    }
                }
                // Listening first, then the table afresh (not merged with what was heard before: after a failover the
                // table may stand lower than what was heard from the old primary): nothing written in between is missed.
                stamps.clear();
                check(c);
                LOG.info("listening for changes on {} (schema {})", CHANNEL, schema);
                backoffMs = 100;
                PGConnection pg = c.unwrap(PGConnection.class);
                long lastCheck = System.nanoTime();
                while (running) {
                    PGNotification[] heard = pg.getNotifications((int) CHECK_MS);
                    if (heard != null) {
                        for (PGNotification n : heard) {
                            String[] p = n.getParameter().split(" ");
                            if (p.length == 3 && p[0].equals(schema)) {
                                stamps.merge(p[1], Long.parseLong(p[2]), Math::max);
                            }
                        }
                    }
                    if (System.nanoTime() - lastCheck >= TimeUnit.MILLISECONDS.toNanos(CHECK_MS)) {
                        check(c);
                        lastCheck = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                confirmedAt = 0;
                if (running) {
                    LOG.warn("not listening for changes ({}); requests read the change stamps from the database until "
                            + "it listens again", e.getMessage());
                }
            } finally {
                confirmedAt = 0;
                connection = null;
            }
            if (running) {
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException e) {
                    return;
                }
                backoffMs = Math.min(5_000, backoffMs * 2);
            }
        }
    }

    /** Reads the table on the listening connection: catches anything unheard and proves the connection alive. */
    private void check(Connection c) throws SQLException {
        long started = System.nanoTime();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT layer_table, stamp FROM change_stamp")) {
            while (rs.next()) {
                stamps.merge(rs.getString(1), rs.getLong(2), Math::max);
            }
        }
        confirmedAt = started;
    }

    @Override
    public void close() {
        running = false;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
        thread.interrupt();
    }
}
