package vn.anttmap.store;

import com.zaxxer.hikari.HikariDataSource;
import vn.anttmap.model.StoreException;

import java.sql.SQLException;

/**
 * What every part of the JDBC store shares: the connection pool, the SQL dialect, and the description safe to log
 * (the URL with any password masked), with which a failure is reported.
 */
record Database(HikariDataSource dataSource, Dialect dialect, String description) {
    /** A storage fault naming what failed and where. */
    StoreException fault(String what, SQLException e) {
        return new StoreException(what + " failed on " + description + ": " + e.getMessage(), e);
    }
}
