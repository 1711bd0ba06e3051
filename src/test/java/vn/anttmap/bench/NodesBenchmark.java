package vn.anttmap.bench;

import vn.anttmap.RequiredTool;
import vn.anttmap.deploy.Nginx;
import vn.anttmap.deploy.Node;
import vn.anttmap.deploy.ReadMix;
import vn.anttmap.deploy.RollingRestart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A program, not a test: the anonymous read mix of {@link ReadMix} (the page, wards, areas, an OGC page, a tile) with
 * {@code connections} clients for {@code seconds} each, (a) straight to one node, (b) through the shipped nginx site
 * over that node, (c) through nginx over two nodes, (d) as (c) with a rolling restart of both nodes in the middle
 * (docs/deploy.md; it runs until the restart is done and 3 s more, at least {@code seconds}). The nodes are the
 * packaged jar on a fresh schema of a PostGIS database (dropped at the end). Prints per case requests/s, p50, p99,
 * failures and the ratios to (a).
 * <p>
 * {@code mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=vn.anttmap.bench.NodesBenchmark
 * -Dexec.args="--db=jdbc:postgresql://… --connections=16 --seconds=15"} ({@code --db} defaults to env
 * {@code ANTT_TEST_PG_URL}; run {@code mvn package} first for the jar; needs nginx).
 */
public final class NodesBenchmark {
    private NodesBenchmark() {
    }

    record Result(String name, long requests, double seconds, double p50, double p99, long failures, String note) {
        double rate() {
            return requests / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(2, eq < 0 ? arg.length() : eq), eq < 0 ? "" : arg.substring(eq + 1));
        }
        String db = a.getOrDefault("db", System.getenv("ANTT_TEST_PG_URL"));
        if (db == null || db.isBlank()) {
            throw new IllegalArgumentException("give --db=jdbc:postgresql://… or set ANTT_TEST_PG_URL");
        }
        int connections = Integer.parseInt(a.getOrDefault("connections", "16"));
        int seconds = Integer.parseInt(a.getOrDefault("seconds", "15"));
        Path nginxBin = RequiredTool.find("nginx").orElseThrow(() -> new IllegalStateException("nginx is not installed"));
        Path dir = Files.createTempDirectory("antt-nodes");
        String schema = "antt_nodes_" + ProcessHandle.current().pid();
        sql(db, "DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema);
        String url = db + (db.contains("?") ? "&" : "?") + "currentSchema=" + schema + ",public";
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();

        List<Node> nodes = new ArrayList<>();
        List<Nginx> proxies = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        List<RollingRestart.Step> steps = new ArrayList<>();
        try {
            Node one = new Node(dir.resolve("node1"), Node.freePort(), url, true).start().awaitReady();
            nodes.add(one);
            Node two = new Node(dir.resolve("node2"), Node.freePort(), url, false).start().awaitReady();
            nodes.add(two);
            Nginx overOne = Nginx.start(nginxBin, dir.resolve("nginx1"), Node.freePort(), List.of(one.port()));
            proxies.add(overOne);
            Nginx overTwo = Nginx.start(nginxBin, dir.resolve("nginx2"), Node.freePort(), List.of(one.port(), two.port()));
            proxies.add(overTwo);

            // Untimed: each node's JIT and caches warmed straight, then each proxy once.
            for (String base : List.of(one.url(""), two.url(""), overOne.url(""), overTwo.url(""))) {
                run(base, connections, 3, "warm-up");
            }
            results.add(run(one.url(""), connections, seconds, "(a) one node, direct"));
            results.add(run(overOne.url(""), connections, seconds, "(b) nginx, one node"));
            results.add(run(overTwo.url(""), connections, seconds, "(c) nginx, two nodes"));

            ReadMix readers = ReadMix.start(overTwo.url(""), connections);
            long t0 = System.nanoTime();
            Thread.sleep(3_000);
            steps.addAll(RollingRestart.run(nodes, readers));
            Thread.sleep(Math.max(3_000, seconds * 1000L - (System.nanoTime() - t0) / 1_000_000));
            readers.stop();
            results.add(result("(d) nginx, two nodes, rolling restart", readers, "restart " + steps));
        } finally {
            for (Nginx n : proxies) {
                n.close();
            }
            for (Node n : nodes) {
                n.stop();
            }
            sql(db, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }

        System.out.printf(Locale.ROOT, "%d connections, %d s per case, PostGIS, %d cores, Java %s, %s %s; load average before %s,"
                        + " after %s%n", connections, seconds, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.version"),
                loadBefore, Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println("| case | requests | s | req/s | p50 ms | p99 ms | failures | req/s ÷ (a) | p50 ÷ (a) | p99 ÷ (a) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        Result base = results.get(0);
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %s | %,d | %.1f | %,.0f | %.2f | %.2f | %d | %.2f | %.2f | %.2f |%n", r.name(),
                    r.requests(), r.seconds(), r.rate(), r.p50(), r.p99(), r.failures(), r.rate() / base.rate(),
                    r.p50() / base.p50(), r.p99() / base.p99());
        }
        for (Result r : results) {
            if (!r.note().isEmpty()) {
                System.out.println(r.name() + ": " + r.note());
            }
        }
        System.exit(0);
    }

    static Result run(String base, int connections, int seconds, String name) throws InterruptedException {
        ReadMix readers = ReadMix.start(base, connections);
        Thread.sleep(seconds * 1000L);
        return result(name, readers.stop(), "");
    }

    static Result result(String name, ReadMix readers, String note) throws InterruptedException {
        readers.stop();
        long[] l = readers.sortedLatencies();
        String failures = readers.failures() == 0 ? "" : "failures " + readers.failureSamples();
        return new Result(name, readers.completed(), readers.seconds(), ReadMix.quantileMs(l, 0.50),
                ReadMix.quantileMs(l, 0.99), readers.failures(), (note + (note.isEmpty() || failures.isEmpty() ? "" : "; ")
                + failures));
    }

    static void sql(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
