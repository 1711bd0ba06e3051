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
import java.util.List;

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
        clearStaleLock(dir.resolve(FILE_NAME + ".lock.db"));
        String url = "jdbc:h2:file:" + dir.resolve(FILE_NAME) + ";AUTO_SERVER=TRUE";
        return new H2gisFeatureStore(pool(url), "H2GIS " + dir.resolve(FILE_NAME + ".mv.db"));
    }

    /**
     * Removes the lock left by a process that died holding the database (killed, power cut): the lock names the
     * port its owner served the database on; when nothing listens there, the owner is gone. A live owner's lock is
     * left alone, and this process then connects to it.
     */
    static void clearStaleLock(Path lock) {
        if (!Files.exists(lock)) {
            return;
        }
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = Files.newInputStream(lock)) {
            p.load(in);
        } catch (IOException e) {
            return;
        }
        String server = p.getProperty("server");
        if (server == null || !server.contains(":")) {
            return;
        }
        int port;
        try {
            port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            return;
        }
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
        } catch (IOException refused) {
            try {
                Files.deleteIfExists(lock);
            } catch (IOException e) {
                throw new StoreException("a dead process's lock " + lock + " cannot be removed: " + e.getMessage(), e);
            }
        }
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
        cfg.setConnectionTimeout(10_000);
        return new HikariDataSource(cfg);
    }

    /** Writes a consistent copy of the database to a ZIP file, while it is in use. */
    public void backup(Path zip) {
        try (Connection c = dataSourceConnection(); Statement st = c.createStatement()) {
            st.execute("BACKUP TO '" + zip.toAbsolutePath().toString().replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new StoreException("backup to " + zip + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Replaces the database in {@code dataDir} with a backup. The database must not be open (no server running).
     *
     * @throws StoreException when a process holds the data directory or the backup is unreadable
     */
    public static void restore(Path zip, Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (Files.exists(dir.resolve(FILE_NAME + ".lock.db"))) {
            throw new StoreException("a running server holds " + dir + "; stop it before restoring");
        }
        if (!Files.isRegularFile(zip)) {
            throw new StoreException("no backup file " + zip);
        }
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(FILE_NAME + ".mv.db"));
            org.h2.tools.Restore.execute(zip.toAbsolutePath().toString(), dir.toString(), FILE_NAME);
        } catch (IOException | RuntimeException e) {
            throw new StoreException("restore from " + zip + " failed: " + e.getMessage(), e);
        }
        if (!Files.exists(dir.resolve(FILE_NAME + ".mv.db"))) {
            throw new StoreException(zip + " holds no ANTT Map database");
        }
    }

    @Override
    public StoreKind kind() {
        return StoreKind.H2GIS;
    }

    @Override
    void prepare(Connection c) throws SQLException {
        if (!spatialFunctionsLoaded(c)) {
            // Only the six functions the store's SQL uses: registering all of H2GIS's (several hundred) took about
            // 1.5 s of a new database's first start. A database made before ST_X and ST_Y were used gets them here.
            try (Statement st = c.createStatement()) {
                for (org.h2gis.api.Function f : List.of(new org.h2gis.functions.spatial.create.ST_MakeEnvelope(),
                        new org.h2gis.functions.spatial.convert.ST_GeomFromWKB(),
                        new org.h2gis.functions.spatial.convert.ST_AsBinary(),
                        new org.h2gis.functions.spatial.predicates.ST_Intersects(),
                        new org.h2gis.functions.spatial.properties.ST_X(),
                        new org.h2gis.functions.spatial.properties.ST_Y())) {
                    H2GISFunctions.registerFunction(st, f, "");
                }
            }
        }
    }

    private static boolean spatialFunctionsLoaded(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.ROUTINES "
                     + "WHERE ROUTINE_NAME IN ('ST_MAKEENVELOPE', 'ST_GEOMFROMWKB', 'ST_ASBINARY', 'ST_INTERSECTS', 'ST_X', 'ST_Y')")) {
            rs.next();
            return rs.getInt(1) >= 6;
        }
    }
}
