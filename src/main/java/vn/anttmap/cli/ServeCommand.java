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

    @Override
    public Integer call() throws Exception {
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
                : java.util.Arrays.stream(StoreOptions.env("ANTT_TRUSTED_PROXIES", "").split(",")).map(String::trim)
                .filter(p -> !p.isEmpty()).toList());
        Javalin app = HttpServer.create(services, new HttpServer.PageConfig(config.tileUrl(), config.tileAttribution(), proxies));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            services.close();
            stopped.countDown();
        }, "shutdown"));
        try {
            app.start(config.port());
        } catch (RuntimeException e) {
            services.close();
            throw new IllegalArgumentException("cannot listen on port " + config.port() + ": " + rootMessage(e), e);
        }
        LOG.info("ANTT Map is serving on http://localhost:{}/", app.port());
        warmInBackground(services);
        stopped.await();
        return 0;
    }

    /**
     * Computes what the page's first load asks for (scorecards, sectors, coverage, hotspots of the wards a page opens
     * on) on a background thread, so that the first load after a start is no slower than the next; the server answers
     * meanwhile.
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
