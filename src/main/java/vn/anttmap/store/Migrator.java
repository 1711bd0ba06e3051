package vn.anttmap.store;

import vn.anttmap.model.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies the versioned migrations listed in {@code db/migration/index.txt}, each in its own transaction, and
 * records them in {@code schema_version}. Migration files are never edited once released.
 */
final class Migrator {
    private static final String DIR = "/db/migration/";
    private static final Pattern NAME = Pattern.compile("V(\\d+)__(.+)\\.sql");

    record Migration(int version, String description, String file) {
    }

    private Migrator() {
    }

    static List<Migration> available() {
        List<Migration> out = new ArrayList<>();
        for (String line : resource("index.txt").split("\n")) {
            String file = line.trim();
            if (file.isEmpty() || file.startsWith("#")) {
                continue;
            }
            Matcher m = NAME.matcher(file);
            if (!m.matches()) {
                throw new StoreException("bad migration file name " + file);
            }
            out.add(new Migration(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), file));
        }
        return out;
    }

    static int latest() {
        return available().stream().mapToInt(Migration::version).max().orElse(0);
    }

    static int current(Connection c) throws SQLException {
        if (!hasVersionTable(c)) {
            return 0;
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Applies what is pending; returns the number applied. */
    static int migrate(Connection c, Dialect dialect) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            if (!hasVersionTable(c)) {
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR(200) NOT NULL, "
                            + "applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
                }
                c.commit();
            }
            int current = current(c);
            if (current > latest()) {
                // An older build must not write to it: it would not keep what the newer schema keeps (such as the
                // kept counts of migration 7).
                throw new StoreException("the database's schema is version " + current + ", newer than this build of "
                        + "ANTT Map knows (" + latest() + "): run a newer ANTT Map against it");
            }
            int applied = 0;
            for (Migration m : available()) {
                if (m.version() <= current) {
                    continue;
                }
                try (Statement st = c.createStatement()) {
                    for (String sql : statements(dialect.render(resource(m.file())))) {
                        st.execute(sql);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
                    ps.setInt(1, m.version());
                    ps.setString(2, m.description());
                    ps.setObject(3, OffsetDateTime.now());
                    ps.executeUpdate();
                }
                c.commit();
                applied++;
            }
            return applied;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static boolean hasVersionTable(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        for (String name : new String[]{"schema_version", "SCHEMA_VERSION"}) {
            try (ResultSet rs = md.getTables(null, c.getSchema(), name, new String[]{"TABLE", "BASE TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : sql.split("\n")) {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("--")) {
                continue;
            }
            cur.append(line).append('\n');
            if (t.endsWith(";")) {
                String s = cur.toString().trim();
                out.add(s.substring(0, s.length() - 1));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().trim());
        }
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = Migrator.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new StoreException("missing migration resource " + DIR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read migration " + name, e);
        }
    }
}
