package vn.anttmap.service;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import vn.anttmap.geo.MetricProjection;
import vn.anttmap.hotspot.Bandwidth;
import vn.anttmap.hotspot.EmergingHotspots;
import vn.anttmap.hotspot.GetisOrd;
import vn.anttmap.hotspot.Grid;
import vn.anttmap.hotspot.HotspotException;
import vn.anttmap.hotspot.KernelDensity;
import vn.anttmap.model.Feature;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.Layer;
import vn.anttmap.store.FeatureStore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hotspot analyses of a ward's incidents, all computed in metres on a grid in the ward's UTM zone: kernel density,
 * Getis-Ord Gi* with the false-discovery rate, and emerging hot spots across time steps. Each result carries the
 * parameters it was computed with (bandwidth, cell, band, n, period, categories), on the whole and on every cell,
 * so that a legend or an exported file always says what it shows. Results are cached per data version.
 */
public final class HotspotService {
    /** Without a period, analyses cover this many months ending at the last whole month. */
    public static final int DEFAULT_MONTHS = 24;
    /** Refuse grids larger than this (sfhotspot warns at 100,000 cells). */
    static final int MAX_CELLS = 250_000;
    private static final GeometryFactory GF = new GeometryFactory();

    private final FeatureStore store;
    private final FeatureService features;
    private final Set<String> categories;
    private final Map<Request, Cached> cache = new ConcurrentHashMap<>();

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

