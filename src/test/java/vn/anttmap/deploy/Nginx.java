package vn.anttmap.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's nginx running the shipped site file {@code docs/deploy/nginx-antt-map.conf} as a child process, so that
 * the configuration operators install is the one the tests run. The site file is copied with its listen port and its
 * upstream's node lines replaced (one line per node, with the first line's parameters), under a minimal main
 * {@code nginx.conf} in a prefix directory of its own (pid, error log, temporary paths, {@code daemon off}); the main
 * file also adds a response header {@value #UPSTREAM_HEADER} naming the node that answered, which the shipped file
 * does not have. {@code nginx -t} checks the result before it starts.
 */
public final class Nginx implements AutoCloseable {
    public static final Path SITE = Path.of("docs/deploy/nginx-antt-map.conf");
    /** The node (address:port) nginx took the answer from, the last of them when it tried more than one. */
    public static final String UPSTREAM_HEADER = "X-Antt-Upstream";
    private static final Pattern LISTEN = Pattern.compile("(?m)^(\\s*)listen 80;$");
    private static final Pattern NODE = Pattern.compile("(?m)^(\\s*)server 127\\.0\\.0\\.1:\\d+( [^;\\n]*)?;\\n");

    private final Path prefix;
    private final int port;
    private final Process process;

    private Nginx(Path prefix, int port, Process process) {
        this.prefix = prefix;
        this.port = port;
        this.process = process;
    }

    /**
     * The shipped site file with nginx listening on 127.0.0.1:{@code port} and one upstream line per node port; fails
     * if the file no longer has the lines this replaces (one {@code listen 80;}, two {@code server 127.0.0.1:…} lines).
     */
    public static String site(String shipped, int port, List<Integer> nodePorts) {
        if (nodePorts.isEmpty()) {
            throw new IllegalArgumentException("no node");
        }
        Matcher listen = LISTEN.matcher(shipped);
        if (!listen.find() || listen.find()) {
            throw new IllegalStateException(SITE + ": expected one 'listen 80;' line");
        }
        String s = LISTEN.matcher(shipped).replaceFirst("$1listen 127.0.0.1:" + port + ";");
        Matcher node = NODE.matcher(s);
        List<int[]> spans = new ArrayList<>();
        String indent = null;
        String params = null;
        while (node.find()) {
            spans.add(new int[]{node.start(), node.end()});
            if (indent == null) {
                indent = node.group(1);
                params = node.group(2) == null ? "" : node.group(2);
            }
        }
        if (spans.size() != 2 || spans.get(0)[1] != spans.get(1)[0]) {
            throw new IllegalStateException(SITE + ": expected two adjacent 'server 127.0.0.1:PORT …;' lines, found " + spans.size());
        }
        StringBuilder lines = new StringBuilder();
        for (int p : nodePorts) {
            lines.append(indent).append("server 127.0.0.1:").append(p).append(params).append(";\n");
        }
        return s.substring(0, spans.get(0)[0]) + lines + s.substring(spans.get(1)[1]);
    }

    /** The main configuration around the site file: everything nginx writes stays under {@code prefix}. */
    static String main(Path prefix, Path site) {
        String p = prefix.toAbsolutePath().toString();
        return "daemon off;\n"
                + "worker_processes 1;\n"
                + "pid " + p + "/nginx.pid;\n"
                + "error_log " + p + "/logs/error.log warn;\n"
                + "events {\n    worker_connections 1024;\n}\n"
                + "http {\n"
                + "    access_log " + p + "/logs/access.log;\n"
                + "    client_body_temp_path " + p + "/tmp/client_body;\n"
                + "    proxy_temp_path " + p + "/tmp/proxy;\n"
                + "    fastcgi_temp_path " + p + "/tmp/fastcgi;\n"
                + "    uwsgi_temp_path " + p + "/tmp/uwsgi;\n"
                + "    scgi_temp_path " + p + "/tmp/scgi;\n"
                + "    add_header " + UPSTREAM_HEADER + " $upstream_addr always;\n"
                + "    include " + site.toAbsolutePath() + ";\n"
                + "}\n";
    }

    /**
     * Writes the configuration under {@code prefix}, checks it with {@code nginx -t}, and starts nginx; returns once
     * it accepts connections on {@code port}.
     */
    public static Nginx start(Path nginx, Path prefix, int port, List<Integer> nodePorts) throws IOException, InterruptedException {
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("tmp"));
        Path site = prefix.resolve("antt-map.conf");
        Files.writeString(site, site(Files.readString(SITE, StandardCharsets.UTF_8), port, nodePorts), StandardCharsets.UTF_8);
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, main(prefix, site), StandardCharsets.UTF_8);
        List<String> cmd = List.of(nginx.toString(), "-p", prefix.toAbsolutePath() + "/", "-e",
                prefix.resolve("logs/error.log").toAbsolutePath().toString(), "-c", conf.toAbsolutePath().toString());
        List<String> check = new ArrayList<>(cmd);
        check.add("-t");
        Process t = new ProcessBuilder(check).redirectErrorStream(true).start();
        String out = new String(t.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (t.waitFor() != 0) {
            throw new IllegalStateException("nginx -t failed:\n" + out + "\n" + Files.readString(site));
        }
        Path log = prefix.resolve("logs/nginx.out");
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Nginx n = new Nginx(prefix, port, process);
        while (!n.accepts()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + ":\n" + Files.readString(log)
                        + Files.readString(prefix.resolve("logs/error.log")));
            }
            Thread.sleep(20);
        }
        return n;
    }

    private boolean accepts() {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public String errorLog() throws IOException {
        return Files.readString(prefix.resolve("logs/error.log"), StandardCharsets.UTF_8);
    }

    /** SIGTERM (nginx's fast shutdown), then waits for it to exit. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
