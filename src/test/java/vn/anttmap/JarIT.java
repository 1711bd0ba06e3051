package vn.anttmap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar, started from a directory outside the project as a user would: the page, the bundled demo
 * data and the web assets come from inside the jar, and CLI commands work alongside the running server.
 */
class JarIT {
    static final Path JAR = Path.of(System.getProperty("antt.jar", "target/antt-map.jar")).toAbsolutePath();
    /** No time-out on the requests: a busy machine answers late, and the build's own time-out stops a hung one. */
    static final HttpClient HTTP = HttpClient.newBuilder().build();

    @TempDir
    Path workDir;
    Process server;
    int port;

    public record Result(int code, String out, String err) {
    }

    Result java(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("command finished: " + cmd).isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void start() throws Exception {
        assertThat(JAR).as("run 'mvn package' first").exists();
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = new ProcessBuilder(javaBin(), "-jar", JAR.toString(), "serve", "--port", Integer.toString(port))
                .directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("server.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            try {
                if (get("/healthz").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                assertThat(server.isAlive()).as(Files.readString(workDir.resolve("server.log"))).isTrue();
            }
            assertThat(System.nanoTime()).as("server up within 90 s").isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.destroy();
        server.waitFor(30, TimeUnit.SECONDS);
    }

    @Test
    void servesTheDemoWardThePageAndItsAssetsFromInsideTheJar() throws Exception {
        JsonNode health = new ObjectMapper().readTree(get("/healthz").body());
        assertThat(health.toString()).isEqualTo("{\"status\":\"ok\",\"store\":\"h2gis\"}");
        JsonNode wards = new ObjectMapper().readTree(get("/api/v1/wards").body());
        assertThat(wards.path("numberReturned").asInt()).isEqualTo(4);
        assertThat(wards.path("features").toString()).contains("\"id\":\"hai-hoa\"", "Phường Hải Hòa");
        assertThat(get("/").body()).contains("<html lang=\"vi\"");
        assertThat(get("/webjars/leaflet/1.9.4/dist/leaflet.css").statusCode()).isEqualTo(200);
        assertThat(Files.exists(workDir.resolve("data/antt-map.mv.db"))).isTrue();
        String log = Files.readString(workDir.resolve("server.log"));
        assertThat(log).contains("configuration: port=" + port, "store=h2gis dataDir=" + workDir.resolve("data").toRealPath());
    }

    @Test
    void aFreshDemoPrintsOneAccountPerRoleOnceAndThePrintedPasswordSignsIn() throws Exception {
        String log = Files.readString(workDir.resolve("server.log"), StandardCharsets.UTF_8);
        java.util.Map<String, String> printed = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^  (officer|leader|planner|admin)  (\\S+)$").matcher(log);
        while (m.find()) {
            printed.put(m.group(1), m.group(2));
        }
        assertThat(printed).as(log).containsOnlyKeys("officer", "leader", "planner", "admin");
        assertThat(new java.util.HashSet<>(printed.values())).as("four different random passwords").hasSize(4);

        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"officer\",\"password\":\"" + printed.get("officer") + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(login.body()).path("role").asText()).isEqualTo("officer");
        assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly", "SameSite=Strict");
        // The demo's leader oversees the demo ward's province: the ward and its three neighbours, on the dashboard.
        HttpResponse<String> leader = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"leader\",\"password\":\"" + printed.get("leader") + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(leader.statusCode()).as(leader.body()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(leader.body()).path("wards").toString())
                .isEqualTo("[\"binh-minh\",\"hai-hoa\",\"hai-nhan\",\"ninh-hai\"]");

        stop();
        start();
        String again = Files.readString(workDir.resolve("server.log"), StandardCharsets.UTF_8);
        assertThat(again).as("a second start prints no password").doesNotContain("Demo accounts");
        for (String password : printed.values()) {
            assertThat(again).doesNotContain(password);
        }
    }

    @Test
    void cliCommandsWorkAlongsideTheRunningServer() throws Exception {
        Result check = java("db", "check");
        assertThat(check.code()).as(check.err()).isZero();
        assertThat(check.out()).contains("store: h2gis", "wards        4");

        Files.writeString(workDir.resolve("cams.csv"), "id,lon,lat,bearing_deg,fov_deg,range_m,kind,owner,status\n"
                + "cam-1,105.795,19.451,45,90,50,dome,community,active\n", StandardCharsets.UTF_8);
        Result imported = java("import", "--layer", "cameras", "cams.csv");
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).isEqualTo("imported 1 cameras\n");
        JsonNode cams = new ObjectMapper().readTree(get("/api/v1/cameras").body());
        // The camera just imported, among the demo's (Hải Hòa's and its neighbours'), placed in its ward.
        JsonNode added = null;
        for (JsonNode c : cams.path("features")) {
            if ("cam-1".equals(c.path("id").asText())) {
                added = c;
            }
        }
        assertThat(added).as("cam-1 served").isNotNull();
        assertThat(added.path("properties").path("ward_id").asText()).isEqualTo("hai-hoa");

        // The same server, the next part (one start for both: each start is seconds of the suite).
        aCliProcessBesideTheServerIsSeenAtTheServersNextRequest();
    }

    /** A GET with a cookie; status and body. */
    HttpResponse<byte[]> get(String path, String cookie) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A digest of an answer, leaving out its time stamp (two answers a second apart differ there alone). */
    static String digest(byte[] body) throws java.security.NoSuchAlgorithmException {
        byte[] b = new String(body, StandardCharsets.UTF_8).replaceAll("\"timeStamp\":\"[^\"]*\"", "")
                .getBytes(StandardCharsets.UTF_8);
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** Signs in a demo account whose password the first start printed; the session cookie. */
    String signIn(String role) throws IOException, InterruptedException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^  " + role + "  (\\S+)$")
                .matcher(Files.readString(workDir.resolve("server.log"), StandardCharsets.UTF_8));
        assertThat(m.find()).isTrue();
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + role + "\",\"password\":\"" + m.group(1) + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String set = login.headers().firstValue("Set-Cookie").orElseThrow();
        return set.substring(0, set.indexOf(';'));
    }

