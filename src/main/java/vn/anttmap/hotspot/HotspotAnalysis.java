package vn.anttmap.hotspot;

import org.locationtech.jts.geom.Envelope;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The three hotspot analyses of a {@link Study}, on a grid in metres laid over the study area: kernel density, Getis-Ord
 * Gi* with the false-discovery rate, and emerging hot spots across time steps. Each takes the incidents and the
 * {@link Options} (unset ones take their defaults) and returns the cells that touch the area with their values and
 * classes, and the parameters it resolved, so that a caller can say what was computed.
 *
 * <p>Parameters are checked in a fixed order, and the first problem is thrown: an {@link IllegalArgumentException}
 * for a malformed parameter (naming it as the API does, e.g. {@code cell_m}), a {@link HotspotException} for an
 * analysis that cannot be run as asked (too few incidents, a band smaller than the cell, too many cells).
 */
public final class HotspotAnalysis {
    /** Density classes: the cells are classed 1–5 by equal intervals from 0 to the largest density. */
    public static final int DENSITY_CLASSES = 5;
    /** Density cells at or below this share of the largest density are left out. */
    public static final double DENSITY_SHOWN_SHARE = 1e-3;
    /** Emerging hot spots: the length of a time step without one given, in months. */
    public static final int DEFAULT_STEP_MONTHS = 3;
    /** Emerging hot spots: the significance of the Mann-Kendall trend test. */
    public static final double TREND_ALPHA = 0.05;

    private HotspotAnalysis() {
    }

    /**
     * The analysis parameters; a {@code null} takes its default: the bandwidth by the spatial Silverman rule
     * ({@link Bandwidth}), the density cell a fiftieth of the area's shorter side (in whole 5 m), the Gi* cell so
     * that the area holds about 200 cells (in whole 10 m), a band of twice the cell, and steps of
     * {@value #DEFAULT_STEP_MONTHS} months.
     */
    public record Options(Double bandwidthM, Double cellM, Double bandM, Integer stepMonths) {
        public static final Options DEFAULTS = new Options(null, null, null, null);
    }

    // ---------------------------------------------------------------- kernel density

    /** A density cell: its grid index, density and class (1–{@value #DENSITY_CLASSES}). */
    public record DensityCell(int index, double perKm2, int densityClass) {
    }

    /**
     * A kernel density surface.
     *
     * @param grid                  the grid and its cells that touch the area
     * @param bandwidthM            the kernel's radius used
     * @param bandwidthGiven        whether it was given (else by the spatial Silverman rule)
     * @param cells                 the cells that touch the area and hold more than {@value #DENSITY_SHOWN_SHARE} of
     *                              the largest density, in grid order
     * @param maxPerKm2             the largest density of a cell touching the area
     * @param breaksPerKm2          the upper bounds of the classes, rounded to 3 decimals (a cell above break
     *                              {@code i − 1} and at most break {@code i} is of class {@code i + 1})
     * @param incidentsInAreaCells  the density summed over the cells touching the area times the cell's area: the
     *                              incidents the surface holds there
     */
    public record Density(StudyGrid grid, double bandwidthM, boolean bandwidthGiven, List<DensityCell> cells,
                          double maxPerKm2, double[] breaksPerKm2, double incidentsInAreaCells) {
        public double cellM() {
            return grid.cellM();
        }
    }

    /**
     * The kernel density of the incidents (quartic kernel, {@link KernelDensity}) at the centre of every cell that
     * touches the area, in incidents per km², classed by equal intervals.
     *
     * @throws IllegalArgumentException for a bandwidth or cell that is not a positive number of metres
     * @throws HotspotException         without incidents, or with too many cells
     */
    public static Density density(Study s, Options o) {
        double given = positive("bandwidth_m", o.bandwidthM());
        double cell = positive("cell_m", o.cellM());
        if (s.n() == 0) {
            throw new HotspotException("no incidents in " + s.first() + ".." + s.last() + " for these categories; nothing to estimate");
        }
        double h = Double.isNaN(given) ? Bandwidth.spatialSilverman(s.xsM(), s.ysM()) : given;
        if (Double.isNaN(cell)) {
            Envelope extent = s.areaM().getEnvelopeInternal();
            cell = roundTo(Math.min(extent.getWidth(), extent.getHeight()) / 50, 5);
        }
        StudyGrid g = StudyGrid.over(s.areaM(), cell);
        double[] density = KernelDensity.densityPerKm2(g.grid(), s.xsM(), s.ysM(), h);
        double max = Arrays.stream(g.cells()).mapToDouble(k -> density[k]).max().orElse(0);
        double[] breaks = new double[DENSITY_CLASSES];
        for (int i = 0; i < DENSITY_CLASSES; i++) {
            breaks[i] = round(max * (i + 1) / DENSITY_CLASSES, 3);
        }
        List<DensityCell> shown = new ArrayList<>();
        for (int k : g.cells()) {
            if (density[k] > max * DENSITY_SHOWN_SHARE) {
                shown.add(new DensityCell(k, density[k], densityClass(density[k], breaks)));
            }
        }
        double total = Arrays.stream(g.cells()).mapToDouble(k -> density[k]).sum() * cell * cell / 1e6;
        return new Density(g, h, !Double.isNaN(given), shown, max, breaks, total);
    }

