package vn.anttmap.store;

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