    /**
     * Issue 21, on the embedded store: the command line is another process beside the running server (H2 through
     * AUTO_SERVER). An import it makes is in every computed layer of the server's next answer (the server had kept them
     * all), and a revocation it makes ends the server's session at the next request.
     */
    void aCliProcessBesideTheServerIsSeenAtTheServersNextRequest() throws Exception {
        String admin = signIn("admin");
        String officer = signIn("officer");
        List<String> paths = List.of("/ogc/collections/camera_coverage/items?limit=1000",
                "/ogc/collections/hotspot_density/items?limit=1000", "/ogc/collections/incidents/items?limit=5000",
                "/tiles/cameras/15/26013/14578.mvt", "/api/v1/scores/areas?ward=hai-hoa&year=2023");
        java.util.Map<String, String> before = new java.util.LinkedHashMap<>();
        for (String p : paths) {
            HttpResponse<byte[]> r = get(p, admin);
            assertThat(r.statusCode()).as(p).isEqualTo(200);
            before.put(p, digest(r.body()));
            assertThat(digest(get(p, admin).body())).as(p + " kept").isEqualTo(before.get(p));
        }
        StringBuilder incidents = new StringBuilder("id,lon,lat,occurred_at,category,severity,channel\n");
        for (int i = 0; i < 30; i++) {
            incidents.append("cli-").append(i).append(",105.79").append(i % 10).append(",19.45").append(i % 7)
                    .append(",2023-0").append(1 + i % 9).append("-15T09:00:00+07:00,crime,it_nghiem_trong,hotline_113\n");
        }
        Files.writeString(workDir.resolve("more.csv"), incidents, StandardCharsets.UTF_8);
        Files.writeString(workDir.resolve("cam.csv"), "id,lon,lat,bearing_deg,fov_deg,range_m,kind,owner,status\n"
                + "cam-cli,105.7935,19.4535,200,120,80,dome,community,active\n", StandardCharsets.UTF_8);
        assertThat(java("import", "--layer", "incidents", "more.csv").code()).isZero();
        assertThat(java("import", "--layer", "cameras", "cam.csv").code()).isZero();
        for (String p : paths) {
            HttpResponse<byte[]> r = get(p, admin);
            assertThat(r.statusCode()).as(p).isEqualTo(200);
            assertThat(digest(r.body())).as(p + ": the server's next answer after the CLI's import").isNotEqualTo(before.get(p));
        }
        assertThat(new String(get("/ogc/collections/incidents/items?limit=5000", admin).body(), StandardCharsets.UTF_8))
                .contains("\"cli-29\"");

        assertThat(get("/api/v1/tokens", officer).statusCode()).isEqualTo(200);
        Result revoked = java("user", "revoke", "officer");
        assertThat(revoked.code()).as(revoked.err()).isZero();
        assertThat(get("/api/v1/tokens", officer).statusCode()).as("the officer's session after the CLI revoked it").isEqualTo(401);
    }

    @Test
    void aBadDatabaseUrlFailsInOneLineWithThePasswordMasked() throws Exception {
        Result r = java("db", "check", "--db", "jdbc:postgresql://127.0.0.1:1/antt?user=u&password=hunter2&connectTimeout=2");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("antt-map: cannot connect to PostGIS at jdbc:postgresql://127.0.0.1:1/antt?user=u&password=****")
                .doesNotContain("hunter2").doesNotContain("\n");
    }

    /**
     * Issue 17, in the packaged jar: the running server's database listens on the loopback interface only, its data
     * directory is its owner's alone, its password never reaches the log, and a JVM told to bind H2 elsewhere refuses to
     * open the store.
     */
    @Test
    void theServersDatabaseIsClosedToTheNetwork() throws Exception {
        Path data = workDir.resolve("data");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        for (String file : List.of("db-password", "antt-map.mv.db", "antt-map.lock.db")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(file))))
                    .as(file).isEqualTo("rw-------");
        }
        String password = Files.readString(data.resolve("db-password")).trim();
        assertThat(Files.readString(workDir.resolve("server.log"))).doesNotContain(password);
        java.util.Properties lock = new java.util.Properties();
        try (java.io.InputStream in = Files.newInputStream(data.resolve("antt-map.lock.db"))) {
            lock.load(in);
        }
        String address = lock.getProperty("server");
        int dbPort = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        assertThat(java.net.InetAddress.getByName(address.substring(0, address.lastIndexOf(':'))).isLoopbackAddress()).as(address).isTrue();
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", dbPort), 2000);
        }
        for (java.net.NetworkInterface ni : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp() || ni.isLoopback()) {
                continue;
            }
            for (java.net.InetAddress other : java.util.Collections.list(ni.getInetAddresses())) {
                if (other.isLinkLocalAddress()) {
                    continue;
                }
                try (java.net.Socket s = new java.net.Socket()) {
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.connect(new java.net.InetSocketAddress(other, dbPort), 2000))
                            .as("the database's port on " + other).isInstanceOf(IOException.class);
                }
            }
        }

        Path err = workDir.resolve("bind-err.txt");
        Process p = new ProcessBuilder(javaBin(), "-Dh2.bindAddress=0.0.0.0", "-jar", JAR.toString(), "db", "check",
                "--data-dir", workDir.resolve("other").toString()).directory(workDir.toFile())
                .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(Files.readString(err)).contains("listens on the loopback interface only");
    }
}