    /** The class of a density: 1 up to the first break, then one more for each break it exceeds. */
    public static int densityClass(double perKm2, double[] breaks) {
        int cls = 1;
        while (cls < breaks.length && perKm2 > breaks[cls - 1]) {
            cls++;
        }
        return cls;
    }

    // ---------------------------------------------------------------- Getis-Ord Gi*

    /**
     * A Gi* cell.
     *
     * @param index      its grid index
     * @param count      incidents in it
     * @param z          its Gi* z-score
     * @param p          its two-sided p-value
     * @param bin        ±3/±2/±1 = hot/cold at 99/95/90 % after the false-discovery rate, 0 = not significant
     * @param neighbours the other cells within the band
     */
    public record GiCell(int index, long count, double z, double p, int bin, int neighbours) {
        /** {@code hot_99} … {@code cold_90}, {@code not_significant}. */
        public String giClass() {
            return GetisOrd.binCode(bin);
        }
    }

    /**
     * A Gi* hot-spot map.
     *
     * @param bandM       the distance band used
     * @param fdrCutoffs  the false-discovery-rate p-value cut-offs for 99, 95 and 90 % (-1 where no cell passes)
     * @param cells       every cell that touches the area, in grid order
     * @param classes     how many cells each class has, by class code
     */
    public record GiStar(StudyGrid grid, double bandM, double[] fdrCutoffs, List<GiCell> cells, Map<String, Long> classes) {
        public double cellM() {
            return grid.cellM();
        }
    }

    /**
     * Getis-Ord Gi* of the incident counts of the cells that touch the area ({@link GetisOrd#analyse}).
     *
     * @throws IllegalArgumentException for a cell or band that is not a positive number of metres
     * @throws HotspotException         with a band smaller than the cell, too many cells, or fewer than
     *                                  {@value GetisOrd#MIN_INCIDENTS} incidents in the cells
     */
    public static GiStar giStar(Study s, Options o) {
        GiGrid g = giGrid(s, o);
        GetisOrd.Result gi = GetisOrd.analyse(g.grid().grid(), g.grid().cells(),
                g.grid().counts(s.xsM(), s.ysM(), i -> true), g.bandM());
        List<GiCell> cells = new ArrayList<>(gi.cells().length);
        Map<String, Long> classes = new TreeMap<>();
        for (int i = 0; i < gi.cells().length; i++) {
            cells.add(new GiCell(gi.cells()[i], (long) gi.counts()[i], gi.z()[i], gi.p()[i], gi.bin()[i], gi.neighbours()[i]));
            classes.merge(GetisOrd.binCode(gi.bin()[i]), 1L, Long::sum);
        }
        return new GiStar(g.grid(), g.bandM(), gi.cutoffs(), cells, classes);
    }

    private record GiGrid(StudyGrid grid, double bandM) {
    }

    private static GiGrid giGrid(Study s, Options o) {
        double cell = positive("cell_m", o.cellM());
        double band = positive("band_m", o.bandM());
        if (Double.isNaN(cell)) {
            cell = roundTo(Math.sqrt(s.areaM().getArea() / 200), 10);
        }
        if (Double.isNaN(band)) {
            band = 2 * cell;
        }
        if (band < cell) {
            throw new HotspotException("band_m: the distance band (" + GetisOrd.fmt(band) + " m) is smaller than the cell ("
                    + GetisOrd.fmt(cell) + " m), so no cell would have a neighbour; use at least " + GetisOrd.fmt(cell) + " m");
        }
        return new GiGrid(StudyGrid.over(s.areaM(), cell), band);
    }

    // ---------------------------------------------------------------- emerging hot spots

    /**
     * A cell's course over the time steps.
     *
     * @param index   its grid index
     * @param pattern its emerging hot-spot pattern
     * @param bins    its Gi* bin in each step, oldest first (0 in a step without any significant cell)
     * @param z       its Gi* z-score in each step
     */
    public record EmergingCell(int index, EmergingHotspots.Pattern pattern, int[] bins, double[] z) {
        /** The number of steps in which the cell was hot. */
        public int hotSteps() {
            return (int) Arrays.stream(bins).filter(b -> b > 0).count();
        }
    }

