package vn.anttmap.config;

import java.nio.file.Path;

/**
 * Where the data lives.
 *
 * @param dataDir    the data directory (the embedded database lives here); default {@code ./data}
 * @param dbUrl      a PostgreSQL/PostGIS JDBC URL, or {@code null} for the embedded store
 * @param dbUser     database user, or {@code null} to take it from the URL
 * @param dbPassword database password (from {@code ANTT_DB_PASSWORD}), or {@code null}; never logged
 * @param replicaUrls PostgreSQL streaming replicas' JDBC URLs (read-only requests go to them); empty for none
 * @param replicaMaxLag how far behind the primary a replica may be and still serve reads
 */
public record StoreConfig(Path dataDir, String dbUrl, String dbUser, String dbPassword, java.util.List<String> replicaUrls,
                          java.time.Duration replicaMaxLag) {
    public static final String DEFAULT_DATA_DIR = "./data";
    /** How far behind the primary a replica may be and still serve reads, unless configured. */
    public static final java.time.Duration DEFAULT_REPLICA_MAX_LAG = java.time.Duration.ofSeconds(1);

    public StoreConfig {
        replicaUrls = java.util.List.copyOf(replicaUrls);
        if (!replicaUrls.isEmpty() && (dbUrl == null || dbUrl.isBlank())) {
            throw new IllegalArgumentException("--db-replica needs --db: replicas are of a PostgreSQL primary");
        }
    }

    /** Without replicas. */
    public StoreConfig(Path dataDir, String dbUrl, String dbUser, String dbPassword) {
        this(dataDir, dbUrl, dbUser, dbPassword, java.util.List.of(), DEFAULT_REPLICA_MAX_LAG);
    }

    public boolean usesPostgis() {
        return dbUrl != null && !dbUrl.isBlank();
    }

    /** For logs: passwords masked. */
    @Override
    public String toString() {
        return usesPostgis()
                ? "store=postgis db=" + Secrets.maskUrl(dbUrl) + " user=" + (dbUser == null ? "(from URL)" : dbUser)
                + " password=" + Secrets.mask(dbPassword)
                + (replicaUrls.isEmpty() ? "" : " replicas=" + replicaUrls.stream().map(Secrets::maskUrl).toList()
                + " replicaMaxLag=" + replicaMaxLag.toMillis() + "ms")
                : "store=h2gis dataDir=" + dataDir.toAbsolutePath().normalize();
    }
}
