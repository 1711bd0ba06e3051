package vn.anttmap.store;

import com.zaxxer.hikari.HikariDataSource;
import vn.anttmap.model.StoreException;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What every part of the JDBC store shares: the connection pool, the SQL dialect, the description safe to log
 * (the URL with any password masked), with which a failure is reported, and the read replicas (null without).
 */
record Database(HikariDataSource dataSource, Dialect dialect, String description, Replicas replicas) {
    /** Work done on one connection. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** A storage fault naming what failed and where. */
    StoreException fault(String what, SQLException e) {
        return new StoreException(what + " failed on " + description + ": " + e.getMessage(), e);
    }

    /**
     * A read that a replica may serve (when the request allows it: {@link vn.anttmap.model.ReadConsistency}); done
     * again on the primary when the replica fails it, unless {@code retryable} says the work has already handed rows
     * on (a stream's sink).
     */
    <T> T read(String what, Work<T> work, java.util.function.BooleanSupplier retryable) {
        if (replicas != null) {
            Replicas.Replica replica = replicas.choose();
            if (replica != null) {
                try (Connection c = replica.dataSource.getConnection()) {
                    return work.run(c);
                } catch (SQLException e) {
                    if (!replicas.failed(replica, e) || !retryable.getAsBoolean()) {
                        throw fault(what + " (replica " + replica.name + ")", e);
                    }
                }
            }
        }
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw fault(what, e);
        }
    }

    /** {@link #read(String, Work, java.util.function.BooleanSupplier)} of work that can always be done again. */
    <T> T read(String what, Work<T> work) {
        return read(what, work, () -> true);
    }
}
