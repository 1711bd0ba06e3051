package vn.anttmap.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.anttmap.App;
import vn.anttmap.api.Messages.Key;
import vn.anttmap.api.Messages.Text;
import vn.anttmap.io.ReportText.Lang;
import vn.anttmap.model.InvalidInputException;
import vn.anttmap.model.Layer;
import vn.anttmap.model.StoreException;
import vn.anttmap.service.FeatureService;

import java.util.List;

/**
 * The HTTP layer: one route table ({@link #routes}: each controller registers its paths) and the failures' handlers
 * ({@link #failures}, answering through {@link FailureMapping}). Built by {@link #create}; started by the caller (or by
 * Javalin's test tools).
 */
public final class HttpServer {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    /**
     * Reads request bodies and writes answers. A key given twice in a body is refused (Jackson kept the last one
     * silently, so a checker and the store could read different values).
     */
    static final ObjectMapper JSON = vn.anttmap.io.ScoreJson.mapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** The layers served under {@code /api/v1/}. */
    static final List<Layer> SERVED = List.of(Layer.WARDS, Layer.AREAS, Layer.CAMERAS, Layer.INCIDENTS, Layer.ROADS,
            Layer.COASTLINE, Layer.EXCEPTION_DECISIONS, Layer.ORGANISATIONS, Layer.TEAMS);

    /** During a graceful stop, how long a connection may move no byte before it is closed. */
    static final java.time.Duration SHUTDOWN_IDLE = java.time.Duration.ofSeconds(5);

    /**
     * Settings of the HTTP layer: what the page reads from {@code /api/v1/config} (the basemap), and the reverse proxies
     * whose {@code X-Forwarded-For} names the client ({@link ClientAddress}).
     */
    public record PageConfig(String tileUrl, String tileAttribution, java.util.Set<String> trustedProxies) {
        public PageConfig {
            trustedProxies = java.util.Set.copyOf(trustedProxies);
        }

        /** With no trusted proxy: the connection's address is the client's. */
        public PageConfig(String tileUrl, String tileAttribution) {
            this(tileUrl, tileAttribution, java.util.Set.of());
        }
    }

    private HttpServer() {
    }

    /** The server over the services, with every route and failure mapped; not started. */
    public static Javalin create(App.Services services, PageConfig page) {
        return create(services, page, java.time.Duration.ZERO);
    }

