package vn.anttmap.store.postgis;

import vn.anttmap.store.JdbcFeatureStore;
import vn.anttmap.store.Dialect;
import vn.anttmap.store.StoreKind;
import vn.anttmap.model.StoreException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import vn.anttmap.config.Secrets;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The store on PostgreSQL with PostGIS. The {@code postgis} extension is created if the user may; otherwise it
 * must already be installed in the database.
 */
public final class PostgisFeatureStore extends JdbcFeatureStore {

    /** How long a request waits for a connection before it fails (and the API answers 503). */
    public static final long CONNECTION_TIMEOUT_MS = 3_000;

    private PostgisFeatureStore(HikariDataSource ds, String description, java.util.List<ReplicaPool> replicas,
                                java.time.Duration maxLag) {
        super(ds, Dialect.POSTGIS, description, replicas, maxLag);
    }

    public static PostgisFeatureStore connect(String jdbcUrl, String user, String password) {
        return connect(jdbcUrl, user, password, java.util.List.of(), vn.anttmap.config.StoreConfig.DEFAULT_REPLICA_MAX_LAG);
    }

    /**
     * Connects to {@code jdbcUrl} ({@code jdbc:postgresql://host:port/db}); user and password may be in the URL or
     * given here ({@code null} to leave them to the URL). {@code replicaUrls}: streaming replicas of it (same user and
     * password) that serve read-only requests while they lag by at most {@code replicaMaxLag}; a replica that cannot be
     * reached at start is skipped until it answers.
     *
     * @throws StoreException naming the (masked) URL when the database cannot be reached
     */
    public static PostgisFeatureStore connect(String jdbcUrl, String user, String password, java.util.List<String> replicaUrls,
                                              java.time.Duration replicaMaxLag) {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new StoreException("not a PostgreSQL JDBC URL: " + Secrets.maskUrl(jdbcUrl)
                    + " (expected jdbc:postgresql://host:port/database)");
        }
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(jdbcUrl);
        // Batches of inserts go as multi-row statements (about 3 to 5 times faster for bulk imports).
        cfg.addDataSourceProperty("reWriteBatchedInserts", "true");
        if (user != null) {
            cfg.setUsername(user);
        }
        if (password != null) {
            cfg.setPassword(password);
        }
        cfg.setMaximumPoolSize(8);
        cfg.setPoolName("postgis");
        // Fail fast while the database is down or restarting (the API answers 503) and let the pool reconnect by
        // itself when it is back: no connection is held across requests.
        cfg.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        cfg.setValidationTimeout(2_000);
        java.util.List<ReplicaPool> replicas = new java.util.ArrayList<>();
        for (String url : replicaUrls) {
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new StoreException("not a PostgreSQL JDBC URL for a replica: " + Secrets.maskUrl(url)
                        + " (expected jdbc:postgresql://host:port/database)");
            }
            HikariConfig r = new HikariConfig();
            r.setJdbcUrl(url);
            if (user != null) {
                r.setUsername(user);
            }
            if (password != null) {
                r.setPassword(password);
            }
            r.setReadOnly(true);
            r.setMaximumPoolSize(8);
            r.setPoolName("replica-" + (replicas.size() + 1));
            // A replica that is down must not hold a request: fail in a second and read the primary instead.
            r.setConnectionTimeout(1_000);
            r.setValidationTimeout(1_000);
            r.setInitializationFailTimeout(-1); // start even while a replica is down
            // A replica that stops answering (no reset: a partition) fails the read within a minute, which is then
            // done on the primary; the monitor stops vouching for it within the lag bound.
            r.addDataSourceProperty("socketTimeout", "60");
            replicas.add(new ReplicaPool(new HikariDataSource(r), "PostGIS replica " + Secrets.maskUrl(url)));
        }
        try {
            return new PostgisFeatureStore(new HikariDataSource(cfg), "PostGIS " + Secrets.maskUrl(jdbcUrl), replicas,
                    replicaMaxLag);
        } catch (HikariPool.PoolInitializationException e) {
            replicas.forEach(r -> r.dataSource().close());
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StoreException("cannot connect to PostGIS at " + Secrets.maskUrl(jdbcUrl) + ": " + cause.getMessage(), e);
        }
    }

    @Override
    public StoreKind kind() {
        return StoreKind.POSTGIS;
    }

    @Override
    protected void prepare(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")) {
                if (rs.next()) {
                    return;
                }
            }
            try {
                st.execute("CREATE EXTENSION IF NOT EXISTS postgis");
            } catch (SQLException e) {
                throw new SQLException("the postgis extension is not installed in this database and could not be "
                        + "created (" + e.getMessage() + "); install postgresql-15-postgis-3 and run "
                        + "CREATE EXTENSION postgis as a superuser", e);
            }
        }
    }
}
