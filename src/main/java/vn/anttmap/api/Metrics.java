package vn.anttmap.api;

import io.javalin.http.Context;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import vn.anttmap.auth.Principal;
import vn.anttmap.model.Account;
import vn.anttmap.model.CacheStats;
import vn.anttmap.model.PoolUse;
import vn.anttmap.service.OperationsService;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The node's Prometheus metrics, in the text exposition format 0.0.4 ({@link #CONTENT_TYPE}), one registry per
 * server: the HTTP requests (counted and timed by route template, method and status class, failures by kind), the
 * connection pool, the read replicas' lag, the caches' hits and misses, the records imported, and the JVM. Labels
 * hold only bounded sets: a route as registered ({@code /api/v1/incidents/{id}}, never the path asked), {@code static}
 * for the page's files and {@code unmatched} for the rest; never an id, a user, a ward or a token. Figures kept
 * elsewhere (pool, caches, imports, replicas) are read at each scrape.
 */
final class Metrics {
    static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;
    /** The request attribute a failure's kind is kept in for {@link #observe} ({@link FailureMapping} sets it). */
    static final String FAILURE = "antt.failure";
    static final String STATIC = "static";
    static final String UNMATCHED = "unmatched";

    /** Who may read the metrics: see {@link #access}. */
    enum Access {
        ALLOWED, SIGN_IN, FORBIDDEN
    }

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter requests;
    private final Histogram durations;
    private final Counter errors;
    private final List<Supplier<CacheStats>> caches = new CopyOnWriteArrayList<>();

    Metrics(OperationsService ops) {
        requests = Counter.builder().name("antt_http_requests")
                .help("HTTP requests answered, by route template, method and status class")
                .labelNames("route", "method", "status").register(registry);
        durations = Histogram.builder().name("antt_http_request_duration_seconds")
                .help("Time from a request's arrival to its answer's end, by route template, method and status class")
                .classicOnly().labelNames("route", "method", "status").register(registry);
        errors = Counter.builder().name("antt_http_errors")
                .help("Requests answered with a failure (its kind: not_found, unauthorized, store_failure, internal, ...)"
                        + " or with any 5xx status (server_error when no kind was named)")
                .labelNames("route", "method", "kind").register(registry);
        pool(ops);
        GaugeWithCallback.builder().name("antt_db_replica_lag_seconds")
                .help("How far each read replica is behind the primary, in seconds")
                .labelNames("replica").callback(cb -> ops.replicaLagSeconds().forEach((replica, lag) -> {
                    if (!lag.isNaN()) {
                        cb.call(lag, replica);
                    }
                })).register(registry);
        GaugeWithCallback.builder().name("antt_db_replica_up")
                .help("Whether each read replica answered when last asked for its lag (1) or not (0)")
                .labelNames("replica").callback(cb -> ops.replicaLagSeconds().forEach((replica, lag) ->
                        cb.call(lag.isNaN() ? 0 : 1, replica))).register(registry);
        CounterWithCallback.builder().name("antt_db_reads")
                .help("Database reads of requests a replica could serve, by the source that served them (primary, or a "
                        + "replica's ordinal name)")
                .labelNames("source").callback(cb -> ops.readsBySource().forEach((source, n) -> cb.call(n, source)))
                .register(registry);
        caches(ops);
        CounterWithCallback.builder().name("antt_import_rows")
                .help("Records written by imports in this process, by layer")
                .labelNames("layer").callback(cb -> ops.importedRows().forEach((layer, rows) -> cb.call(rows, layer)))
                .register(registry);
        io.prometheus.metrics.instrumentation.jvm.JvmMetrics.builder().register(registry);
    }

    private void pool(OperationsService ops) {
        Map<String, java.util.function.ToIntFunction<PoolUse>> gauges = Map.of(
                "antt_db_pool_active_connections", PoolUse::active,
                "antt_db_pool_idle_connections", PoolUse::idle,
                "antt_db_pool_connections", PoolUse::total,
                "antt_db_pool_pending_threads", PoolUse::waiting,
                "antt_db_pool_max_connections", PoolUse::max);
        Map<String, String> help = Map.of(
                "antt_db_pool_active_connections", "Database connections lent out now",
                "antt_db_pool_idle_connections", "Database connections open and unused now",
                "antt_db_pool_connections", "Database connections open now",
                "antt_db_pool_pending_threads", "Threads waiting for a database connection now",
                "antt_db_pool_max_connections", "The most database connections the pool opens");
        new TreeMap<>(gauges).forEach((name, read) -> GaugeWithCallback.builder().name(name).help(help.get(name))
                .callback(cb -> ops.poolUse().ifPresent(use -> cb.call(read.applyAsInt(use)))).register(registry));
    }

