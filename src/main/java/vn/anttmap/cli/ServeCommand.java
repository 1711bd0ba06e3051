package vn.anttmap.cli;

import io.javalin.Javalin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.anttmap.App;
import vn.anttmap.api.HttpServer;
import vn.anttmap.config.ServerConfig;
import vn.anttmap.service.DemoData;
import vn.anttmap.service.ImportResult;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code serve}: the map and the API over HTTP. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the HTTP service: the map page at / and the API under /api/v1/.")
final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    StoreOptions storeOptions;

    @Mixin
    StandardOptions standardOptions;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port = ServerConfig.DEFAULT_PORT;

    @Option(names = "--tile-url", paramLabel = "URL",
            description = "Basemap tile URL template for the page (default: env ANTT_TILE_URL or OpenStreetMap's standard tiles).")
    String tileUrl;

    @Option(names = "--tile-attribution", paramLabel = "HTML", description = "Attribution shown for the basemap.")
    String tileAttribution;

    @Option(names = "--trusted-proxy", paramLabel = "ADDRESS",
            description = "A reverse proxy in front of this node (repeatable, e.g. 127.0.0.1 for nginx on the same host): "
                    + "from it, X-Forwarded-For names the client, for the sign-in limits and the audit log "
                    + "(default: env ANTT_TRUSTED_PROXIES, comma-separated; none).")
    java.util.List<String> trustedProxies;

    @Option(names = "--no-demo", description = "Do not load the Hải Hòa demo data into an empty store.")
    boolean noDemo;

    @Option(names = "--drain-seconds", paramLabel = "SECONDS",
            description = "On SIGTERM or Ctrl-C, how long the requests in flight may take to finish before the server "
                    + "closes (default: ${DEFAULT-VALUE}).")
    int drainSeconds = 20;

    @Override
    public Integer call() throws Exception {
        if (drainSeconds < 0) {
            throw new IllegalArgumentException("--drain-seconds must be 0 or more, not " + drainSeconds);
        }
        String tiles = tileUrl != null ? tileUrl : StoreOptions.env("ANTT_TILE_URL", ServerConfig.DEFAULT_TILE_URL);
        String attribution = tileAttribution != null ? tileAttribution
                : tileUrl != null ? "" : ServerConfig.DEFAULT_TILE_ATTRIBUTION;
        ServerConfig config = new ServerConfig(port, storeOptions.toConfig(), tiles, attribution, !noDemo);
        LOG.info("configuration: {}", config);
        var standard = standardOptions.standard();
        App.Services services = App.services(App.openStore(config.store()), Clock.systemUTC(), standard);
        LOG.info("standard: {} ({} criteria)", standard.id(), standard.criteria().size());
        LOG.info("store: {} (schema version {})", services.store().describe(), services.store().schemaVersion());
        if (config.loadDemo() && DemoData.isEmpty(services.store())) {
            for (ImportResult r : DemoData.load(services.importer())) {
                LOG.info("demo data: {} {}", r.written(), r.layer().apiName());
            }
            var accounts = services.auth().createDemoAccounts(vn.anttmap.service.DemoFiles.WARD_ID);
            if (!accounts.isEmpty()) {
                StringBuilder sb = new StringBuilder("\nDemo accounts (shown once; change them with 'antt-map user passwd NAME'):\n");
                accounts.forEach((name, password) -> sb.append("  ").append(name).append("  ").append(password).append('\n'));
                sb.append("Sign in on the page, or get a token for QGIS/GDAL: POST /api/v1/tokens after signing in.\n");
                System.out.print(sb);
                System.out.flush();
            }
        }
        java.util.Set<String> proxies = new java.util.LinkedHashSet<>(trustedProxies != null ? trustedProxies
                : StoreOptions.envList("ANTT_TRUSTED_PROXIES"));
        Javalin app = HttpServer.create(services, new HttpServer.PageConfig(config.tileUrl(), config.tileAttribution(), proxies),
                java.time.Duration.ofSeconds(drainSeconds));
        CountDownLatch stopAsked = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable drain = () -> {
            if (stopping.compareAndSet(false, true)) {
                drain(app, services, drainSeconds);
            }
        };
        // SIGTERM (and Ctrl-C) ask the main thread to drain and return, so the process exits 0 once it has; the hook
        // drains when the JVM ends any other way.
        handleSignals(stopAsked);
        Runtime.getRuntime().addShutdownHook(new Thread(drain, "shutdown"));
        services.ops().warming();
        try {
            app.start(config.port());
        } catch (RuntimeException e) {
            stopping.set(true);
            services.close();
            throw new IllegalArgumentException("cannot listen on port " + config.port() + ": " + rootMessage(e), e);
        }
        LOG.info("ANTT Map is serving on http://localhost:{}/", app.port());
        warmInBackground(services);
        stopAsked.await();
        drain.run();
        return 0;
    }

    /**
     * Stops taking traffic and lets what is in flight finish: marks the node not ready ({@code /readyz} answers 503),
     * stops accepting connections, waits up to {@code drainSeconds} for the requests in flight, then closes the
     * services.
     */
    private static void drain(Javalin app, App.Services services, int drainSeconds) {
        long start = System.nanoTime();
        LOG.info("draining: not ready, taking no new connections, finishing the requests in flight (at most {} s)",
                drainSeconds);
        services.ops().drain();
        String cut = "";
        try {
            // Half the bound for the connections the node has to go quiet, the rest (Jetty's) for what is in flight.
            HttpServer.stopGracefully(app, java.time.Duration.ofSeconds(drainSeconds).dividedBy(2));
        } catch (RuntimeException e) {
            // Jetty's wait ran out (or the stop failed): what was still in flight is cut off.
            cut = "; not all requests finished: " + rootMessage(e);
        }
        services.close();
        LOG.info("drained in {} ms and stopped{}", (System.nanoTime() - start) / 1_000_000, cut);
    }

    /** On SIGTERM and SIGINT, counts {@code stopAsked} down instead of ending the JVM at once. */
    @SuppressWarnings("sunapi")
    private static void handleSignals(CountDownLatch stopAsked) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> stopAsked.countDown());
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // The JVM keeps the signal (-Xrs, or a platform without it): the shutdown hook drains instead.
                LOG.debug("cannot handle SIG{}: {}", name, e.toString());
            }
        }
    }

    /**
     * Computes what the page's first load asks for (scorecards, sectors, coverage, hotspots of the wards a page opens
     * on) on a background thread, so that the first load after a start is no slower than the next; the server answers
     * meanwhile, and {@code /readyz} says it is not ready until the warming ends.
     */
    private static void warmInBackground(App.Services services) {
        Thread warm = new Thread(() -> {
            try {
                var done = new vn.anttmap.service.PageWarmer(services.features(), services.cards(), services.coverage(),
                        services.hotspots(), services.auth()).warm();
                LOG.info("warmed the first page load of {} ward(s) in {} ms{}", done.wards().size(), done.millis(),
                        done.failed().isEmpty() ? "" : "; not warmed: " + done.failed());
            } catch (RuntimeException e) {
                LOG.warn("warming the first page load failed (pages compute it on their first load): {}", e.toString());
            } finally {
                services.ops().warmed(); // ready either way: what was not warmed is computed on request
            }
        }, "warm-page");
        warm.setDaemon(true);
        warm.setPriority(Thread.MIN_PRIORITY);
        warm.start();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
