package vn.anttmap.service;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import vn.anttmap.geo.MetricProjection;
import vn.anttmap.hotspot.Grid;
import vn.anttmap.hotspot.HotspotAnalysis;
import vn.anttmap.hotspot.Study;
import vn.anttmap.model.Feature;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.Layer;
import vn.anttmap.store.FeatureStore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * Hotspot analyses of a ward's incidents, all computed in metres on a grid in the ward's UTM zone: kernel density,
 * Getis-Ord Gi* with the false-discovery rate, and emerging hot spots across time steps. Each result carries the
 * parameters it was computed with (bandwidth, cell, band, n, period, categories), on the whole and on every cell,
 * so that a legend or an exported file always says what it shows. Results are cached per data version.
 *
 * <p>This service reads the ward and its incidents, projects them to metres and turns the cells into features; the
 * analyses themselves are {@link HotspotAnalysis}'s.
 */
public final class HotspotService {
    /** Without a period, analyses cover this many months ending at the last whole month. */
    public static final int DEFAULT_MONTHS = 24;
    private static final GeometryFactory GF = new GeometryFactory();

    private final FeatureStore store;
    private final FeatureService features;
    private final Set<String> categories;
    private final Map<Request, Cached> cache = new ConcurrentHashMap<>();
    private final vn.anttmap.model.CacheStats.Counter cacheCounts = new vn.anttmap.model.CacheStats.Counter("hotspots");

    /** The layers an analysis reads. */
    private static final List<Layer> ANALYSED = List.of(Layer.INCIDENTS, Layer.WARDS);

    private record Cached(long version, Analysis analysis) {
    }

    public HotspotService(FeatureStore store, FeatureService features, Set<String> categories) {
        this.store = store;
        this.features = features;
        this.categories = Set.copyOf(categories);
    }

    /**
     * What to analyse. Null fields take their defaults: the {@value #DEFAULT_MONTHS} months to the end of the last
     * whole month, every category, the bandwidth by the spatial Silverman rule, the density cell a fiftieth of the
     * ward's shorter side, the Gi* cell so that the ward holds about 200 cells, a band of twice the cell, and steps of
     * three months.
     */
    public record Request(String kind, String wardId, LocalDate from, LocalDate to, Set<String> categories,
                         Double bandwidthM, Double cellM, Double bandM, Integer stepMonths) {
        public Request {
            categories = categories == null ? Set.of() : Set.copyOf(new TreeSet<>(categories));
        }

        public static Request of(String kind, String wardId) {
            return new Request(kind, wardId, null, null, null, null, null, null, null);
        }

        public Request withWard(String id) {
            return new Request(kind, id, from, to, categories, bandwidthM, cellM, bandM, stepMonths);
        }
    }

    /**
     * A computed layer: the parameters it was computed with, a summary (class counts, breaks) and its cells in
     * lon/lat. Every cell's properties include the parameters.
     */
    public record Analysis(String kind, Map<String, Object> parameters, Map<String, Object> summary, List<Feature> cells) {
    }

    /** The default last day: that of the last whole month before the latest incident (or today). */
    public LocalDate defaultTo() {
        return features.lastIncidentDay().orElse(features.today()).withDayOfMonth(1).minusDays(1);
    }

    public Analysis density(Request r) {
        return cached(withKind(r, "density"), () -> computeDensity(withKind(r, "density")));
    }

    public Analysis giStar(Request r) {
        return cached(withKind(r, "gistar"), () -> computeGiStar(withKind(r, "gistar")));
    }

    public Analysis emerging(Request r) {
        return cached(withKind(r, "emerging"), () -> computeEmerging(withKind(r, "emerging")));
    }

    private static Request withKind(Request r, String kind) {
        return new Request(kind, r.wardId(), r.from(), r.to(), r.categories(), r.bandwidthM(), r.cellM(), r.bandM(), r.stepMonths());
    }

    // ---------------------------------------------------------------- the study: ward, window, incidents in metres

