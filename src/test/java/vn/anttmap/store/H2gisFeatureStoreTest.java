package vn.anttmap.store;

import vn.anttmap.store.h2gis.H2gisFeatureStore;
import vn.anttmap.model.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.anttmap.model.Layer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract on the embedded store, in memory; plus what only the file store does. */
class H2gisFeatureStoreTest extends FeatureStoreContract {

    @Override
    protected FeatureStore openFresh() {
        return H2gisFeatureStore.inMemory("contract-" + UUID.randomUUID());
    }

    @Override
    protected StoreKind expectedKind() {
        return StoreKind.H2GIS;
    }

    /**
     * Regression: two processes on one database file (AUTO_SERVER: a command-line import while the server runs) each
     * kept the counts under a lock of their own; two writes replacing the same record both took away its old version.
     * Now the lock is a row of the database, and the counts stay those of the records.
     */
    @Test
    void keptCountsStayRightWithTwoStoresWritingOneFile(@TempDir Path dir) throws Exception {
        try (H2gisFeatureStore one = H2gisFeatureStore.open(dir); H2gisFeatureStore two = H2gisFeatureStore.open(dir)) {
            one.migrate();
            vn.anttmap.model.Tally tally = yearTally("t");
            one.keep(tally);
            two.keep(tally);
            java.util.Random seed = new java.util.Random(9);
            List<vn.anttmap.model.Feature> start = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                start.add(randomIncident(seed, "i" + i));
            }
            one.write(new WriteBatch().upsert(Layer.INCIDENTS, start));
            one.countKept(tally, 2023, (k, n) -> {
            });
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (H2gisFeatureStore store : List.of(one, two)) {
                java.util.Random r = new java.util.Random(store == one ? 1 : 2);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 150; i++) {
                        store.write(new WriteBatch().upsert(Layer.INCIDENTS, List.of(randomIncident(r, "i" + r.nextInt(5)))));
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            java.util.Map<String, List<Long>> kept = new java.util.TreeMap<>();
            two.countKept(tally, 2023, (k, n) -> {
                if (java.util.Arrays.stream(n).anyMatch(x -> x != 0)) {
                    kept.put(k, java.util.Arrays.stream(n).boxed().toList());
                }
            });
            java.util.Map<String, List<Long>> counted = new java.util.TreeMap<>();
            one.countEach(Layer.INCIDENTS, vn.anttmap.model.FeatureQuery.ALL, "area_id", tally.counts(2023), (k, n) -> {
                if (java.util.Arrays.stream(n).anyMatch(x -> x != 0)) {
                    counted.put(k, java.util.Arrays.stream(n).boxed().toList());
                }
            });
            assertThat(kept).isEqualTo(counted);
        }
    }

    @Test
    void fileStoreIsCreatedInTheDataDirectoryAndKeepsDataAcrossOpens(@TempDir Path dir) {
        Path dataDir = dir.resolve("nested/data");
        try (H2gisFeatureStore s = H2gisFeatureStore.open(dataDir)) {
            assertThat(s.migrate()).isEqualTo(Migrator.available().size()); // all of them
            s.write(new WriteBatch().upsert(Layer.CAMERAS, List.of(vn.anttmap.TestFeatures.camera("c1", 105.785, 19.445, "a", "w"))));
        }
        assertThat(Files.exists(dataDir.resolve(H2gisFeatureStore.FILE_NAME + ".mv.db"))).isTrue();
        try (H2gisFeatureStore s = H2gisFeatureStore.open(dataDir)) {
            assertThat(s.migrate()).isZero();
            assertThat(s.counts().get(Layer.CAMERAS)).isEqualTo(1L);
        }
    }

    /** A write through one store object on the file (a CLI import beside the server) changes the other's stamp. */
    @Test
    void aWriteByASecondStoreOnTheFileChangesTheFirstOnesStamp(@TempDir Path dir) {
        try (H2gisFeatureStore server = H2gisFeatureStore.open(dir); H2gisFeatureStore cli = H2gisFeatureStore.open(dir)) {
            server.migrate();
            long before = server.changeStamp(List.of(Layer.CAMERAS));
            cli.write(new WriteBatch().upsert(Layer.CAMERAS, List.of(vn.anttmap.TestFeatures.camera("c1", 105.785, 19.445, "a", "w"))));
            assertThat(server.changeStamp(List.of(Layer.CAMERAS))).isGreaterThan(before);
            assertThat(server.dataVersion()).as("the in-process version does not see it").isZero();
        }
    }

