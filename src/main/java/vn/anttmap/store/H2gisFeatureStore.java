package vn.anttmap.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.h2gis.functions.factory.H2GISFunctions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The embedded store: an H2 database with H2GIS's spatial functions, in one file under the data directory
 * ({@code antt-map.mv.db}). The database is opened in H2's automatic mixed mode, so a second process (a CLI
 * command while the server runs) works alongside the first through a local socket instead of being locked out.
 */
public final class H2gisFeatureStore extends JdbcFeatureStore {
    /** The database file's base name inside the data directory. */
    public static final String FILE_NAME = "antt-map";

    private H2gisFeatureStore(HikariDataSource ds, String description) {
        super(ds, Dialect.H2GIS, description);
    }

    /** Opens (creating if needed) the database in {@code dataDir}; call {@link #migrate()} before use. */
    public static H2gisFeatureStore open(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(dir)) {
            throw new StoreException("the data directory " + dir + " is not writable");
        }
        String url = "jdbc:h2:file:" + dir.resolve(FILE_NAME) + ";AUTO_SERVER=TRUE";
        return new H2gisFeatureStore(pool(url), "H2GIS " + dir.resolve(FILE_NAME + ".mv.db"));
    }

    /** A private in-memory database, gone when closed; for tests. */
    public static H2gisFeatureStore inMemory(String name) {
        return new H2gisFeatureStore(pool("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1"), "H2GIS in memory (" + name + ")");
    }

    private static HikariDataSource pool(String url) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setUsername("sa");
        cfg.setPassword("");
        cfg.setMaximumPoolSize(4);
        cfg.setPoolName("h2gis");
        cfg.setInitializationFailTimeout(-1);
        return new HikariDataSource(cfg);
    }

    @Override
    public StoreKind kind() {
        return StoreKind.H2GIS;
    }

    @Override
    void prepare(Connection c) throws SQLException {
        if (!spatialFunctionsLoaded(c)) {
            H2GISFunctions.load(c);
        }
    }

    private static boolean spatialFunctionsLoaded(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.ROUTINES "
                     + "WHERE ROUTINE_NAME IN ('ST_MAKEENVELOPE', 'ST_GEOMFROMWKB', 'ST_ASBINARY', 'ST_INTERSECTS')")) {
            rs.next();
            return rs.getInt(1) >= 4;
        }
    }
}
