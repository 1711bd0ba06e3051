package vn.anttmap.store;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.anttmap.model.ReadConsistency;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * PostgreSQL streaming replicas that serve read-only requests (see {@link ReadConsistency}). A monitor samples, every
 * {@value #SAMPLE_MS} ms, the primary's write-ahead-log position and each replica's replayed position. A replica's
 * lag is how long ago the primary first held something the replica has not replayed (0 when it has replayed all the
 * primary had at the last sample). A read goes to a replica only if the replica answered the last sample, its lag is
 * within the bound, and it has replayed the asker's floor (their own last write); else to the primary. A replica that
 * fails a read (gone, restarting, a query cancelled by recovery) is marked down at once and the read is done again on
 * the primary; the monitor brings it back when it answers.
 */
final class Replicas implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Replicas.class);
    static final long SAMPLE_MS = 200;
    /** How far back the primary's positions are kept to measure lag. */
    private static final long HISTORY_NS = TimeUnit.SECONDS.toNanos(120);

    /** One replica: its pool and what the monitor last saw of it. */
    static final class Replica {
        final String name;
        final HikariDataSource dataSource;
        final String description;
        volatile boolean up;
        volatile long replayedWalBytes = -1;
        volatile double lagSeconds = Double.NaN;
        /** System.nanoTime() of the last sample that reached it. */
        volatile long sampledAt;
        /** The monitor's own connection (not the pool's: a pool busy with requests must not read as a dead replica). */
        Connection monitoring;
        final AtomicLong reads = new AtomicLong();

        Replica(String name, HikariDataSource dataSource, String description) {
            this.name = name;
            this.dataSource = dataSource;
            this.description = description;
        }
    }

    /** The primary as a pinned source. */
    private static final Object PRIMARY = new Object();

    private final HikariDataSource primary;
    private final List<Replica> replicas;
    private final long maxLagNanos;
    private final Deque<long[]> primaryPositions = new ArrayDeque<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong primaryReads = new AtomicLong();
    private final ScheduledExecutorService monitor;

    Replicas(HikariDataSource primary, List<Replica> replicas, Duration maxLag) {
        this.primary = primary;
        this.replicas = List.copyOf(replicas);
        this.maxLagNanos = maxLag.toNanos();
        this.monitor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "replica-monitor");
            t.setDaemon(true);
            return t;
        });
        sample();
        monitor.scheduleWithFixedDelay(this::sample, SAMPLE_MS, SAMPLE_MS, TimeUnit.MILLISECONDS);
    }

    /** The monitor's own connection to the primary. */
    private Connection primaryMonitoring;

    /** A connection of the monitor's own, with time limits (a replica that stops answering must not hold it). */
    private static Connection monitoringConnection(HikariDataSource pool) throws SQLException {
        java.util.Properties p = new java.util.Properties();
        if (pool.getUsername() != null) {
            p.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            p.setProperty("password", pool.getPassword());
        }
        p.setProperty("ApplicationName", "antt-replica-monitor");
        p.setProperty("connectTimeout", "2");
        p.setProperty("socketTimeout", "5");
        return java.sql.DriverManager.getConnection(pool.getJdbcUrl(), p);
    }

    private static long position(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.setQueryTimeout(2);
            try (ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                long v = rs.getLong(1);
                return rs.wasNull() ? -1 : v;
            }
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing a broken connection
            }
        }
    }

    /** The primary's position now and each replica's replayed position: who may serve reads. */
    void sample() {
        long now = System.nanoTime();
        try {
            if (primaryMonitoring == null) {
                primaryMonitoring = monitoringConnection(primary);
            }
            // The insert position: beyond every commit record already made.
            long position = position(primaryMonitoring, "SELECT (pg_current_wal_insert_lsn() - '0/0')::bigint");
            synchronized (primaryPositions) {
                primaryPositions.addLast(new long[]{now, position});
                while (primaryPositions.size() > 1 && now - primaryPositions.peekFirst()[0] > HISTORY_NS) {
                    primaryPositions.pollFirst();
                }
            }
        } catch (SQLException | RuntimeException e) {
            // The primary cannot be asked: the replicas' samples age, and past the bound none is chosen.
            closeQuietly(primaryMonitoring);
            primaryMonitoring = null;
            return;
        }
        for (Replica r : replicas) {
            try {
                if (r.monitoring == null) {
                    r.monitoring = monitoringConnection(r.dataSource);
                }
                boolean recovering = position(r.monitoring, "SELECT CASE WHEN pg_is_in_recovery() THEN 1 ELSE 0 END") == 1;
                long replayed = position(r.monitoring, "SELECT (pg_last_wal_replay_lsn() - '0/0')::bigint");
                if (!recovering || replayed < 0) {
                    // Promoted, or never replayed: not a copy of this primary that can be trusted to follow it.
                    r.lagSeconds = Double.NaN;
                    mark(r, false, "it is not replaying the primary's log (promoted, or not a streaming replica)");
                    continue;
                }
                r.replayedWalBytes = replayed;
                r.lagSeconds = lagNanos(replayed, now) / 1e9;
                r.sampledAt = now;
                mark(r, true, null);
            } catch (SQLException | RuntimeException e) {
                closeQuietly(r.monitoring);
                r.monitoring = null;
                r.lagSeconds = Double.NaN;
                mark(r, false, e.getMessage());
            }
        }
    }

    private static void mark(Replica r, boolean up, String why) {
        if (r.up != up) {
            if (up) {
                LOG.info("read replica {} ({}) serves reads", r.name, r.description);
            } else {
                LOG.warn("read replica {} ({}) skipped: {}", r.name, r.description, why);
            }
        }
        r.up = up;
    }

    /**
     * At most how far behind the primary a replica that has replayed {@code replayed} is: 0 if it has the primary's
     * latest sampled position, else the age of the latest sample it has everything of (the whole history if none).
     */
    private long lagNanos(long replayed, long now) {
        synchronized (primaryPositions) {
            if (primaryPositions.isEmpty() || primaryPositions.peekLast()[1] <= replayed) {
                return 0;
            }
            long covered = primaryPositions.peekFirst()[0];
            for (long[] p : primaryPositions) {
                if (p[1] <= replayed) {
                    covered = p[0];
                }
            }
            return now - covered;
        }
    }

    /**
     * The replica this thread's read should use, or null for the primary: pinned for the rest of the request once
     * chosen.
     */
    Replica choose() {
        ReadConsistency.Allowance allowance = ReadConsistency.current().orElse(null);
        if (allowance == null || !allowance.replicaAllowed()) {
            return null; // not a read a replica may serve: not counted
        }
        Replica chosen = pinned(allowance);
        if (chosen == null) {
            primaryReads.incrementAndGet();
        } else {
            chosen.reads.incrementAndGet();
        }
        return chosen;
    }

    /** The request's source: the one it was pinned to, or one chosen now (and pinned). */
    private Replica pinned(ReadConsistency.Allowance allowance) {
        Object pinned = allowance.pin();
        if (pinned == PRIMARY) {
            return null;
        }
        if (pinned instanceof Replica r) {
            return r.up ? r : pinPrimary(allowance);
        }
        int n = replicas.size();
        int start = Math.floorMod(next.getAndIncrement(), n);
        for (int i = 0; i < n; i++) {
            Replica r = replicas.get((start + i) % n);
            // Within the bound as last sampled, and sampled within the bound (a monitor that cannot reach it, or the
            // primary, stops vouching for it).
            if (r.up && r.lagSeconds * 1e9 <= maxLagNanos && System.nanoTime() - r.sampledAt <= maxLagNanos
                    && r.replayedWalBytes >= allowance.floorWalBytes()) {
                allowance.pin(r);
                return r;
            }
        }
        return pinPrimary(allowance);
    }

    private static Replica pinPrimary(ReadConsistency.Allowance allowance) {
        allowance.pin(PRIMARY);
        return null;
    }

    /** A read on {@code r} failed with {@code e}: whether it is the replica's failure (then it is skipped from now on). */
    boolean failed(Replica r, SQLException e) {
        if (!replicaFailure(e)) {
            return false;
        }
        if (busy(e)) {
            // Every connection of its pool in use: this read goes to the primary, the replica stays in service.
            ReadConsistency.current().ifPresent(Replicas::pinPrimary);
            return true;
        }
        r.lagSeconds = Double.NaN;
        mark(r, false, e.getMessage());
        r.dataSource.getHikariPoolMXBean().softEvictConnections();
        ReadConsistency.current().ifPresent(Replicas::pinPrimary);
        return true;
    }

    /** The pool had no connection free in time, with no sign of a connection failing. */
    static boolean busy(SQLException e) {
        if (!(e instanceof SQLTransientConnectionException)) {
            return false;
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Failures that say the replica cannot serve now (a read done again on the primary answers): no connection
     * (SQLSTATE class 08, the pool's time-out), the server shutting down or starting (57P01–57P03), or a query cancelled
     * because it conflicted with the recovery replaying the primary's changes (40001).
     */
    static boolean replicaFailure(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.equals("40001")) {
                    return true;
                }
            }
        }
        return false;
    }

    Duration maxLag() {
        return Duration.ofNanos(maxLagNanos);
    }

    /** Each replica's lag in seconds at the last sample (NaN while it does not answer), by its name. */
    Map<String, Double> lagSeconds() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Replica r : replicas) {
            out.put(r.name, r.up ? r.lagSeconds : Double.NaN);
        }
        return out;
    }

    /** Reads served since start, by source: {@code primary} and each replica's name (requests that could use one). */
    Map<String, Long> reads() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("primary", primaryReads.get());
        for (Replica r : replicas) {
            out.put(r.name, r.reads.get());
        }
        return out;
    }

    @Override
    public void close() {
        monitor.shutdownNow();
        try {
            monitor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(primaryMonitoring);
        for (Replica r : replicas) {
            closeQuietly(r.monitoring);
            r.dataSource.close();
        }
    }
}