    /**
     * An emerging hot-spot map.
     *
     * @param bandM            the distance band used
     * @param stepMonths       the length of a step
     * @param stepStarts       each step's first day; the last step ends with the period
     * @param incidentsPerStep incidents in the study cells counted by each step's Gi* (the step and the one before it)
     * @param cells            every cell that touches the area, in grid order
     * @param patterns         how many cells each pattern has, by pattern code
     */
    public record Emerging(StudyGrid grid, double bandM, int stepMonths, List<LocalDate> stepStarts,
                           long[] incidentsPerStep, List<EmergingCell> cells, Map<String, Long> patterns) {
        public double cellM() {
            return grid.cellM();
        }

        public int steps() {
            return stepStarts.size();
        }
    }

    /**
     * Emerging hot spots: the period cut into steps of {@code stepMonths} from its first day, Gi* in each step over
     * the step and the one before it (a time lag of one step, as sfdep's default), and each cell's pattern from its
     * bins and the Mann-Kendall trend of its z-scores ({@link EmergingHotspots#classify}, α = {@value #TREND_ALPHA}).
     * A step with too few incidents or nothing standing out has no significant cell.
     *
     * @throws IllegalArgumentException for steps outside 1–24 months, or a cell or band that is not a positive number
     * @throws HotspotException         with fewer than two steps in the period, fewer than
     *                                  {@value GetisOrd#MIN_INCIDENTS} incidents, a band smaller than the cell, or
     *                                  too many cells
     */
    public static Emerging emerging(Study s, Options o) {
        int months = o.stepMonths() == null ? DEFAULT_STEP_MONTHS : o.stepMonths();
        if (months < 1 || months > 24) {
            throw new IllegalArgumentException("step_months: must be 1 to 24, got " + months);
        }
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate d = s.first(); !d.isAfter(s.last()); d = d.plusMonths(months)) {
            starts.add(d);
        }
        int steps = starts.size();
        if (steps < 2) {
            throw new HotspotException("step_months: the period " + s.first() + ".." + s.last() + " holds one step of "
                    + months + " months; emerging hot spots need at least two");
        }
        if (s.n() < GetisOrd.MIN_INCIDENTS) {
            throw new HotspotException("emerging hot spots need at least " + GetisOrd.MIN_INCIDENTS
                    + " incidents in the period, got " + s.n() + "; widen the period or the categories");
        }
        GiGrid g = giGrid(s, o);
        int n = g.grid().cells().length;
        int[][] bins = new int[n][steps];
        double[][] zs = new double[n][steps];
        long[] stepCounts = new long[steps];
        for (int t = 0; t < steps; t++) {
            LocalDate first = starts.get(Math.max(0, t - 1));
            LocalDate last = t + 1 < steps ? starts.get(t + 1).minusDays(1) : s.last();
            double[] c = g.grid().counts(s.xsM(), s.ysM(), i -> !s.days()[i].isBefore(first) && !s.days()[i].isAfter(last));
            stepCounts[t] = (long) Arrays.stream(c).sum();
            GetisOrd.Result gi = stepGi(g, c);
            for (int i = 0; i < n; i++) {
                bins[i][t] = gi == null ? 0 : gi.bin()[i];
                zs[i][t] = gi == null ? 0 : gi.z()[i];
            }
        }
        List<EmergingCell> cells = new ArrayList<>(n);
        Map<String, Long> patterns = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            EmergingHotspots.Pattern p = EmergingHotspots.classify(bins[i], zs[i], TREND_ALPHA);
            patterns.merge(p.code(), 1L, Long::sum);
            cells.add(new EmergingCell(g.grid().cells()[i], p, bins[i], zs[i]));
        }
        return new Emerging(g.grid(), g.bandM(), months, List.copyOf(starts), stepCounts, cells, patterns);
    }

    private static GetisOrd.Result stepGi(GiGrid g, double[] counts) {
        try {
            return GetisOrd.analyseStep(g.grid().grid(), g.grid().cells(), counts, g.bandM());
        } catch (HotspotException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A length given or not: {@code NaN} when not. */
    private static double positive(String name, Double value) {
        if (value != null && !(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(name + ": must be a positive number of metres, got " + value);
        }
        return value == null ? Double.NaN : value;
    }

    /** A length rounded to a whole multiple of {@code stepM} metres, at least {@code stepM}. */
    public static double roundTo(double m, double stepM) {
        return Math.max(stepM, Math.round(m / stepM) * stepM);
    }

    /** A length in metres as messages write it: whole metres without decimals, else one decimal. */
    public static String formatMetres(double m) {
        return GetisOrd.fmt(m);
    }

    private static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
