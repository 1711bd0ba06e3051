package vn.anttmap.bench;

import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How long the map page takes to be ready in a real browser (headless Chromium): from the navigation's start to
 * {@code body[data-ready="true"]} (the ward's areas drawn with their verdicts and the figures bar shown), and to
 * {@code body[data-layers="true"]} (every layer of the first load in: cameras, sectors, roads, incidents, hotspots) on
 * pages that mark it. Each run starts the server ({@code java -jar JAR serve}) afresh: the first load after the start
 * (cold), then {@code --warm} more loads (warm), for the public and for a signed-in user, with the browser's cache
 * off. The instants are the page's own marks ({@code performance.mark}) where it makes them, else the first poll
 * (every 20 ms) that sees the attribute. A program that prints figures, not a test:
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=vn.anttmap.bench.PageReadyBenchmark \
 *   -Dexec.args="--jar=target/antt-map.jar --label=province --store=--db=jdbc:postgresql://… --user=officer-x:password"
 * </pre>
 *
 * {@code --only=NAME} measures one of them; {@code --store} is passed to {@code serve} as it is ({@code --data-dir=DIR} for the embedded store, which must
 * already hold the demo); {@code --user NAME:PASSWORD} signs in that account for the second half.
 */
public final class PageReadyBenchmark {
    private PageReadyBenchmark() {
    }

    private record Load(double readyMs, double layersMs) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = options(args);
        String jar = a.getOrDefault("--jar", "target/antt-map.jar");
        String label = a.getOrDefault("--label", "demo");
        String store = a.getOrDefault("--store", "");
        int port = Integer.parseInt(a.getOrDefault("--port", "7103"));
        int warm = Integer.parseInt(a.getOrDefault("--warm", "3"));
        String user = a.get("--user");
        String chromium = a.getOrDefault("--chromium", "/usr/bin/chromium");
        String driver = a.getOrDefault("--chromedriver", "/usr/bin/chromedriver");
        System.out.println("| data set | who | load | ready (areas and figures), ms | every layer, ms |");
        System.out.println("|---|---|---|---|---|");
        List<String> whom = new ArrayList<>(List.of("public"));
        if (user != null) {
            whom.add(user.substring(0, user.indexOf(':')));
        }
        if (a.containsKey("--only")) {
            whom.removeIf(w -> !w.equals(a.get("--only")));
        }
        for (String who : whom) {
            Process server = startServer(jar, store, port);
            Path profile = Files.createTempDirectory("antt-bench-chromium");
            ChromeDriver browser = browser(chromium, driver, profile);
            try {
                String base = "http://127.0.0.1:" + port;
                if (!who.equals("public")) {
                    signIn(browser, base, who, user.substring(user.indexOf(':') + 1));
                }
                List<Load> loads = new ArrayList<>();
                for (int i = 0; i <= warm; i++) {
                    loads.add(load(browser, base));
                    if (a.containsKey("--trace")) {
                        System.out.println("  " + who + ", load " + (i + 1) + ":");
                        trace(browser);
                    }
                }
                Load cold = loads.get(0);
                System.out.printf("| %s | %s | cold (first after start) | %.0f | %s |%n", label, who, cold.readyMs(), layers(cold));
                List<Load> warmLoads = loads.subList(1, loads.size());
                double[] ready = warmLoads.stream().mapToDouble(Load::readyMs).sorted().toArray();
                double[] all = warmLoads.stream().mapToDouble(Load::layersMs).sorted().toArray();
                System.out.printf("| %s | %s | warm, median of %d (%s) | %.0f | %s |%n", label, who, ready.length,
                        String.join(", ", warmLoads.stream().map(l -> String.format("%.0f", l.readyMs())).toList()),
                        ready[ready.length / 2], Double.isNaN(all[0]) ? "–" : String.format("%.0f", all[all.length / 2]));
                System.out.flush();
            } finally {
                browser.quit();
                server.destroy();
                server.waitFor();
            }
        }
    }

    /**
     * With {@code --trace}: each load's requests (start and end from the navigation, in ms) and the main thread's
     * long tasks (over 50 ms) before the page was ready, to see where the time went.
     */
    private static void trace(ChromeDriver browser) {
        @SuppressWarnings("unchecked")
        List<Object> lines = (List<Object>) ((JavascriptExecutor) browser).executeScript(
                "const ready = performance.getEntriesByName('antt-ready')[0]?.startTime ?? Infinity;"
                + "const r = performance.getEntriesByType('resource').filter((e) => e.startTime < ready).map((e) =>"
                + " `request ${e.startTime.toFixed(0)}-${e.responseEnd.toFixed(0)} (wait ${(e.responseStart - e.requestStart).toFixed(0)})"
                + " ${e.name.replace(location.origin, '')}`);"
                + "const l = (window.anttLongTasks ?? []).filter((e) => e.startTime < ready).map((e) =>"
                + " `long task ${e.startTime.toFixed(0)}-${(e.startTime + e.duration).toFixed(0)}`);"
                + "const n = performance.getEntriesByType('navigation').map((e) => `page ${e.requestStart.toFixed(0)}-${e.responseEnd.toFixed(0)}"
                + " (wait ${(e.responseStart - e.requestStart).toFixed(0)}; dns ${e.domainLookupStart.toFixed(0)}, connect ${e.connectStart.toFixed(0)}-${e.connectEnd.toFixed(0)},"
                + " interactive ${e.domInteractive.toFixed(0)}, loaded ${e.domContentLoadedEventEnd.toFixed(0)})`);"
                + "const m = performance.getEntriesByType('mark').map((e) => `mark ${e.name} ${e.startTime.toFixed(0)}`);"
                + "return [...n, ...r, ...l, ...m, `ready ${ready.toFixed(0)}`];");
        lines.forEach(l -> System.out.println("    " + l));
    }

    private static String layers(Load l) {
        return Double.isNaN(l.layersMs()) ? "–" : String.format("%.0f", l.layersMs());
    }

    /** One load of the page: polls until it is ready (and every layer is in, on pages that say so). */
    private static Load load(ChromeDriver browser, String base) throws InterruptedException {
        browser.get("about:blank");
        browser.get(base + "/");
        JavascriptExecutor js = (JavascriptExecutor) browser;
        double ready = Double.NaN;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            @SuppressWarnings("unchecked")
            List<Object> s = (List<Object>) js.executeScript("return location.origin === arguments[0]"
                    + " ? [document.body?.dataset.ready ?? null, document.body?.dataset.layers ?? null, performance.now()]"
                    + " : [null, null, 0]", base);
            if ("error".equals(s.get(0))) {
                throw new IllegalStateException("the page failed: " + js.executeScript("return document.getElementById('status').textContent"));
            }
            double now = ((Number) s.get(2)).doubleValue();
            if ("true".equals(s.get(0)) && Double.isNaN(ready)) {
                ready = now;
            }
            if (!Double.isNaN(ready) && (s.get(1) == null || "true".equals(s.get(1)))) {
                if (s.get(1) == null) {
                    // Pages without data-layers (before it existed) set data-ready after every layer.
                    return new Load(ready, Double.NaN);
                }
                // Pages that mark the instants (performance.mark) give them exactly, not to the poll's 20 ms.
                @SuppressWarnings("unchecked")
                List<Object> marks = (List<Object>) js.executeScript("const m = (n) => performance.getEntriesByName(n)[0]?.startTime"
                        + " ?? null; return [m('antt-ready'), m('antt-layers')]");
                return marks.get(0) == null ? new Load(ready, now)
                        : new Load(((Number) marks.get(0)).doubleValue(), ((Number) marks.get(1)).doubleValue());
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the page was not ready within 5 minutes");
    }

    private static void signIn(ChromeDriver browser, String base, String user, String password) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("sign-in refused: " + r.body());
        }
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        browser.get(base + "/style.css"); // a static file: the cookie needs the origin, and nothing is computed
        while (!browser.getCurrentUrl().endsWith("/style.css")) {
            Thread.sleep(20);
        }
        browser.manage().addCookie(new Cookie(cookie.substring(0, cookie.indexOf('=')), cookie.substring(cookie.indexOf('=') + 1), "/"));
    }

    private static Process startServer(String jar, String store, int port) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx2g", "-jar", jar, "serve", "--port", Integer.toString(port),
                "--tile-url", "http://127.0.0.1:9/{z}/{x}/{y}.png"));
        if (!store.isBlank()) {
            cmd.addAll(Arrays.asList(store.trim().split("\\s+")));
        }
        Path log = Files.createTempFile("antt-bench-serve", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the server stopped: " + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return p;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        p.destroy();
        throw new IllegalStateException("the server did not answer within 3 minutes");
    }

    private static ChromeDriver browser(String chromium, String driver, Path profile) {
        ChromeOptions options = vn.anttmap.web.Chromium.options(Path.of(chromium), profile);
        // get() returns at once; the page's own marks say when it is ready (a slow page is not cut off at load).
        options.setPageLoadStrategy(org.openqa.selenium.PageLoadStrategy.NONE);
        ChromeDriver browser = vn.anttmap.web.Chromium.start(Path.of(driver), options);
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
        // For --trace: the main thread's long tasks, kept from the document's start.
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.anttLongTasks = []; new PerformanceObserver((l) => window.anttLongTasks.push(...l.getEntries()))"
                + ".observe({ type: 'longtask', buffered: true });"));
        return browser;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new java.util.HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                m.put(arg.substring(0, eq), arg.substring(eq + 1));
            } else if (arg.startsWith("--")) {
                m.put(arg, "");
            }
        }
        return m;
    }
}
