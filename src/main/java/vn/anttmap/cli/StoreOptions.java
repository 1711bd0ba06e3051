package vn.anttmap.cli;

import picocli.CommandLine.Option;
import vn.anttmap.config.StoreConfig;

import java.nio.file.Path;

/** The options every command that touches data takes. */
final class StoreOptions {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory of the embedded store (default: ${ANTT_DATA_DIR:-./data}).")
    Path dataDir;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "PostgreSQL/PostGIS JDBC URL, e.g. jdbc:postgresql://localhost:5432/antt "
                    + "(default: env ANTT_DB_URL; without it, the embedded store). The password comes from "
                    + "env ANTT_DB_PASSWORD or the URL.")
    String db;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user (default: env ANTT_DB_USER, or the URL's).")
    String dbUser;

    StoreConfig toConfig() {
        String dir = dataDir != null ? dataDir.toString() : env("ANTT_DATA_DIR", StoreConfig.DEFAULT_DATA_DIR);
        String url = db != null ? db : env("ANTT_DB_URL", null);
        String user = dbUser != null ? dbUser : env("ANTT_DB_USER", null);
        return new StoreConfig(Path.of(dir), url, user, env("ANTT_DB_PASSWORD", null));
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