    /** A ward's study as read from the store: the pure {@link Study} and what the output needs besides. */
    private record Loaded(Feature ward, MetricProjection projection, Set<String> categories, Study study) {
        Map<String, Object> parameters(String kind) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("analysis", kind);
            p.put("ward_id", ward.id());
            p.put("period_first", study.first());
            p.put("period_last", study.last());
            p.put("categories", categories.isEmpty() ? "all" : String.join(",", categories));
            p.put("n", study.n());
            p.put("crs", projection.epsgCode());
            return p;
        }
    }

    private Loaded load(Request r) {
        if (r.wardId() == null || r.wardId().isBlank()) {
            throw new IllegalArgumentException("ward: required, the ward's id");
        }
        Feature ward = store.get(Layer.WARDS, r.wardId())
                .orElseThrow(() -> new NoSuchElementException("không có phường, xã mã '" + r.wardId() + "' / no ward has id '" + r.wardId() + "'"));
        LocalDate to = r.to() == null ? defaultTo() : r.to();
        LocalDate from = r.from() == null ? to.minusMonths(DEFAULT_MONTHS).plusDays(1) : r.from();
        vn.anttmap.model.DayRange.requireOrdered(from, to);
        for (String c : r.categories()) {
            if (!categories.contains(c)) {
                throw new IllegalArgumentException("categories: unknown category '" + c + "'; known: " + new TreeSet<>(categories));
            }
        }
        MetricProjection projection = MetricProjection.forGeometry(ward.geometry());
        List<Feature> incidents = store.query(Layer.INCIDENTS, FeatureQuery.ALL.withWard(ward.id()).withDays(from, to)).stream()
                .filter(f -> f.geometry() instanceof Point)
                .filter(f -> r.categories().isEmpty() || r.categories().contains(f.text("category"))).toList();
        Geometry pointsM = projection.toMeters(GF.createGeometryCollection(incidents.stream().map(Feature::geometry)
                .toArray(Geometry[]::new)));
        int n = incidents.size();
        double[] xs = new double[n];
        double[] ys = new double[n];
        LocalDate[] days = new LocalDate[n];
        for (int i = 0; i < n; i++) {
            Point p = (Point) pointsM.getGeometryN(i);
            xs[i] = p.getX();
            ys[i] = p.getY();
            days[i] = PublishService.day(incidents.get(i).get("occurred_on"));
            if (days[i] == null) {
                days[i] = PublishService.day(incidents.get(i).get("occurred_at"));
            }
        }
        return new Loaded(ward, projection, r.categories(),
                new Study(projection.toMeters(ward.geometry()), from, to, xs, ys, days));
    }

    private static HotspotAnalysis.Options options(Request r) {
        return new HotspotAnalysis.Options(r.bandwidthM(), r.cellM(), r.bandM(), r.stepMonths());
    }

    // ---------------------------------------------------------------- the analyses as features

    private Analysis computeDensity(Request r) {
        Loaded s = load(r);
        HotspotAnalysis.Density d = HotspotAnalysis.density(s.study(), options(r));
        Map<String, Object> params = s.parameters("density");
        params.put("kernel", "quartic");
        params.put("bandwidth_m", round(d.bandwidthM(), 1));
        params.put("bandwidth_rule", d.bandwidthGiven() ? "given" : "spatial Silverman (0.9·min(SD, √(1/ln2)·Dm)·n^-0.2)");
        params.put("cell_m", d.cellM());
        params.put("unit", "incidents/km²");
        List<Feature> out = cellFeatures(s, d.grid().grid(), d.cells(), HotspotAnalysis.DensityCell::index, (c, props) -> {
            props.put("density_per_km2", round(c.perKm2(), 3));
            props.put("class", c.densityClass());
        }, params, "density");
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("max_per_km2", round(d.maxPerKm2(), 3));
        summary.put("breaks_per_km2", Arrays.stream(d.breaksPerKm2()).boxed().toList());
        summary.put("incidents_in_ward_cells", round(d.incidentsInAreaCells(), 2));
        return new Analysis("density", params, summary, out);
    }

    private Analysis computeGiStar(Request r) {
        Loaded s = load(r);
        HotspotAnalysis.GiStar gi = HotspotAnalysis.giStar(s.study(), options(r));
        Map<String, Object> params = s.parameters("gistar");
        params.put("cell_m", gi.cellM());
        params.put("band_m", gi.bandM());
        params.put("weights", "binary distance band, cell its own neighbour");
        params.put("correction", "Benjamini-Hochberg FDR");
        params.put("fdr_cutoff_p99", round(gi.fdrCutoffs()[0], 6));
        params.put("fdr_cutoff_p95", round(gi.fdrCutoffs()[1], 6));
        params.put("fdr_cutoff_p90", round(gi.fdrCutoffs()[2], 6));
        List<Feature> out = cellFeatures(s, gi.grid().grid(), gi.cells(), HotspotAnalysis.GiCell::index, (c, props) -> {
            props.put("count", c.count());
            props.put("gi_z", round(c.z(), 4));
            props.put("p_value", round(c.p(), 6));
            props.put("gi_bin", c.bin());
            props.put("class", c.giClass());
            props.put("neighbours", c.neighbours());
        }, params, "gistar");
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("cells", gi.cells().size());
        summary.put("classes", gi.classes());
        return new Analysis("gistar", params, summary, out);
    }

    private Analysis computeEmerging(Request r) {
        Loaded s = load(r);
        HotspotAnalysis.Emerging e = HotspotAnalysis.emerging(s.study(), options(r));
        Map<String, Object> params = s.parameters("emerging");
        params.put("cell_m", e.cellM());
        params.put("band_m", e.bandM());
        params.put("step_months", e.stepMonths());
        params.put("steps", e.steps());
        params.put("time_lag_steps", 1);
        params.put("trend_test", "Mann-Kendall, alpha 0.05");
        List<Feature> out = cellFeatures(s, e.grid().grid(), e.cells(), HotspotAnalysis.EmergingCell::index, (c, props) -> {
            props.put("pattern", c.pattern().code());
            props.put("pattern_vi", c.pattern().vi());
            props.put("hot_steps", c.hotSteps());
            props.put("bins", Arrays.stream(c.bins()).mapToObj(Integer::toString).collect(Collectors.joining(",")));
        }, params, "emerging");
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("patterns", e.patterns());
        summary.put("step_starts", e.stepStarts());
        summary.put("incidents_per_step", Arrays.stream(e.incidentsPerStep()).boxed().toList());
        return new Analysis("emerging", params, summary, out);
    }

    /** The cells as lon/lat features: their own properties, then the analysis parameters. */
    private static <C> List<Feature> cellFeatures(Loaded s, Grid grid, List<C> cells, ToIntFunction<C> index,
                                                  BiConsumer<C, Map<String, Object>> own, Map<String, Object> params,
                                                  String kind) {
        Geometry squares = s.projection().toLonLat(GF.createGeometryCollection(cells.stream()
                .map(c -> grid.cell(index.applyAsInt(c), GF)).toArray(Geometry[]::new)));
        List<Feature> out = new ArrayList<>(cells.size());
        for (int i = 0; i < cells.size(); i++) {
            String cellId = grid.cellId(index.applyAsInt(cells.get(i)));
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("cell_id", cellId);
            own.accept(cells.get(i), props);
            props.putAll(params);
            out.add(new Feature(kind + "-" + s.ward().id() + "-" + cellId, squares.getGeometryN(i), props));
        }
        return out;
    }

    /** The counts of the analyses kept: hits served a kept analysis, misses computed one. */
    public vn.anttmap.model.CacheStats cacheStats() {
        return cacheCounts.stats();
    }

    private Analysis cached(Request key, java.util.function.Supplier<Analysis> compute) {
        // The stamp of what an analysis reads, kept in the database: another process's import is seen too.
        long version = store.changeStamp(ANALYSED);
        Cached hit = cache.get(key);
        if (hit != null && hit.version() >= version) { // newer than asked (a replica behind) is as good
            cacheCounts.hit();
            return hit.analysis();
        }
        cacheCounts.miss();
        Analysis a = compute.get();
        if (cache.size() > 64) {
            cache.clear();
        }
        cache.put(key, new Cached(version, a));
        return a;
    }

    static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }

    static String fmt(double m) {
        return HotspotAnalysis.formatMetres(m);
    }
}
