package vn.anttmap.cli;

import vn.anttmap.model.Layer;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The bench's figures of a server in a process of its own: OGC items streamed with a small heap, and the demo's start. */
final class BenchServer {
    private final Bench.Context ctx;

    BenchServer(Bench.Context ctx) {
        this.ctx = ctx;
    }

    // ---------------------------------------------------------------- OGC items from a server with -Xmx512m

    void ogcFigure() throws Exception {
        String token = Bench.tokenOf(ctx.services());
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(Bench.javaBin(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "vn.anttmap.cli.Main", "serve", "--no-demo", "--port", Integer.toString(port), "--db", ctx.config().dbUrl()));
        if (ctx.config().dbUser() != null) {
            cmd.addAll(List.of("--db-user", ctx.config().dbUser()));
        }
        ctx.step("streaming every incident through OGC items (limit 10,000, next links) from a server started with -Xmx512m");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ctx.outDir().resolve("ogc-server.log").toFile());
        if (ctx.config().dbPassword() != null) {
            pb.environment().put("ANTT_DB_PASSWORD", ctx.config().dbPassword());
        }
        Process server = pb.start();
        try {
            waitFor(port, "/healthz", 60);
            String first = "http://127.0.0.1:" + port + "/ogc/collections/incidents/items?limit=10000";
            String next = first;
            long features = 0;
            // At least a million features: a smaller collection (the province's 200,000) is streamed again from its
            // first page until a million have gone through.
            long inCollection = ctx.services().store().counts().get(Layer.INCIDENTS);
            int passes = (int) Math.max(1, (1_000_000 + inCollection - 1) / Math.max(1, inCollection));
            long total = inCollection * passes;
            int pass = 1;
            List<Long> rss = new ArrayList<>();
            long t0 = System.nanoTime();
            long nextSample = total / 10;
            byte[] drain = new byte[1 << 16];
            while (next != null) {
                // A streaming client: the head is kept (the counts and links come before the features), the rest of
                // the page is read through and dropped, over one kept-alive connection.
                java.net.HttpURLConnection c = (java.net.HttpURLConnection) URI.create(next).toURL().openConnection();
                c.setRequestProperty("Authorization", "Bearer " + token);
                c.setRequestProperty("Accept", "application/geo+json"); // its default Accept would be answered with HTML
                if (c.getResponseCode() != 200) {
                    throw new IllegalStateException(next + " answered " + c.getResponseCode());
                }
                String head;
                try (java.io.InputStream in = c.getInputStream()) {
                    head = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
                    while (in.read(drain) >= 0) {
                        // read through
                    }
                }
                var returned = java.util.regex.Pattern.compile("\"numberReturned\":(\\d+)").matcher(head);
                if (!returned.find()) {
                    throw new IllegalStateException(next + " has no numberReturned");
                }
                features += Long.parseLong(returned.group(1));
                var link = java.util.regex.Pattern.compile("\"href\":\"([^\"]+)\",\"rel\":\"next\"").matcher(head);
                next = link.find() ? link.group(1) : null;
                if (next == null && pass < passes) {
                    pass++;
                    next = first;
                }
                if (features >= nextSample) {
                    rss.add(rssMiB(server.pid()));
                    nextSample += total / 10;
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            double rate = features / s;
            // The first tenth includes the server's warm-up (JIT, pools); flat means no growth after it: the second
            // half of the readings rises no higher than the first half did. (A spread would also count the collector
            // giving heap back and taking it again: one run read 386, 336, 278, 298, 415 MiB, no growth.)
            List<Long> after = rss.size() > 1 ? rss.subList(1, rss.size()) : rss;
            long min = after.stream().mapToLong(Long::longValue).min().orElse(0);
            long max = after.stream().mapToLong(Long::longValue).max().orElse(0);
            long growth = Bench.growthMiB(after);
            ctx.figures().add(Figure.of("OGC items, streaming a million features or more", rate, "features/s", null, "higher",
                    "≥ 100,000 features/s with -Xmx512m, memory flat", rate >= 100_000 && growth < 64,
                    String.format(Locale.ROOT, "%,d features (%s) in %.1f s through pages of 10,000; server RSS %s MiB at "
                            + "each tenth (after the first tenth: the second half's highest %+d MiB from the first half's, "
                            + "spread %d MiB); pages read by id from the database (keyset), never the whole layer%s",
                            features, passes == 1 ? "every incident" : String.format(Locale.ROOT, "the %,d incidents %d times",
                                    inCollection, passes), s, rss, growth, max - min,
                            rate >= 100_000 ? "" : String.format(Locale.ROOT, "; missed by %.0f %%: each page is one HTTP "
                                    + "round trip, a database query and a JSON encoding in turn, on one client thread",
                                    100 * (1 - rate / 100_000)))));
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    // ---------------------------------------------------------------- the demo's start

    void startupFigure() throws Exception {
        Path dir = Files.createTempDirectory("antt-bench-demo");
        int port = freePort();
        ctx.step("starting the demo service with -Xmx256m on an empty data directory");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(Bench.javaBin(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), "vn.anttmap.cli.Main",
                "serve", "--data-dir", dir.toString(), "--port", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(ctx.outDir().resolve("demo-server.log").toFile()).start();
        try {
            waitFor(port, "/api/v1/config", 60);
            double s = (System.nanoTime() - t0) / 1e9;
            ctx.figures().add(Figure.of("demo service starts and answers, -Xmx256m", s, "s", null, "lower", "< 5 s", s < 5,
                    "from process start, loading the Hải Hòa demo into an empty embedded store, to the first answer of "
                            + "/api/v1/config"));
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    private void waitFor(int port, String path, int seconds) throws Exception {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < until) {
            try {
                HttpResponse<Void> r = ctx.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not up yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the server on port " + port + " did not answer " + path + " within " + seconds + " s");
    }

    private static int freePort() throws java.io.IOException {
        try (var s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static long rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // not on Linux
        }
        return -1;
    }
}
