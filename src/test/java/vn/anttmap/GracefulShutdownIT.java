package vn.anttmap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM on the packaged jar's server: a download in flight finishes whole, the server takes no new connection
 * meanwhile, and the process exits 0 once it has. The download is about 7 MB of cameras read through a socket with a
 * small receive buffer, so that the server cannot hand it all to the kernel and is still writing when the signal
 * comes (the test checks that it is).
 */
class GracefulShutdownIT {
    static final int CAMERAS = 12_000;
    /** Most of the 200 characters a camera's name may have, making the download about 7 MB. */
    static final String NAME = "Camera giám sát an ninh trật tự ".repeat(6).substring(0, 190);

    @TempDir
    Path workDir;
    Process server;
    int port;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDownloadInFlightFinishesWholeAfterSigtermAndTheProcessExitsZero() throws Exception {
        assertThat(JarIT.JAR).as("run 'mvn package' first").exists();
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path data = workDir.resolve("data");
        Path log = workDir.resolve("server.log");
        server = new ProcessBuilder(JarIT.javaBin(), "-jar", JarIT.JAR.toString(), "serve", "--port", Integer.toString(port),
                "--data-dir", data.toString(), "--drain-seconds", "300").directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitReady(log);
        importCameras(data);

        try (Socket download = new Socket()) {
            // A small window: the server blocks writing long before the response is out.
            download.setReceiveBufferSize(8 * 1024);
            download.connect(new InetSocketAddress("127.0.0.1", port));
            OutputStream out = download.getOutputStream();
            out.write(("GET /api/v1/export?layers=cameras HTTP/1.0\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = download.getInputStream();
            byte[] first = in.readNBytes(1024);
            assertThat(new String(first, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");

            server.destroy(); // SIGTERM
            awaitLine(log, "draining:");
            awaitRefused();
            assertThat(server.isAlive()).isTrue();
            assertThat(Files.readString(log)).as("the server is still writing the download").doesNotContain("drained in");
            // The rest at full speed: through the small window it took a delayed acknowledgement per 8 KB.
            download.setReceiveBufferSize(1 << 20);
            byte[] rest = in.readAllBytes();
            String response = new String(first, StandardCharsets.ISO_8859_1) + new String(rest, StandardCharsets.ISO_8859_1);
            int bodyStart = response.indexOf("\r\n\r\n") + 4;
            byte[] all = new byte[first.length + rest.length];
            System.arraycopy(first, 0, all, 0, first.length);
            System.arraycopy(rest, 0, all, first.length, rest.length);
            JsonNode body = new ObjectMapper().readTree(java.util.Arrays.copyOfRange(all, bodyStart, all.length));
            assertThat(body.path("type").asText()).isEqualTo("FeatureCollection");
            assertThat(body.path("features").size()).as("the demo's cameras and ours").isGreaterThan(CAMERAS);
        }
        assertThat(server.waitFor(300, TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(server.exitValue()).as(Files.readString(log)).isZero();
        String logged = Files.readString(log);
        assertThat(logged).contains("draining: not ready, taking no new connections", "drained in");
        assertThat(logged).doesNotContain("not all requests finished");
    }

    private void awaitReady(Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                HttpResponse<String> r = JarIT.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                assertThat(server.isAlive()).as(Files.readString(log)).isTrue();
            }
            assertThat(System.nanoTime()).as("ready within 120 s").isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    /** Imports the cameras alongside the running server, in the demo ward (phường Hải Hòa). */
    private void importCameras(Path data) throws Exception {
        StringBuilder csv = new StringBuilder("id,name,lon,lat,bearing_deg,fov_deg,range_m,kind,owner,status\n");
        Random random = new Random(7);
        for (int i = 0; i < CAMERAS; i++) {
            csv.append(String.format(java.util.Locale.ROOT, "drain-%d,%s %d,%.6f,%.6f,%d,90,50,dome,community,active%n", i, NAME, i,
                    105.795 + (random.nextDouble() - 0.5) / 500, 19.451 + (random.nextDouble() - 0.5) / 500,
                    random.nextInt(360)));
        }
        Path file = workDir.resolve("cameras.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        Path out = workDir.resolve("import.txt");
        Process p = new ProcessBuilder(JarIT.javaBin(), "-jar", JarIT.JAR.toString(), "import", "--layer", "cameras",
                file.toString(), "--data-dir", data.toString()).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(out)).isZero();
    }

    private void awaitLine(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).contains(text)) {
            assertThat(System.nanoTime()).as("'" + text + "' logged within 60 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Waits until a new connection is refused (the server has closed its port). */
    private void awaitRefused() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port));
            } catch (ConnectException refused) {
                return;
            }
            assertThat(System.nanoTime()).as("new connections refused within 60 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