    private void caches(OperationsService ops) {
        CounterWithCallback.builder().name("antt_cache_hits")
                .help("Lookups a cache answered from what it kept, by cache")
                .labelNames("cache").callback(cb -> cacheTotals(ops).forEach((name, n) -> cb.call(n[0], name)))
                .register(registry);
        CounterWithCallback.builder().name("antt_cache_misses")
                .help("Lookups a cache had to compute or read, by cache")
                .labelNames("cache").callback(cb -> cacheTotals(ops).forEach((name, n) -> cb.call(n[1], name)))
                .register(registry);
    }

    /** Hits and misses by cache name, the caches of one name added up. */
    private Map<String, long[]> cacheTotals(OperationsService ops) {
        Map<String, long[]> totals = new TreeMap<>();
        List<CacheStats> all = new java.util.ArrayList<>(ops.cacheStats());
        caches.forEach(c -> all.add(c.get()));
        for (CacheStats s : all) {
            long[] n = totals.computeIfAbsent(s.name(), k -> new long[2]);
            n[0] += s.hits();
            n[1] += s.misses();
        }
        return totals;
    }

    /** Adds a cache kept in the HTTP layer (the tiles). */
    void cache(Supplier<CacheStats> stats) {
        caches.add(stats);
    }

    /** Counts and times an answered request (called once per request, after its answer). */
    void observe(Context ctx, float millis) {
        int status = ctx.statusCode();
        String route = route(ctx, status);
        String method = ctx.method().name();
        String statusClass = (status / 100) + "xx";
        requests.labelValues(route, method, statusClass).inc();
        durations.labelValues(route, method, statusClass).observe(millis / 1000.0);
        String kind = ctx.attribute(FAILURE);
        if (kind == null && status >= 500) {
            kind = "server_error";
        }
        if (kind != null) {
            errors.labelValues(route, method, kind).inc();
        }
    }

    /** The route template that answered, {@code static} for a file of the page, else {@code unmatched}. */
    static String route(Context ctx, int status) {
        String template;
        try {
            template = ctx.endpointHandlerPath();
        } catch (IllegalStateException refusedInABeforeHandler) {
            template = null;
        }
        if (template != null && template.startsWith("/")) {
            return template;
        }
        return status < 400 ? STATIC : UNMATCHED;
    }

    /** The metrics now, in the text format. */
    byte[] scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, registry.scrape());
        return out.toByteArray();
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** An IPv6 literal (with an IPv4 tail or a zone perhaps): starts with a hex digit or a colon, holds a colon. */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%\\w+)?");

    /**
     * Who may read the metrics: a request made on this machine (from a loopback address, 127.0.0.0/8 or ::1, with no
     * header a proxy adds: a reverse proxy on the same machine would otherwise make every request look local), or an
     * administrator; anyone else signs in (the public) or is refused (other roles). The address is the connection's
     * own, never one a header claims.
     *
     * @param remoteAddress the connection's peer, an IP address literal
     * @param forwarded     whether the request carries {@code Forwarded}, {@code X-Forwarded-For} or {@code X-Real-IP}
     */
    static Access access(String remoteAddress, boolean forwarded, Principal who) {
        if (who.is(Account.Role.ADMIN) || (!forwarded && isLoopback(remoteAddress))) {
            return Access.ALLOWED;
        }
        return who.isPublic() ? Access.SIGN_IN : Access.FORBIDDEN;
    }

    /** Whether an IP address literal is a loopback address; a name (never looked up) or nothing is not. */
    static boolean isLoopback(String address) {
        if (address == null) {
            return false;
        }
        String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
                : address;
        if (IPV4.matcher(literal).matches()) {
            return literal.startsWith("127.");
        }
        if (!IPV6.matcher(literal).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
