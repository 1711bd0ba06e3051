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

    @Option(names = "--db-replica", paramLabel = "JDBC_URL",
            description = "A PostgreSQL streaming replica of --db (repeatable): tiles, OGC items, exports and figures are "
                    + "read from it while it lags by at most --db-replica-max-lag; writes and a user's reads after "
                    + "their own write go to the primary (default: env ANTT_DB_REPLICAS, comma-separated).")
    java.util.List<String> dbReplicas;

    @Option(names = "--db-replica-max-lag", paramLabel = "MS",
            description = "Milliseconds a replica may lag the primary and still serve reads (default: 1000).")
    Long dbReplicaMaxLagMs;

    StoreConfig toConfig() {
        String dir = dataDir != null ? dataDir.toString() : env("ANTT_DATA_DIR", StoreConfig.DEFAULT_DATA_DIR);
        String url = db != null ? db : env("ANTT_DB_URL", null);
        String user = dbUser != null ? dbUser : env("ANTT_DB_USER", null);
        java.util.List<String> replicas = dbReplicas != null ? dbReplicas : envList("ANTT_DB_REPLICAS");
        java.time.Duration maxLag = dbReplicaMaxLagMs != null ? java.time.Duration.ofMillis(dbReplicaMaxLagMs)
                : StoreConfig.DEFAULT_REPLICA_MAX_LAG;
        return new StoreConfig(Path.of(dir), url, user, env("ANTT_DB_PASSWORD", null), replicas, maxLag);
    }

    /** A comma-separated environment variable's items, blanks dropped; empty when unset. */
    static java.util.List<String> envList(String name) {
        return java.util.Arrays.stream(env(name, "").split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
