package vn.anttmap.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One service node: the packaged jar's {@code serve} on a port of its own over a shared database, as a child process
 * (working directory and log under {@code dir}). {@link #stop()} sends SIGTERM, as systemd does, and waits for the
 * process to exit; {@link #start()} starts it again on the same port. Readiness is {@code /readyz} answering 200 (store
 * reachable, schema current, first page warm, accepting).
 */
public final class Node {
    public static final Path JAR = Path.of(System.getProperty("antt.jar", "target/antt-map.jar")).toAbsolutePath();
    /** No time-out on the requests: a busy machine answers late, and the build's own time-out stops a hung one. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Path dir;
    private final int port;
    private final String db;
    private final boolean loadDemo;
    private final Path log;
    private Process process;
    private int starts;

    /**
     * @param loadDemo whether this node may load the demo into an empty database: give it to the first node only, and
     *                 start the others once it is ready ({@code --no-demo})
     */
    public Node(Path dir, int port, String db, boolean loadDemo) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.port = port;
        this.db = db;
        this.loadDemo = loadDemo;
        this.log = dir.resolve("server.log");
    }

    public static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Starts the process (its output appended to {@code server.log}); see {@link #awaitReady()}. */
    public synchronized Node start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("node on port " + port + " is running");
        }
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run 'mvn package' first");
        }
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-jar", JAR.toString(), "serve", "--port",
                Integer.toString(port), "--db", db));
        if (!loadDemo || starts > 0) {
            cmd.add("--no-demo");
        }
        starts++;
        Files.writeString(log, "\n=== start " + starts + ": serve --port " + port + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        process = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return this;
    }

    /**
     * Waits until the node answers {@code /readyz} 200; fails with the node's log if the process exits first.
     */
    public Node awaitReady() throws IOException, InterruptedException {
        String path = "/readyz";
        while (true) {
            try {
                int status = HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Process p = process;
            if (p == null || !p.isAlive()) {
                throw new IllegalStateException("node on port " + port + " exited before it was ready"
                        + (p == null ? "" : " (exit " + p.exitValue() + ")") + ":\n" + log());
            }
            Thread.sleep(50);
        }
    }

    /** SIGTERM ({@link Process#destroy()}), then waits for the process to exit; returns its exit code. */
    public int stop() throws InterruptedException {
        Process p;
        synchronized (this) {
            p = process;
        }
        if (p == null) {
            return 0;
        }
        p.destroy();
        return p.waitFor();
    }

    public boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