    @Test
    void aSecondProcessStyleOpenWorksAlongsideTheFirst(@TempDir Path dir) {
        try (H2gisFeatureStore server = H2gisFeatureStore.open(dir); H2gisFeatureStore cli = H2gisFeatureStore.open(dir)) {
            server.migrate();
            server.write(new WriteBatch().upsert(Layer.CAMERAS, List.of(vn.anttmap.TestFeatures.camera("c1", 105.785, 19.445, "a", "w"))));
            assertThat(cli.counts().get(Layer.CAMERAS)).isEqualTo(1L);
        }
    }

    /**
     * Issue 17: the mixed mode's server (what a second process connects to) listens on the loopback interface only,
     * and the database opens only with the password in the data directory's password file.
     */
    @Test
    void theAutoServerListensOnLoopbackOnlyAndWantsThePassword(@TempDir Path dir) throws Exception {
        try (H2gisFeatureStore server = H2gisFeatureStore.open(dir); H2gisFeatureStore cli = H2gisFeatureStore.open(dir)) {
            server.migrate();
            assertThat(cli.counts()).isNotEmpty(); // the second store reaches the first one's server
            java.util.Properties lock = new java.util.Properties();
            try (java.io.InputStream in = Files.newInputStream(dir.resolve(H2gisFeatureStore.FILE_NAME + ".lock.db"))) {
                lock.load(in);
            }
            String address = lock.getProperty("server");
            assertThat(java.net.InetAddress.getByName(address.substring(0, address.lastIndexOf(':'))).isLoopbackAddress())
                    .as("the server the lock file names, " + address + ", is on the loopback interface").isTrue();
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress(H2gisFeatureStore.LOOPBACK, port), 2000);
                assertThat(s.isConnected()).isTrue();
            }
            List<java.net.InetAddress> others = nonLoopbackAddresses();
            for (java.net.InetAddress other : others) {
                try (java.net.Socket s = new java.net.Socket()) {
                    assertThatThrownBy(() -> s.connect(new java.net.InetSocketAddress(other, port), 2000))
                            .as("a connection to the database's port on " + other).isInstanceOf(java.io.IOException.class);
                }
            }
            if (others.isEmpty()) {
                // No other interface to try from: the bound address (above, and H2's setting) is the evidence.
                assertThat(org.h2.engine.SysProperties.BIND_ADDRESS).isEqualTo(H2gisFeatureStore.LOOPBACK);
            }
            String url = "jdbc:h2:file:" + dir.toAbsolutePath().normalize().resolve(H2gisFeatureStore.FILE_NAME) + ";AUTO_SERVER=TRUE";
            String password = Files.readString(dir.resolve(H2gisFeatureStore.PASSWORD_FILE)).trim();
            assertThat(password).hasSizeGreaterThanOrEqualTo(32);
            for (String wrong : List.of("", "sa", password + "x")) {
                assertThatThrownBy(() -> java.sql.DriverManager.getConnection(url, "sa", wrong).close())
                        .isInstanceOfSatisfying(java.sql.SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(28000));
            }
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", password)) {
                assertThat(c.isValid(2)).isTrue();
            }
        }
    }

    /** The addresses of this machine's interfaces that are up and not loopback (nor IPv6 link-local, which need a scope). */
    private static List<java.net.InetAddress> nonLoopbackAddresses() throws java.net.SocketException {
        List<java.net.InetAddress> out = new java.util.ArrayList<>();
        for (java.net.NetworkInterface ni : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp() || ni.isLoopback()) {
                continue;
            }
            for (java.net.InetAddress a : java.util.Collections.list(ni.getInetAddresses())) {
                if (!a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /** Issue 17: the data directory is its owner's alone (0700), the database, its lock and password file too (0600). */
    @Test
    void theDataDirectoryAndItsFilesAreTheOwnersAlone(@TempDir Path root) throws Exception {
        Path dir = root.resolve("data");
        Files.createDirectories(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
        try (H2gisFeatureStore s = H2gisFeatureStore.open(dir)) {
            s.migrate();
            assertThat(permissions(dir)).isEqualTo("rwx------");
            for (String file : List.of(H2gisFeatureStore.PASSWORD_FILE, H2gisFeatureStore.FILE_NAME + ".mv.db",
                    H2gisFeatureStore.FILE_NAME + ".lock.db")) {
                assertThat(permissions(dir.resolve(file))).as(file).isEqualTo("rw-------");
            }
            Path zip = root.resolve("backup.zip");
            s.backup(zip);
            assertThat(permissions(zip)).as("the backup").isEqualTo("rw-------");
        }
        Path fresh = root.resolve("new/data");
        try (H2gisFeatureStore s = H2gisFeatureStore.open(fresh)) {
            assertThat(permissions(fresh)).isEqualTo("rwx------");
            assertThat(permissions(fresh.resolve(H2gisFeatureStore.PASSWORD_FILE))).isEqualTo("rw-------");
        }
    }

    private static String permissions(Path p) throws java.io.IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    /** Issue 17: a database made before it had a password (sa, empty) gets one when opened, keeping its records. */
    @Test
    void aDatabaseWithoutAPasswordGetsOneWhenOpened(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().normalize().resolve(H2gisFeatureStore.FILE_NAME);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
             java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE TABLE kept (x INT)");
            st.execute("INSERT INTO kept VALUES (7)");
        }
        assertThat(dir.resolve(H2gisFeatureStore.PASSWORD_FILE)).doesNotExist();
        try (H2gisFeatureStore s = H2gisFeatureStore.open(dir)) {
            s.migrate();
            try (java.sql.Connection c = s.dataSourceConnection(); java.sql.Statement st = c.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT x FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(7);
            }
        }
        assertThat(dir.resolve(H2gisFeatureStore.PASSWORD_FILE)).exists();
        assertThatThrownBy(() -> java.sql.DriverManager.getConnection(url, "sa", "").close())
                .isInstanceOfSatisfying(java.sql.SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(28000));
        try (H2gisFeatureStore s = H2gisFeatureStore.open(dir)) {
            assertThat(s.migrate()).isZero();
        }
    }

    /** A backup carries its password: restored into another directory (with a password of its own), it opens. */
    @Test
    void aRestoredBackupOpensWithThePasswordItWasSavedWith(@TempDir Path root) {
        Path zip = root.resolve("b.zip");
        try (H2gisFeatureStore s = H2gisFeatureStore.open(root.resolve("one"))) {
            s.migrate();
            s.write(new WriteBatch().upsert(Layer.CAMERAS, List.of(vn.anttmap.TestFeatures.camera("c1", 105.785, 19.445, "a", "w"))));
            s.backup(zip);
        }
        try (H2gisFeatureStore other = H2gisFeatureStore.open(root.resolve("two"))) {
            other.migrate();
        }
        H2gisFeatureStore.restore(zip, root.resolve("two"));
        try (H2gisFeatureStore s = H2gisFeatureStore.open(root.resolve("two"))) {
            assertThat(s.counts().get(Layer.CAMERAS)).isEqualTo(1L);
        }
    }

    /** A backup made before databases had passwords restores over a directory that has one, and then gets its own. */
    @Test
    void aBackupWithoutAPasswordRestoresAndGetsOne(@TempDir Path root) throws Exception {
        Path old = root.resolve("old");
        Files.createDirectories(old);
        Path zip = root.resolve("old.zip");
        String url = "jdbc:h2:file:" + old.toAbsolutePath().normalize().resolve(H2gisFeatureStore.FILE_NAME);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
             java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE TABLE kept (x INT)");
            st.execute("BACKUP TO '" + zip.toAbsolutePath() + "'");
        }
        Path dir = root.resolve("data");
        try (H2gisFeatureStore s = H2gisFeatureStore.open(dir)) {
            s.migrate();
        }
        String before = Files.readString(dir.resolve(H2gisFeatureStore.PASSWORD_FILE));
        H2gisFeatureStore.restore(zip, dir);
        assertThat(dir.resolve(H2gisFeatureStore.PASSWORD_FILE)).doesNotExist();
        try (H2gisFeatureStore s = H2gisFeatureStore.open(dir)) {
            assertThat(s.migrate()).isEqualTo(Migrator.available().size());
        }
        assertThat(Files.readString(dir.resolve(H2gisFeatureStore.PASSWORD_FILE))).isNotEqualTo(before);
        assertThat(permissions(dir.resolve(H2gisFeatureStore.PASSWORD_FILE))).isEqualTo("rw-------");
    }

    /** Without its password file, a database with a password is not opened, and no new password is made up for it. */
    @Test
    void aLostPasswordFileIsNamedNotReplaced(@TempDir Path dir) throws Exception {
        try (H2gisFeatureStore s = H2gisFeatureStore.open(dir)) {
            s.migrate();
        }
        Files.delete(dir.resolve(H2gisFeatureStore.PASSWORD_FILE));
        assertThatThrownBy(() -> H2gisFeatureStore.open(dir)).isInstanceOf(StoreException.class)
                .hasMessageContaining("password file " + H2gisFeatureStore.PASSWORD_FILE + " is missing");
        assertThat(dir.resolve(H2gisFeatureStore.PASSWORD_FILE)).doesNotExist();
    }
}
