package vn.anttmap.service;

import vn.anttmap.model.CacheStats;
import vn.anttmap.model.Layer;
import vn.anttmap.model.PoolUse;
import vn.anttmap.store.FeatureStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What operators and load balancers ask of a running node: whether it is ready to take traffic ({@link #readiness}),
 * and the figures monitoring reads (the connection pool, the replicas' lag, the caches' hits and misses, the records
 * imported). Holds the node's two states that are no data: whether the first page load has been computed
 * ({@link #warming}, {@link #warmed}) and whether the node is shutting down ({@link #drain}). Thread-safe.
 */
public final class OperationsService {
    /** One readiness check: its name, whether it holds, and why, in Vietnamese and English. */
    public record Check(String name, boolean ok, String vi, String en) {
    }

    /** Every check, in a fixed order; ready when all hold. */
    public record Readiness(List<Check> checks) {
        public boolean ready() {
            return checks.stream().allMatch(Check::ok);
        }
    }

    private final FeatureStore store;
    private final ImportService importer;
    private final FeatureService features;
    private final CoverageService coverage;
    private final ScorecardCache cards;
    private final HotspotService hotspots;
    /** Warm unless a warmer said it started: where none runs (tests, embedded use) nothing is left to compute. */
    private volatile boolean warm = true;
    private volatile boolean draining;

    /** The leaders' dashboards kept (their counts in the metrics). */
    private final DashboardService dashboards;

    public OperationsService(FeatureStore store, ImportService importer, FeatureService features, CoverageService coverage,
                             ScorecardCache cards, HotspotService hotspots, DashboardService dashboards) {
        this.dashboards = dashboards;
        this.store = store;
        this.importer = importer;
        this.features = features;
        this.coverage = coverage;
        this.cards = cards;
        this.hotspots = hotspots;
    }

    /** A warmer ({@link PageWarmer}) is about to compute the first page load: not ready until {@link #warmed}. */
    public void warming() {
        warm = false;
    }

    /** The warmer has finished (whether or not every ward could be computed: those left compute on request). */
    public void warmed() {
        warm = true;
    }

    /** The node is shutting down: not ready from now on, so that load balancers send no new requests. */
    public void drain() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    /**
     * Whether the node should take traffic, check by check: {@code store} (a cheap query answers), {@code schema}
     * (the store's schema is the latest this build knows), {@code warm} (the first page load is computed) and
     * {@code accepting} (the node is not shutting down). Every check is made, so a failing one does not hide another.
     */
    public Readiness readiness() {
        List<Check> checks = new ArrayList<>();
        Integer version = null;
        try {
            version = store.schemaVersion();
            checks.add(new Check("store", true, "kho dữ liệu trả lời", "the store answers"));
        } catch (RuntimeException e) {
            // The store's own message names where it is: not for anyone who may read this.
            checks.add(new Check("store", false, "kho dữ liệu không trả lời", "the store does not answer"));
        }
        int latest = store.latestSchemaVersion();
        if (version == null) {
            checks.add(new Check("schema", false, "không đọc được phiên bản lược đồ (kho dữ liệu không trả lời)",
                    "the schema version cannot be read (the store does not answer)"));
        } else if (version == latest) {
            checks.add(new Check("schema", true, "lược đồ ở phiên bản " + version + ", mới nhất bản này biết",
                    "schema at version " + version + ", the latest this build knows"));
        } else {
            checks.add(new Check("schema", false, "lược đồ ở phiên bản " + version + ", bản này cần phiên bản " + latest
                    + " (chạy 'db migrate')", "schema at version " + version + ", this build needs " + latest
                    + " (run 'db migrate')"));
        }
        checks.add(warm ? new Check("warm", true, "đã tính sẵn lần mở trang đầu tiên", "the first page load is computed")
                : new Check("warm", false, "đang tính sẵn lần mở trang đầu tiên", "still computing the first page load"));
        checks.add(draining ? new Check("accepting", false, "đang dừng: hoàn tất các yêu cầu đang xử lý",
                "shutting down: finishing the requests in flight")
                : new Check("accepting", true, "đang nhận yêu cầu", "taking requests"));
        return new Readiness(List.copyOf(checks));
    }

    /** The store's connection pool now, if it has one that has started. */
    public Optional<PoolUse> poolUse() {
        return store.poolUse();
    }

    /** Reads of requests a replica could serve, by the source that served them (primary, replica names). */
    public Map<String, Long> readsBySource() {
        return store.readsBySource();
    }

    /** Each read replica's lag in seconds by its ordinal name ({@link Double#NaN} when it cannot be asked). */
    public Map<String, Double> replicaLagSeconds() {
        return store.replicaLagSeconds();
    }

    /** Every derived-data cache's counts; caches of one kind share a name (add them up). */
    public List<CacheStats> cacheStats() {
        List<CacheStats> out = new ArrayList<>(features.cacheStats());
        out.addAll(coverage.cacheStats());
        out.add(cards.cacheStats());
        out.add(hotspots.cacheStats());
        if (dashboards != null) {
            out.add(dashboards.cacheStats());
        }
        return out;
    }

    /** Records written by imports since start, by layer name ({@link ImportService#rowsWritten}). */
    public Map<String, Long> importedRows() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<Layer, Long> e : importer.rowsWritten().entrySet()) {
            out.put(e.getKey().apiName(), e.getValue());
        }
        return out;
    }
}