    private record Study(Feature ward, MetricProjection projection, Geometry wardM, LocalDate from, LocalDate to,
                         Set<String> categories, double[] xs, double[] ys, LocalDate[] days, String[] ids) {
        int n() {
            return xs.length;
        }

        Map<String, Object> parameters(String kind) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("analysis", kind);
            p.put("ward_id", ward.id());
            p.put("period_first", from);
            p.put("period_last", to);
            p.put("categories", categories.isEmpty() ? "all" : String.join(",", categories));
            p.put("n", n());
            p.put("crs", projection.epsgCode());
            return p;
        }
    }

    private Study study(Request r) {
        if (r.wardId() == null || r.wardId().isBlank()) {
            throw new IllegalArgumentException("ward: required, the ward's id");
        }
        Feature ward = store.get(Layer.WARDS, r.wardId())
                .orElseThrow(() -> new NoSuchElementException("không có phường, xã mã '" + r.wardId() + "' / no ward has id '" + r.wardId() + "'"));
        LocalDate to = r.to() == null ? defaultTo() : r.to();
        LocalDate from = r.from() == null ? to.minusMonths(DEFAULT_MONTHS).plusDays(1) : r.from();
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to: " + to + " is before from " + from);
        }
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
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            Point p = (Point) pointsM.getGeometryN(i);
            xs[i] = p.getX();
            ys[i] = p.getY();
            days[i] = PublishService.day(incidents.get(i).get("occurred_on"));
            if (days[i] == null) {
                days[i] = PublishService.day(incidents.get(i).get("occurred_at"));
            }
            ids[i] = incidents.get(i).id();
        }
        return new Study(ward, projection, projection.toMeters(ward.geometry()), from, to, r.categories(), xs, ys, days, ids);
    }

    /** The grid's cells that touch the ward. */
    private static int[] wardCells(Grid grid, Geometry wardM) {
        if (grid.size() > MAX_CELLS) {
            throw new HotspotException("the grid would have " + grid.size() + " cells (at most " + MAX_CELLS
                    + "); use a larger cell than " + fmt(grid.cellM()) + " m");
        }
        PreparedGeometry ward = PreparedGeometryFactory.prepare(wardM);
        return java.util.stream.IntStream.range(0, grid.size()).filter(k -> ward.intersects(grid.cell(k, GF))).toArray();
    }

    private static double positive(String name, Double value) {
        if (value != null && !(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(name + ": must be a positive number of metres, got " + value);
        }
        return value == null ? Double.NaN : value;
    }

    /** A length rounded to a whole multiple of {@code step} metres, at least {@code step}. */
    static double roundTo(double m, double step) {
        return Math.max(step, Math.round(m / step) * step);
    }

    // ---------------------------------------------------------------- kernel density

    private Analysis computeDensity(Request r) {
        Study s = study(r);
        double given = positive("bandwidth_m", r.bandwidthM());
        double cell = positive("cell_m", r.cellM());
        if (s.n() == 0) {
            throw new HotspotException("no incidents in " + s.from() + ".." + s.to() + " for these categories; nothing to estimate");
        }
        double h = Double.isNaN(given) ? Bandwidth.spatialSilverman(s.xs(), s.ys()) : given;
        Envelope extent = s.wardM().getEnvelopeInternal();
        if (Double.isNaN(cell)) {
            cell = roundTo(Math.min(extent.getWidth(), extent.getHeight()) / 50, 5);
        }
        Grid grid = Grid.covering(extent, cell);
        int[] cells = wardCells(grid, s.wardM());
        double[] density = KernelDensity.densityPerKm2(grid, s.xs(), s.ys(), h);
        double max = Arrays.stream(cells).mapToDouble(k -> density[k]).max().orElse(0);
        double[] breaks = new double[5];
        for (int i = 0; i < 5; i++) {
            breaks[i] = round(max * (i + 1) / 5, 3);
        }
        Map<String, Object> params = s.parameters("density");
        params.put("kernel", "quartic");
        params.put("bandwidth_m", round(h, 1));
        params.put("bandwidth_rule", Double.isNaN(given) ? "spatial Silverman (0.9·min(SD, √(1/ln2)·Dm)·n^-0.2)" : "given");
        params.put("cell_m", cell);
        params.put("unit", "incidents/km²");
        List<Integer> kept = new ArrayList<>();
        for (int k : cells) {
            if (density[k] > max * 1e-3) {
                kept.add(k);
            }
        }
        List<Feature> out = cellFeatures(s, grid, kept, (k, props) -> {
            props.put("density_per_km2", round(density[k], 3));
            int cls = 1;
            while (cls < 5 && density[k] > breaks[cls - 1]) {
                cls++;
            }
            props.put("class", cls);
        }, params, "density");
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("max_per_km2", round(max, 3));
        summary.put("breaks_per_km2", Arrays.stream(breaks).boxed().toList());
        double total = Arrays.stream(cells).mapToDouble(k -> density[k]).sum() * cell * cell / 1e6;
        summary.put("incidents_in_ward_cells", round(total, 2));
        return new Analysis("density", params, summary, out);
    }

    // ---------------------------------------------------------------- Getis-Ord Gi*

    private record GiGrid(Grid grid, int[] cells, double cell, double band) {
    }

    private GiGrid giGrid(Study s, Request r) {
        double cell = positive("cell_m", r.cellM());
        double band = positive("band_m", r.bandM());
        if (Double.isNaN(cell)) {
            cell = roundTo(Math.sqrt(s.wardM().getArea() / 200), 10);
        }
        if (Double.isNaN(band)) {
            band = 2 * cell;
        }
        if (band < cell) {
            throw new HotspotException("band_m: the distance band (" + fmt(band) + " m) is smaller than the cell ("
                    + fmt(cell) + " m), so no cell would have a neighbour; use at least " + fmt(cell) + " m");
        }
        Grid grid = Grid.covering(s.wardM().getEnvelopeInternal(), cell);
        return new GiGrid(grid, wardCells(grid, s.wardM()), cell, band);
    }

    private static double[] counts(GiGrid g, Study s, java.util.function.IntPredicate which) {
        Map<Integer, Integer> position = new java.util.HashMap<>();
        for (int i = 0; i < g.cells().length; i++) {
            position.put(g.cells()[i], i);
        }
        double[] counts = new double[g.cells().length];
        for (int i = 0; i < s.n(); i++) {
            if (!which.test(i)) {
                continue;
            }
            Integer at = position.get(g.grid().indexOf(s.xs()[i], s.ys()[i]));
            if (at != null) {
                counts[at]++;
            }
        }
        return counts;
    }

    private Analysis computeGiStar(Request r) {
        Study s = study(r);
        GiGrid g = giGrid(s, r);
        GetisOrd.Result gi = GetisOrd.analyse(g.grid(), g.cells(), counts(g, s, i -> true), g.band());
        Map<String, Object> params = s.parameters("gistar");
        params.put("cell_m", g.cell());
        params.put("band_m", g.band());
        params.put("weights", "binary distance band, cell its own neighbour");
        params.put("correction", "Benjamini-Hochberg FDR");
        params.put("fdr_cutoff_p99", round(gi.cutoffs()[0], 6));
        params.put("fdr_cutoff_p95", round(gi.cutoffs()[1], 6));
        params.put("fdr_cutoff_p90", round(gi.cutoffs()[2], 6));
        Map<Integer, Integer> at = new LinkedHashMap<>();
        for (int i = 0; i < gi.cells().length; i++) {
            at.put(gi.cells()[i], i);
        }
        Map<String, Long> classes = new TreeMap<>();
        for (int b : gi.bin()) {
            classes.merge(binCode(b), 1L, Long::sum);
        }
        List<Feature> out = cellFeatures(s, g.grid(), at.keySet().stream().toList(), (k, props) -> {
            int i = at.get(k);
            props.put("count", (long) gi.counts()[i]);
            props.put("gi_z", round(gi.z()[i], 4));
            props.put("p_value", round(gi.p()[i], 6));
            props.put("gi_bin", gi.bin()[i]);
            props.put("class", binCode(gi.bin()[i]));
            props.put("neighbours", gi.neighbours()[i]);
        }, params, "gistar");
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("cells", gi.cells().length);
        summary.put("classes", classes);
        return new Analysis("gistar", params, summary, out);
    }

    /** hot_99 … cold_90, not_significant. */
    public static String binCode(int bin) {
        if (bin == 0) {
            return "not_significant";
        }
        return (bin > 0 ? "hot_" : "cold_") + switch (Math.abs(bin)) {
            case 3 -> "99";
            case 2 -> "95";
            default -> "90";
        };
    }

    // ---------------------------------------------------------------- emerging hot spots

    private Analysis computeEmerging(Request r) {
        Study s = study(r);
        int months = r.stepMonths() == null ? 3 : r.stepMonths();
        if (months < 1 || months > 24) {
            throw new IllegalArgumentException("step_months: must be 1 to 24, got " + months);
        }
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate d = s.from(); !d.isAfter(s.to()); d = d.plusMonths(months)) {
            starts.add(d);
        }
        int steps = starts.size();
        if (steps < 2) {
            throw new HotspotException("step_months: the period " + s.from() + ".." + s.to() + " holds one step of "
                    + months + " months; emerging hot spots need at least two");
        }
        if (s.n() < GetisOrd.MIN_INCIDENTS) {
            throw new HotspotException("emerging hot spots need at least " + GetisOrd.MIN_INCIDENTS
                    + " incidents in the period, got " + s.n() + "; widen the period or the categories");
        }
        GiGrid g = giGrid(s, r);
        int n = g.cells().length;
        int[][] bins = new int[n][steps];
        double[][] zs = new double[n][steps];
        double[] stepCounts = new double[steps];
        for (int t = 0; t < steps; t++) {
            // Each step's Gi* counts the step and the one before it (a time lag of one step, as sfdep's default).
            LocalDate first = starts.get(Math.max(0, t - 1));
            LocalDate last = t + 1 < steps ? starts.get(t + 1).minusDays(1) : s.to();
            double[] c = counts(g, s, i -> !s.days()[i].isBefore(first) && !s.days()[i].isAfter(last));
            stepCounts[t] = Arrays.stream(c).sum();
            GetisOrd.Result gi = stepGi(g, c);
            for (int i = 0; i < n; i++) {
                bins[i][t] = gi == null ? 0 : gi.bin()[i];
                zs[i][t] = gi == null ? 0 : gi.z()[i];
            }
        }
        Map<String, Object> params = s.parameters("emerging");
        params.put("cell_m", g.cell());
        params.put("band_m", g.band());
        params.put("step_months", months);
        params.put("steps", steps);
        params.put("time_lag_steps", 1);
        params.put("trend_test", "Mann-Kendall, alpha 0.05");
        Map<String, Long> patterns = new TreeMap<>();
        Map<Integer, EmergingHotspots.Pattern> byCell = new LinkedHashMap<>();
        Map<Integer, Integer> at = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            EmergingHotspots.Pattern p = EmergingHotspots.classify(bins[i], zs[i], 0.05);
            patterns.merge(p.code(), 1L, Long::sum);
            byCell.put(g.cells()[i], p);
            at.put(g.cells()[i], i);
        }
        List<Feature> out = cellFeatures(s, g.grid(), new ArrayList<>(byCell.keySet()), (k, props) -> {
            EmergingHotspots.Pattern p = byCell.get(k);
            props.put("pattern", p.code());
            props.put("pattern_vi", p.vi());
            props.put("hot_steps", (int) Arrays.stream(bins[at.get(k)]).filter(b -> b > 0).count());
            props.put("bins", Arrays.stream(bins[at.get(k)]).mapToObj(Integer::toString).reduce((a, b) -> a + "," + b).orElse(""));
        }, params, "emerging");
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("patterns", patterns);
        summary.put("step_starts", starts);
        summary.put("incidents_per_step", Arrays.stream(stepCounts).mapToLong(d -> (long) d).boxed().toList());
        return new Analysis("emerging", params, summary, out);
    }

    /** Gi* for one time step; a step with too few incidents or nothing standing out has no significant cell. */
    private static GetisOrd.Result stepGi(GiGrid g, double[] counts) {
        try {
            return GetisOrd.analyseStep(g.grid(), g.cells(), counts, g.band());
        } catch (HotspotException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- output

    private interface CellProperties {
        void put(int cell, Map<String, Object> props);
    }

    /** The cells as lon/lat features: their own properties, then the analysis parameters. */
    private static List<Feature> cellFeatures(Study s, Grid grid, List<Integer> cells, CellProperties own,
                                              Map<String, Object> params, String kind) {
        Geometry squares = s.projection().toLonLat(GF.createGeometryCollection(cells.stream().map(k -> grid.cell(k, GF))
                .toArray(Geometry[]::new)));
        List<Feature> out = new ArrayList<>(cells.size());
        for (int i = 0; i < cells.size(); i++) {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("cell_id", grid.cellId(cells.get(i)));
            own.put(cells.get(i), props);
            props.putAll(params);
            out.add(new Feature(kind + "-" + s.ward().id() + "-" + grid.cellId(cells.get(i)), squares.getGeometryN(i), props));
        }
        return out;
    }

    private Analysis cached(Request key, java.util.function.Supplier<Analysis> compute) {
        // The stamp of what an analysis reads, kept in the database: another process's import is seen too.
        long version = store.changeStamp(ANALYSED);
        Cached hit = cache.get(key);
        if (hit != null && hit.version() == version) {
            return hit.analysis();
        }
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
        return m == Math.rint(m) ? Long.toString((long) m) : String.format(Locale.ROOT, "%.1f", m);
    }
}
