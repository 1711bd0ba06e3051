package vn.anttmap.store;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The H2 trigger (migration 12) that keeps the audit log append-only: it refuses every UPDATE and DELETE of a row,
 * whoever sends it (the application, a second process through the mixed-mode server, an SQL console). PostgreSQL has
 * a PL/pgSQL trigger of the same name. The class name is in the database: it must not be renamed or moved.
 */
public final class AuditLogAppendOnly implements Trigger {
    /** SQLSTATE 42501: insufficient privilege. */
    static final String SQL_STATE = "42501";

    /** H2 makes one per trigger, by this constructor. */
    public AuditLogAppendOnly() {
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("the audit log is append-only: " + (newRow == null ? "DELETE" : "UPDATE") + " refused",
                SQL_STATE);
    }
}
