package vn.anttmap.store;

import vn.anttmap.model.StoreException;

import vn.anttmap.model.VietnamTime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Accounts, their API tokens and sign-in sessions, and the audit log, over JDBC: the part of the store that is about
 * who may do what and what they did, apart from the features ({@link JdbcFeatureStore} hands these calls here).
 * The same SQL on H2GIS and PostGIS, the few differences in {@link Dialect}.
 */
final class JdbcAccounts implements AccountStore, AuditLog {
    private final Database db;
    /** Called after an account changes (the store's data version moves on). */
    private final Runnable changed;

    JdbcAccounts(Database db, Runnable changed) {
        this.db = db;
        this.changed = changed;
    }

    @Override
    public Optional<vn.anttmap.model.Account> account(String username) {
        return accountsWhere(" WHERE username = ?", username).stream().findFirst();
    }

    @Override
    public List<vn.anttmap.model.Account> accounts() {
        return accountsWhere("", null);
    }

    private List<vn.anttmap.model.Account> accountsWhere(String where, String arg) {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT username, password_hash, role, ward_id, created_at FROM user_account"
                     + where + " ORDER BY username")) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            List<vn.anttmap.model.Account> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new vn.anttmap.model.Account(rs.getString(1), rs.getString(2),
                            vn.anttmap.model.Account.Role.valueOf(rs.getString(3)), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw db.fault("reading accounts", e);
        }
    }

    @Override
    public void saveAccount(vn.anttmap.model.Account a) {
        try (Connection c = db.dataSource().getConnection()) {
            inTransaction(c, () -> {
                try (PreparedStatement ps = c.prepareStatement(db.dialect().upsert("user_account",
                        List.of("username", "password_hash", "role", "ward_id", "created_at"), List.of("?", "?", "?", "?", "?"))
                        .replace("KEY (id)", "KEY (username)").replace("ON CONFLICT (id)", "ON CONFLICT (username)")
                        .replace("username = EXCLUDED.username, ", ""))) {
                    ps.setString(1, a.username());
                    ps.setString(2, a.passwordHash());
                    ps.setString(3, a.role().name());
                    ps.setString(4, a.wardId());
                    ps.setObject(5, a.createdAt());
                    ps.executeUpdate();
                }
                endCredentials(c, a.username());
                return null;
            });
            changed.run();
        } catch (SQLException e) {
            throw db.fault("saving an account", e);
        }
    }

    @Override
    public boolean removeAccount(String username) {
        try (Connection c = db.dataSource().getConnection()) {
            return inTransaction(c, () -> {
                endCredentials(c, username);
                try (PreparedStatement a = c.prepareStatement("DELETE FROM user_account WHERE username = ?")) {
                    a.setString(1, username);
                    return a.executeUpdate() > 0;
                }
            });
        } catch (SQLException e) {
            throw db.fault("removing an account", e);
        }
    }

    @Override
    public boolean endCredentials(String username) {
        try (Connection c = db.dataSource().getConnection()) {
            return inTransaction(c, () -> endCredentials(c, username));
        } catch (SQLException e) {
            throw db.fault("ending a user's sessions and tokens", e);
        }
    }

    /** Raises the account's epoch and removes its sessions and tokens; whether the account exists. */
    private static boolean endCredentials(Connection c, String username) throws SQLException {
        int n;
        try (PreparedStatement ps = c.prepareStatement("UPDATE user_account SET credential_epoch = credential_epoch + 1 "
                + "WHERE username = ?")) {
            ps.setString(1, username);
            n = ps.executeUpdate();
        }
        for (String table : List.of("user_session", "api_token")) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE username = ?")) {
                ps.setString(1, username);
                ps.executeUpdate();
            }
        }
        return n > 0;
    }

    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private static <T> T inTransaction(Connection c, SqlWork<T> work) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            T out = work.run();
            c.commit();
            return out;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    @Override
    public boolean saveToken(String tokenHash, String username, String name) {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO api_token (token_hash, username, name, created_at, "
                     + "credential_epoch) SELECT ?, username, ?, ?, credential_epoch FROM user_account WHERE username = ?")) {
            ps.setString(1, tokenHash);
            ps.setString(2, name);
            ps.setObject(3, OffsetDateTime.now());
            ps.setString(4, username);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw db.fault("saving a token", e);
        }
    }

    private static final String ACCOUNT_COLUMNS = "a.username, a.password_hash, a.role, a.ward_id, a.created_at";

    private static vn.anttmap.model.Account account(ResultSet rs) throws SQLException {
        return new vn.anttmap.model.Account(rs.getString(1), rs.getString(2),
                vn.anttmap.model.Account.Role.valueOf(rs.getString(3)), rs.getString(4), rs.getObject(5, OffsetDateTime.class));
    }

    @Override
    public Optional<vn.anttmap.model.Account> tokenAccount(String tokenHash) {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + ACCOUNT_COLUMNS + " FROM api_token t JOIN user_account a "
                     + "ON a.username = t.username AND a.credential_epoch = t.credential_epoch WHERE t.token_hash = ?")) {
            ps.setString(1, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(account(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw db.fault("reading a token", e);
        }
    }

    @Override
    public List<vn.anttmap.model.ApiToken> tokens(String username) {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT token_hash, username, name, created_at FROM api_token "
                     + "WHERE username = ? ORDER BY created_at, token_hash")) {
            ps.setString(1, username);
            List<vn.anttmap.model.ApiToken> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new vn.anttmap.model.ApiToken(rs.getString(1).substring(0, 16), rs.getString(2), rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw db.fault("reading tokens", e);
        }
    }

    @Override
    public int removeTokens(String username, String idOrName) {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM api_token WHERE username = ? AND (name = ? "
                     + "OR token_hash LIKE ?)")) {
            ps.setString(1, username);
            ps.setString(2, idOrName);
            // An id is the first 16 hex digits of the hash; anything else names tokens only.
            ps.setString(3, idOrName.matches("[0-9a-f]{16}") ? idOrName + "%" : "-");
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw db.fault("removing tokens", e);
        }
    }

    @Override
    public boolean saveSession(String idHash, String username, String passwordHash, String csrf, java.time.Instant now,
                               java.time.Instant expires) {
        try (Connection c = db.dataSource().getConnection()) {
            try (PreparedStatement old = c.prepareStatement("DELETE FROM user_session WHERE expires_at < ?")) {
                old.setObject(1, OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC));
                old.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO user_session (id_hash, username, credential_epoch, "
                    + "csrf, created_at, expires_at) SELECT ?, username, credential_epoch, ?, ?, ? FROM user_account "
                    + "WHERE username = ? AND password_hash = ?")) {
                ps.setString(1, idHash);
                ps.setString(2, csrf);
                ps.setObject(3, OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC));
                ps.setObject(4, OffsetDateTime.ofInstant(expires, java.time.ZoneOffset.UTC));
                ps.setString(5, username);
                ps.setString(6, passwordHash);
                return ps.executeUpdate() > 0;
            }
        } catch (SQLException e) {
            throw db.fault("saving a session", e);
        }
    }

    @Override
    public Optional<vn.anttmap.model.AccountSession> session(String idHash) {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + ACCOUNT_COLUMNS + ", s.csrf, s.expires_at FROM user_session s "
                     + "JOIN user_account a ON a.username = s.username AND a.credential_epoch = s.credential_epoch "
                     + "WHERE s.id_hash = ?")) {
            ps.setString(1, idHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new vn.anttmap.model.AccountSession(account(rs), rs.getString(6),
                        rs.getObject(7, OffsetDateTime.class).toInstant())) : Optional.empty();
            }
        } catch (SQLException e) {
            throw db.fault("reading a session", e);
        }
    }

    @Override
    public void removeSession(String idHash) {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM user_session WHERE id_hash = ?")) {
            ps.setString(1, idHash);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw db.fault("removing a session", e);
        }
    }

    @Override
    public void appendAudit(vn.anttmap.model.AuditEntry entry) {
        try (Connection c = db.dataSource().getConnection()) {
            insertAudit(c, entry);
        } catch (SQLException e) {
            throw db.fault("writing the audit log", e);
        }
    }

    static void insertAudit(Connection c, vn.anttmap.model.AuditEntry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (id, at, username, action, layer, record_id, "
                + "before_json, after_json, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, e.id());
            ps.setObject(2, e.at());
            ps.setString(3, e.username());
            ps.setString(4, e.action());
            ps.setString(5, e.layer());
            ps.setString(6, e.recordId());
            ps.setString(7, e.beforeJson());
            ps.setString(8, e.afterJson());
            ps.setString(9, e.detail());
            ps.executeUpdate();
        }
    }

    @Override
    public Optional<vn.anttmap.model.AuditEntry> lastAudit(String layer, String recordId) {
        String sql = "SELECT id, at, username, action, layer, record_id, before_json, after_json, detail FROM audit_log "
                + "WHERE layer = ? AND record_id = ? ORDER BY at DESC, id DESC";
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, layer);
            ps.setString(2, recordId);
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(auditEntry(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading the audit log of " + layer + " '" + recordId + "' failed", e);
        }
    }

    private static vn.anttmap.model.AuditEntry auditEntry(ResultSet rs) throws SQLException {
        OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
        return new vn.anttmap.model.AuditEntry(rs.getString(1), VietnamTime.inVietnam(at), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
    }

    @Override
    public List<vn.anttmap.model.AuditEntry> audit(String username, String layer, OffsetDateTime from, OffsetDateTime to, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, at, username, action, layer, record_id, before_json, after_json, detail "
                + "FROM audit_log WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (username != null) {
            sql.append(" AND username = ?");
            params.add(username);
        }
        if (layer != null) {
            sql.append(" AND layer = ?");
            params.add(layer);
        }
        if (from != null) {
            sql.append(" AND at >= ?");
            params.add(from);
        }
        if (to != null) {
            sql.append(" AND at <= ?");
            params.add(to);
        }
        sql.append(" ORDER BY at DESC, id DESC");
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            JdbcFeatureStore.bindAll(ps, params);
            ps.setMaxRows(limit);
            List<vn.anttmap.model.AuditEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(auditEntry(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw db.fault("reading the audit log", e);
        }
    }


    @Override
    public void recordSignInFailure(String keyHash, String attemptId, java.time.Instant at, java.time.Instant forgetBefore) {
        try (Connection c = db.dataSource().getConnection()) {
            try (PreparedStatement old = c.prepareStatement("DELETE FROM sign_in_failure WHERE failed_at < ?")) {
                old.setObject(1, OffsetDateTime.ofInstant(forgetBefore, java.time.ZoneOffset.UTC));
                old.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sign_in_failure (key_hash, attempt_id, failed_at) "
                    + "VALUES (?, ?, ?)")) {
                ps.setString(1, keyHash);
                ps.setString(2, attemptId);
                ps.setObject(3, OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw db.fault("recording a failed sign-in", e);
        }
    }

    @Override
    public List<java.time.Instant> signInFailures(String keyHash, java.time.Instant since, String exceptAttempt) {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT failed_at FROM sign_in_failure WHERE key_hash = ? "
                     + "AND failed_at >= ? AND attempt_id <> ? ORDER BY failed_at")) {
            ps.setString(1, keyHash);
            ps.setObject(2, OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC));
            ps.setString(3, exceptAttempt == null ? "" : exceptAttempt);
            List<java.time.Instant> out = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, OffsetDateTime.class).toInstant());
                }
            }
            return out;
        } catch (SQLException e) {
            throw db.fault("reading failed sign-ins", e);
        }
    }

    @Override
    public void forgetSignInAttempt(String attemptId) {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM sign_in_failure WHERE attempt_id = ?")) {
            ps.setString(1, attemptId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw db.fault("forgetting a sign-in attempt", e);
        }
    }

    @Override
    public void clearSignInFailures(String keyHash) {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM sign_in_failure WHERE key_hash = ?")) {
            ps.setString(1, keyHash);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw db.fault("forgetting failed sign-ins", e);
        }
    }
}
