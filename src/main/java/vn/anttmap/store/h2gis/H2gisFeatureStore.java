package vn.anttmap.store.h2gis;

import vn.anttmap.store.JdbcFeatureStore;
import vn.anttmap.store.Dialect;
import vn.anttmap.store.StoreKind;
import vn.anttmap.model.StoreException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.h2gis.functions.factory.H2GISFunctions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The embedded store: an H2 database with H2GIS's spatial functions, in one file under the data directory
 * ({@code antt-map.mv.db}). The database is opened in H2's automatic mixed mode, so a second process (a CLI
 * command while the server runs) works alongside the first through a local socket instead of being locked out.
 *
 * <p>Closed to the network: the mixed mode's server listens on the loopback interface only ({@code h2.bindAddress},
 * set to {@code 127.0.0.1} before H2 is first loaded; an open refuses any other address), the database's user
 * {@code sa} has a random password kept in {@value #PASSWORD_FILE} in the data directory, and the data directory is
 * its owner's alone (0700, the database, its lock and the password file 0600). A database made before it had a
 * password (user {@code sa}, empty password) gets one the first time it is opened.
 */
public final class H2gisFeatureStore extends JdbcFeatureStore {
    /** The database file's base name inside the data directory. */
    public static final String FILE_NAME = "antt-map";
    /** The file in the data directory that holds the database password (0600; never logged). */
    public static final String PASSWORD_FILE = "db-password";
    /** The address the mixed mode's server listens on. */
    public static final String LOOPBACK = "127.0.0.1";
    private static final String USER = "sa";
    private static final String H2_BIND_ADDRESS = "h2.bindAddress";
    /** H2's error code for a wrong user name or password. */
    private static final int WRONG_USER_OR_PASSWORD = 28000;
    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> OWNER_DIR =
            java.nio.file.attribute.PosixFilePermissions.fromString("rwx------");
    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> OWNER_FILE =
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");

    static {
        // H2 reads the property once, when it is first loaded; this class is the first of the application to load H2.
        if (System.getProperty(H2_BIND_ADDRESS) == null) {
            System.setProperty(H2_BIND_ADDRESS, LOOPBACK);
        }
    }

    /** The data directory; {@code null} in memory. */
    private final Path dir;

    private H2gisFeatureStore(HikariDataSource ds, String description, Path dir) {
        super(ds, Dialect.H2GIS, description);
        this.dir = dir;
    }

    /**
     * Opens (creating if needed) the database in {@code dataDir}; call {@link #migrate()} before use. Creates the
     * data directory (0700) and the database's password file (0600) when they are missing, tightens the permissions of
     * those that exist, and gives a database without a password one.
     *
     * @throws StoreException when the directory cannot be made private, H2 would listen on an address other than the
     *                        loopback one, or the password file does not match the database
     */
    public static H2gisFeatureStore open(Path dataDir) {
        requireLoopbackServer();
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            if (!Files.isDirectory(dir) && posix(dir.getRoot())) {
                Files.createDirectories(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(dir)) {
            throw new StoreException("the data directory " + dir + " is not writable");
        }
        restrict(dir, OWNER_DIR);
        clearStaleLock(dir.resolve(FILE_NAME + ".lock.db"));
        String url = "jdbc:h2:file:" + dir.resolve(FILE_NAME) + ";AUTO_SERVER=TRUE";
        Opened opened = password(dir, url);
        H2gisFeatureStore store = new H2gisFeatureStore(pool(url, opened.password()), "H2GIS " + dir.resolve(FILE_NAME + ".mv.db"), dir);
        try (Connection held = opened.connection()) {
            // The pool keeps this connection, and so the database (and its lock file) open, while the store is; the
            // one that checked the password holds it open meanwhile (closing the last connection closes the file).
            store.dataSourceConnection().close();
            for (String file : List.of(PASSWORD_FILE, FILE_NAME + ".mv.db", FILE_NAME + ".lock.db", FILE_NAME + ".trace.db")) {
                if (Files.exists(dir.resolve(file))) {
                    restrict(dir.resolve(file), OWNER_FILE);
                }
            }
            return store;
        } catch (SQLException | RuntimeException e) {
            store.close();
            throw e instanceof StoreException se ? se
                    : new StoreException("cannot open the database in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Fails when H2 (loaded before this class could set the property, or told otherwise) would listen beyond loopback. */
    private static void requireLoopbackServer() {
        String bound = org.h2.engine.SysProperties.BIND_ADDRESS;
        boolean loopback;
        try {
            loopback = bound != null && !bound.isEmpty() && java.net.InetAddress.getByName(bound).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            loopback = false;
        }
        if (!loopback) {
            throw new StoreException("the embedded database would accept connections on " + (bound == null || bound.isEmpty()
                    ? "every network interface" : bound) + "; it listens on the loopback interface only (remove -D"
                    + H2_BIND_ADDRESS + " or set it to " + LOOPBACK + ")");
        }
    }

    /**
     * The database's password: the one in the password file; else, for a new database, a new random one written
     * there; else (a database made before it had one) the database is given a new one, if it still opens with the
     * empty password. Two processes opening one directory at once agree: the first file written wins.
     */
    private record Opened(String password, Connection connection) {
    }

    private static Opened password(Path dir, String url) {
        Path file = dir.resolve(PASSWORD_FILE);
        boolean exists = Files.exists(dir.resolve(FILE_NAME + ".mv.db"));
        for (int attempt = 0; attempt < 4; attempt++) {
            if (Files.exists(file)) {
                String password = readPassword(file);
                try {
                    return new Opened(password, DriverManager.getConnection(url, USER, password));
                } catch (SQLException e) {
                    if (e.getErrorCode() != WRONG_USER_OR_PASSWORD) {
                        throw new StoreException("cannot open the database in " + dir + ": " + e.getMessage(), e);
                    }
                    // A process that wrote the file may not have set the password on the database yet.
                    if (!setPassword(url, password)) {
                        throw new StoreException("the password in " + file + " is not the database's: restore the "
                                + "file from the backup made with the database", e);
                    }
                    continue;
                }
            }
            if (exists && !opensWithoutPassword(url)) {
                if (Files.exists(file)) {
                    continue; // another process gave it its password meanwhile
                }
                throw new StoreException("the database in " + dir + " has a password but its password file "
                        + PASSWORD_FILE + " is missing: restore the file from the backup made with the database");
            }
            // A new database, or one made before it had a password: the password goes into the file first, so that
            // it is never set without being kept.
            writePassword(file, newPassword());
        }
        throw new StoreException("cannot settle the password of the database in " + dir);
    }

    private static boolean opensWithoutPassword(String url) {
        try {
            DriverManager.getConnection(url, USER, "").close();
            return true;
        } catch (SQLException e) {
            if (e.getErrorCode() == WRONG_USER_OR_PASSWORD) {
                return false;
            }
            throw new StoreException("cannot open the database: " + e.getMessage(), e);
        }
    }

    /** Gives the database, if it opens with the empty password, {@code password}; false when it does not open so. */
    private static boolean setPassword(String url, String password) {
        try (Connection c = DriverManager.getConnection(url, USER, ""); Statement st = c.createStatement()) {
            st.execute("ALTER USER " + USER + " SET PASSWORD '" + password + "'");
            return true;
        } catch (SQLException e) {
            if (e.getErrorCode() == WRONG_USER_OR_PASSWORD) {
                return false;
            }
            // not H2's message: it would quote the statement, password and all
            throw new StoreException("cannot set the database's password (H2 error " + e.getErrorCode() + ")");
        }
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String readPassword(Path file) {
        try {
            String password = Files.readString(file).trim();
            if (!password.matches("[A-Za-z0-9_-]{16,}")) {
                throw new StoreException("the password file " + file + " is damaged");
            }
            return password;
        } catch (IOException e) {
            throw new StoreException("cannot read the password file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the file whole (0600) unless one is there already: a reader never sees it half written. */
    private static void writePassword(Path file, String password) {
        Path tmp = null;
        try {
            tmp = posix(file.getRoot())
                    ? Files.createTempFile(file.getParent(), PASSWORD_FILE, ".tmp",
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(OWNER_FILE))
                    : Files.createTempFile(file.getParent(), PASSWORD_FILE, ".tmp");
            Files.writeString(tmp, password + "\n");
            try {
                Files.createLink(file, tmp);
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                // another process wrote it first: its password is the one
            } catch (UnsupportedOperationException noLinks) {
                // A file system without hard links (a deliberate fallback, not a stub): a plain move, unless another
                // process's password file is there already; two processes racing on such a file system are not covered.
                if (!Files.exists(file)) {
                    Files.move(tmp, file);
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot write the password file " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless (0600, in a 0700 directory)
                }
            }
        }
    }

    private static boolean posix(Path anyPath) {
        return anyPath != null && anyPath.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Sets owner-only permissions (on file systems that have POSIX permissions). */
    private static void restrict(Path path, java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions) {
        if (!posix(path)) {
            return;
        }
        try {
            if (!Files.getPosixFilePermissions(path).equals(permissions)) {
                Files.setPosixFilePermissions(path, permissions);
            }
        } catch (IOException e) {
            throw new StoreException("cannot make " + path + " its owner's alone: " + e.getMessage(), e);
        }
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
        return new H2gisFeatureStore(pool("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", ""), "H2GIS in memory (" + name + ")", null);
    }

    private static HikariDataSource pool(String url, String password) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setUsername(USER);
        cfg.setPassword(password);
        cfg.setMaximumPoolSize(4);
        cfg.setPoolName("h2gis");
        cfg.setInitializationFailTimeout(-1);
        cfg.setConnectionTimeout(10_000);
        return new HikariDataSource(cfg);
    }

    /**
     * Writes a consistent copy of the database to a ZIP file (0600), while it is in use, with the database's password
     * file beside it: a restored database opens with the password it was saved with.
     */
    public void backup(Path zip) {
        Path target = zip.toAbsolutePath().normalize();
        try (Connection c = dataSourceConnection(); Statement st = c.createStatement()) {
            st.execute("BACKUP TO '" + target.toString().replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new StoreException("backup to " + zip + " failed: " + e.getMessage(), e);
        }
        if (dir == null) {
            return;
        }
        try {
            restrict(target, OWNER_FILE);
            Path tmp = posix(target.getRoot())
                    ? Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp",
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(OWNER_FILE))
                    : Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(target));
                 java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(tmp))) {
                for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
                out.putNextEntry(new java.util.zip.ZipEntry(PASSWORD_FILE));
                out.write((readPassword(dir.resolve(PASSWORD_FILE)) + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.closeEntry();
            }
            Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StoreException("backup to " + zip + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Replaces the database in {@code dataDir} with a backup, and its password file with the backup's (a backup made
     * before databases had passwords has none: the database gets one when next opened). The database must not be open
     * (no server running).
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
        String password = null;
        try {
            if (!Files.isDirectory(dir) && posix(dir.getRoot())) {
                Files.createDirectories(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } else {
                Files.createDirectories(dir);
            }
            restrict(dir, OWNER_DIR);
            try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
                java.util.zip.ZipEntry e = z.getEntry(PASSWORD_FILE);
                if (e != null) {
                    try (java.io.InputStream in = z.getInputStream(e)) {
                        password = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
                    }
                }
            }
            Files.deleteIfExists(dir.resolve(FILE_NAME + ".mv.db"));
            Files.deleteIfExists(dir.resolve(PASSWORD_FILE));
            org.h2.tools.Restore.execute(zip.toAbsolutePath().toString(), dir.toString(), FILE_NAME);
        } catch (IOException | RuntimeException e) {
            throw new StoreException("restore from " + zip + " failed: " + e.getMessage(), e);
        }
        if (!Files.exists(dir.resolve(FILE_NAME + ".mv.db"))) {
            throw new StoreException(zip + " holds no ANTT Map database");
        }
        restrict(dir.resolve(FILE_NAME + ".mv.db"), OWNER_FILE);
        if (password != null) {
            writePassword(dir.resolve(PASSWORD_FILE), password);
            readPassword(dir.resolve(PASSWORD_FILE));
        }
    }

    @Override
    public StoreKind kind() {
        return StoreKind.H2GIS;
    }

    @Override
    protected void prepare(Connection c) throws SQLException {
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
