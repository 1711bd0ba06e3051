package vn.anttmap.store;

import vn.anttmap.store.postgis.PostgisFeatureStore;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostGIS database tests run against: {@code ANTT_TEST_PG_URL}, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/antt_test?user=postgres}. Without it the PostGIS tests are skipped with
 * a reason, except under {@code CI=true}, where they fail.
 */
public final class PostgisTestDatabase {
    public static final String ENV = "ANTT_TEST_PG_URL";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicBoolean WARNED = new java.util.concurrent.atomic.AtomicBoolean();
    private static final List<String> CREATED = new ArrayList<>();

    private PostgisTestDatabase() {
    }

    public static String url() {
        return System.getenv(ENV);
    }

    /** Skips the calling test class when no PostGIS database is configured (fails under CI=true). */
    public static void require() {
        String url = url();
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(ENV + " is not set, but CI=true: the PostGIS tests must run in CI");
            }
            String why = "PostGIS tests skipped: set " + ENV + " to a PostgreSQL database with PostGIS "
                    + "(e.g. jdbc:postgresql://127.0.0.1:5432/antt_test?user=postgres); .ci/run does";
            if (!WARNED.getAndSet(true)) {
                System.err.println("WARNING: " + why);
            }
            Assumptions.abort(why);
        }
    }

    /** A store over a new, empty schema of the test database (PostGIS functions from {@code public}). */
    public static PostgisFeatureStore freshStore() {
        return PostgisFeatureStore.connect(freshSchemaUrl(), null, null);
    }

    /** The URL of a new, empty schema of the test database (dropped with the others at the end). */
    public static String freshSchemaUrl() {
        String schema = "antt_t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema);
        synchronized (CREATED) {
            CREATED.add(schema);
        }
        return withSchema(url(), schema);
    }

    /** The URL with its search path set to {@code schema}, then {@code public}. */
    public static String withSchema(String url, String schema) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema + ",public";
    }

    /**
     * Gives the incident ids a language's collation (ICU or en_US, whichever this PostgreSQL has), under which
     * {@code Zed} sorts after {@code alpha} as it does not by code point; skips the test where there is none.
     */
    static void giveIncidentIdsALanguageCollation(java.sql.Connection c) throws java.sql.SQLException {
        String collation = null;
        try (java.sql.Statement st = c.createStatement()) {
            try (java.sql.ResultSet rs = st.executeQuery("SELECT collname FROM pg_collation WHERE collname IN "
                    + "('en-x-icu', 'und-x-icu', 'en_US.utf8') ORDER BY collname LIMIT 1")) {
                if (rs.next()) {
                    collation = rs.getString(1);
                }
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(collation != null, "no language collation in this PostgreSQL");
            st.execute("ALTER TABLE incident ALTER COLUMN id TYPE VARCHAR(64) COLLATE \"" + collation + "\"");
        }
    }

    public static void dropCreatedSchemas() {
        synchronized (CREATED) {
            for (String s : CREATED) {
                exec("DROP SCHEMA IF EXISTS " + s + " CASCADE");
            }
            CREATED.clear();
        }
    }

    private static void exec(String sql) {
        try (Connection c = DriverManager.getConnection(url()); Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS postgis");
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostGIS test database " + url() + ": " + e.getMessage(), e);
        }
    }
}