    /**
     * As {@link #create(App.Services, PageConfig)}, stopping gracefully: {@link Javalin#stop()} first stops accepting
     * connections, then waits up to {@code drain} for the requests in flight to finish (Jetty's
     * {@code StatisticsHandler}, which Javalin's server holds, counts them), then closes what is left.
     * A request whose connection moves no byte for {@link #SHUTDOWN_IDLE} (or {@code drain}, if shorter) meanwhile is
     * cut off. {@link java.time.Duration#ZERO}: no wait.
     */
    public static Javalin create(App.Services services, PageConfig page, java.time.Duration drain) {
        Metrics metrics = new Metrics(services.ops());
        Javalin app = Javalin.create(cfg -> {
            if (!drain.isZero()) {
                cfg.jetty.modifyServer(server -> {
                    server.setStopTimeout(Math.max(1, drain.toMillis() - drain.toMillis() / 2));
                    // Once the stop begins, a connection that moves no byte for this long is closed (Jetty's 1 s cut
                    // a download whose reader paused for a second; idle keep-alive connections hold the stop as long).
                    long stalledMillis = Math.min(drain.toMillis(), SHUTDOWN_IDLE.toMillis());
                    server.addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener() {
                        @Override
                        public void lifeCycleStarting(org.eclipse.jetty.util.component.LifeCycle event) {
                            for (org.eclipse.jetty.server.Connector c : server.getConnectors()) {
                                if (c instanceof org.eclipse.jetty.server.AbstractConnector connector) {
                                    connector.setShutdownIdleTimeout(stalledMillis);
                                }
                            }
                        }
                    });
                });
            }
            cfg.requestLogger.http(metrics::observe);
            cfg.showJavalinBanner = false;
            cfg.http.defaultContentType = "application/json; charset=utf-8";
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/web";
                sf.location = Location.CLASSPATH;
            });
            cfg.staticFiles.enableWebjars();
            cfg.http.maxRequestSize = 10_000_000L;
        });
        app.before(ctx -> {
            if (services.ops().draining()) {
                // Draining: answered, but the connection is not kept for another request (a proxy opens a new one,
                // which this node refuses, so it goes to another node before anything is sent).
                ctx.header("Connection", "close");
            }
            vn.anttmap.model.ReadConsistency.none();
            ClientAddress.resolve(ctx, page.trustedProxies());
            Access.resolve(ctx, services.auth());
            Access.routeReads(ctx, services.auth());
        });
        app.after(ctx -> Access.afterRequest(ctx, services.auth()));
        metrics.cache(routes(app, services, page));
        OperationsController.register(app, services.ops(), metrics);
        failures(app);
        return app;
    }

    /**
     * The route table. Each controller registers its own paths (listed in its {@code register}); the order only
     * matters where two paths match the same request: Javalin takes the first registered, so
     * {@code /api/v1/cameras/sectors} comes before the edits' {@code /api/v1/cameras/{id}}.
     *
     * @return the counts of the tile cache (the one cache the HTTP layer keeps), for the metrics
     */
    private static java.util.function.Supplier<vn.anttmap.model.CacheStats> routes(Javalin app, App.Services services,
                                                                                    PageConfig page) {
        FeatureService features = services.features();
        ConfigController.register(app, features, page);
        FeatureController.register(app, features, SERVED);
        StatsController.register(app, services.stats(), features);
        // Cards kept until a layer changes (any process's write): computing a ward's took about a second.
        ScoreController.register(app, services.cards(), services.edits(), features);
        ReportController.register(app, services.cards(), features, vn.anttmap.io.TaxonomyReader.bundled());
        CameraController.register(app, services.coverage(), services.planner(), features);
        HotspotController.register(app, services.hotspots(), services.trends(), features);
        AuthController.register(app, services.auth(), page.trustedProxies());
        EditController.register(app, services.edits());
        new vn.anttmap.api.ogc.OgcController(services.publish(), Access::principal, (ctx, status, type, body) -> {
            try {
                ctx.status(status).contentType(type).result(JSON.writeValueAsBytes(body));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }).register(app);
        // Tiles are kept per change stamp of the layers (any node's or process's write moves it), not per this process's
        // own writes: a node kept serving tiles from before another node's write.
        var tiles = TileController.register(app, services.publish(), services.store()::changeStamp);
        ExportController.register(app, services.exports(), services.auth());
        DashboardController.register(app, services.dashboards());
        return tiles;
    }

    /** Which answer of {@link FailureMapping} each failure gets: its status, headers and bilingual body. */
    private static void failures(Javalin app) {
        app.exception(ApiException.class, (e, ctx) -> FailureMapping.error(ctx, e.status, e.error, e.detail));
        // Refusals of sign-in, edits, exports (any service): status and headers by kind.
        app.exception(vn.anttmap.model.ServiceFailure.class, (e, ctx) -> FailureMapping.respond(ctx, e));
        app.exception(vn.anttmap.api.ogc.OgcController.BadRequest.class, (e, ctx) -> FailureMapping.error(ctx, e.status,
                switch (e.status) {
                    case 401 -> Key.UNAUTHORIZED;
                    case 403 -> Key.FORBIDDEN;
                    case 404 -> Key.NOT_FOUND;
                    default -> Key.BAD_PARAMETER;
                }, Text.split(e.getMessage())));
        app.exception(java.util.NoSuchElementException.class, (e, ctx) -> FailureMapping.error(ctx, 404, Key.NOT_FOUND,
                Text.split(e.getMessage())));
        app.exception(InvalidInputException.class, (e, ctx) -> FailureMapping.invalidInput(ctx, e));
        app.exception(vn.anttmap.scoring.Standard.NotInForceException.class, (e, ctx) -> FailureMapping.error(ctx, 422,
                Key.NOT_IN_FORCE, new Text(e.vi(), e.en())));
        app.exception(StoreException.class, (e, ctx) -> {
            LOG.error("store failure on {} {}", ctx.method(), ctx.path(), e);
            FailureMapping.error(ctx, 503, Key.STORE_FAILURE, Key.STORE_UNAVAILABLE.format(e.getMessage()));
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            FailureMapping.error(ctx, 500, Key.INTERNAL, Key.INTERNAL_DETAIL.format(e.getClass().getSimpleName()));
        });
        app.error(404, ctx -> {
            if ((ctx.path().startsWith("/api/") || ctx.path().startsWith("/ogc")) && !ctx.res().isCommitted()
                    && !ctx.result().startsWith("{")) {
                FailureMapping.error(ctx, 404, Key.NOT_FOUND, Key.NO_ENDPOINT.format(ctx.path()));
            }
        });
    }

    /** How long a draining node waits with no request arriving before it stops (see {@link #stopGracefully}). */
    static final java.time.Duration DRAIN_QUIET = java.time.Duration.ofSeconds(1);

    /**
     * Stops a server that {@link #create(App.Services, PageConfig, java.time.Duration) drains}, losing no request: first
     * it closes its listening sockets (a reverse proxy's new connections are refused, so it sends the request to
     * another node, even a write, since nothing was sent) while it goes on answering requests on the connections it
     * has, each answer closing its connection ({@code Connection: close}, set once the node is draining); once no
     * connection is left, or none has brought a request for {@link #DRAIN_QUIET} and none is in flight, or
     * {@code bound} has passed, Jetty's graceful stop waits for what is still in flight. (Without the first part, a
     * request a proxy sent on a kept-alive connection during the stop was answered 503 by Jetty, and a proxy does not
     * send a write to another node once it has sent it.)
     */
    public static void stopGracefully(Javalin app, java.time.Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        org.eclipse.jetty.server.Server server = app.jettyServer().server();
        for (org.eclipse.jetty.server.Connector c : server.getConnectors()) {
            if (c instanceof org.eclipse.jetty.server.NetworkConnector n) {
                n.close();
            }
        }
        long quietNanos = DRAIN_QUIET.toNanos();
        long lastSeen = System.nanoTime();
        long requestsBefore = -1;
        org.eclipse.jetty.server.handler.StatisticsHandler stats = server.getContainedBeans(
                org.eclipse.jetty.server.handler.StatisticsHandler.class).stream().findFirst().orElse(null);
        while (System.nanoTime() < deadline) {
            int open = 0;
            for (org.eclipse.jetty.server.Connector c : server.getConnectors()) {
                open += c.getConnectedEndPoints().size();
            }
            if (open == 0) {
                break;
            }
            if (stats != null) {
                long requests = stats.getRequests();
                if (requests != requestsBefore || stats.getRequestsActive() > 0) {
                    requestsBefore = requests;
                    lastSeen = System.nanoTime();
                } else if (System.nanoTime() - lastSeen >= quietNanos) {
                    break;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        app.stop();
    }

    /**
     * Whether an If-None-Match header names the ETag (RFC 9110 13.1.2: a list, weak comparison, or {@code *}), so
     * that the answer is 304.
     */
    static boolean noneMatchHolds(String header, String etag) {
        if (header == null) {
            return false;
        }
        String opaque = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String tag : header.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(opaque)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an Accept-Encoding header takes gzip (named, or by *, and not with q=0). */
    static boolean acceptsGzip(String header) {
        if (header == null) {
            return false;
        }
        for (String part : header.split(",")) {
            String[] p = part.trim().toLowerCase(java.util.Locale.ROOT).split(";");
            if (!p[0].trim().equals("gzip") && !p[0].trim().equals("*")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < p.length; i++) {
                String param = p[i].trim();
                if (param.startsWith("q=")) {
                    try {
                        refused = Double.parseDouble(param.substring(2).trim()) == 0;
                    } catch (NumberFormatException e) {
                        refused = true;
                    }
                }
            }
            return !refused;
        }
        return false;
    }

    /** A binary body: no charset in its media type. */
    static void binary(Context ctx, String type, byte[] body) {
        ctx.result(body);
        ctx.res().setCharacterEncoding(null);
        ctx.res().setContentType(type);
    }

    /** The language the request asks its answers in ({@code Accept-Language}; Vietnamese unless English is preferred). */
    static Lang language(Context ctx) {
        Lang lang = Messages.language(ctx.header("Accept-Language"));
        ctx.header("Content-Language", lang.code());
        String vary = ctx.res().getHeader("Vary");
        if (vary == null || !vary.contains("Accept-Language")) {
            ctx.header("Vary", vary == null || vary.isBlank() ? "Accept-Language" : vary + ", Accept-Language");
        }
        return lang;
    }

    static void json(Context ctx, int status, Object body) {
        if (status == 401) {
            // How to authenticate (RFC 9110): a bearer token, as QGIS and GDAL send; the page signs in for a cookie.
            ctx.header("WWW-Authenticate", "Bearer realm=\"antt-map\"");
        }
        try {
            ctx.status(status).contentType("application/json; charset=utf-8").result(JSON.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
