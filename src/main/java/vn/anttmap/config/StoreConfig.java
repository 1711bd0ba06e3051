package vn.anttmap.config;

import java.nio.file.Path;

/**
 * Where the data lives.
 *
 * @param dataDir    the data directory (the embedded database lives here); default {@code ./data}
 * @param dbUrl      a PostgreSQL/PostGIS JDBC URL, or {@code null} for the embedded store
 * @param dbUser     database user, or {@code null} to take it from the URL
 * @param dbPassword database password (from {@code ANTT_DB_PASSWORD}), or {@code null}; never logged
 */
public record StoreConfig(Path dataDir, String dbUrl, String dbUser, String dbPassword) {
    public static final String DEFAULT_DATA_DIR = "./data";

    public boolean usesPostgis() {
        return dbUrl != null && !dbUrl.isBlank();
    }

    /** For logs: passwords masked. */
    @Override
    public String toString() {
        return usesPostgis()
                ? "store=postgis db=" + Secrets.maskUrl(dbUrl) + " user=" + (dbUser == null ? "(from URL)" : dbUser)
                + " password=" + Secrets.mask(dbPassword)
                : "store=h2gis dataDir=" + dataDir.toAbsolutePath().normalize();
    }
}
