package vn.anttmap.hotspot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Getis-Ord Gi* (Getis &amp; Ord 1992; Ord &amp; Getis 1995) on grid cells with binary distance-band weights
 * (a cell is its own neighbour):
 * <pre>
 *   Gi* = (Σj wij xj − X̄ Σj wij) / ( S · √[ (n Σj wij² − (Σj wij)²) / (n − 1) ] )
 * </pre>
 * with X̄ and S the mean and (population) standard deviation of the counts over the n cells. The statistic is a
 * z-score; its two-sided p-values are corrected for the many cells tested with the false-discovery rate, and each
 * cell is classed hot (+) or cold (−) at 99, 95 or 90 % confidence, as ArcGIS's {@code Gi_Bin} (±3, ±2, ±1, 0).
 */
public final class GetisOrd {
    /** ArcGIS Optimized Hot Spot Analysis asks for at least this many incidents. */
    public static final int MIN_INCIDENTS = 30;
    /** Confidence levels with their α, strictest first; the bin of a significant cell is 3, 2 or 1. */
    static final double[] ALPHAS = {0.01, 0.05, 0.10};

    private GetisOrd() {
    }

    /**
     * @param z          Gi* z-score per cell
     * @param p          two-sided p-value per cell
     * @param neighbours neighbours of each cell within the band, itself excluded
     * @param bin        ±3/±2/±1 = hot/cold at 99/95/90 % after FDR, 0 = not significant
     * @param cutoffs    the FDR p-value cut-off for α = 0.01, 0.05, 0.10 (-1 where no cell passes)
     */
    public record Result(int[] cells, double[] counts, double[] z, double[] p, int[] neighbours, int[] bin,
                         double[] cutoffs) {
    }

    /**
     * Gi* over the study-area cells of a grid.
     *
     * @param cells  the cells of the study area (grid indices)
     * @param counts incidents per cell, aligned with {@code cells}
     * @param bandM  the distance band: cells whose centres lie within it are neighbours
     * @throws HotspotException with fewer than {@value #MIN_INCIDENTS} incidents, a band smaller than the cell, or a
     *                          cell without neighbours
     */
    public static Result analyse(Grid grid, int[] cells, double[] counts, double bandM) {
        double incidents = 0;
        for (double c : counts) {
            incidents += c;
        }
        if (incidents < MIN_INCIDENTS) {
            throw new HotspotException("Gi* needs at least " + MIN_INCIDENTS + " incidents to be trusted, got "
                    + Math.round(incidents) + "; widen the period or the categories");
        }
        return analyseStep(grid, cells, counts, bandM);
    }

    /**
     * Gi* without the minimum number of incidents: one time step of an emerging hot-spot analysis, whose trust
     * comes from the whole period.
     */
    public static Result analyseStep(Grid grid, int[] cells, double[] counts, double bandM) {
        if (bandM < grid.cellM()) {
            throw new HotspotException("the distance band (" + fmt(bandM) + " m) is smaller than the cell ("
                    + fmt(grid.cellM()) + " m), so no cell would have a neighbour; use a band of at least " + fmt(grid.cellM()) + " m");
        }
        int n = cells.length;
        List<int[]> nbrs = neighbours(grid, cells, bandM);
        for (int i = 0; i < n; i++) {
            if (nbrs.get(i).length == 0) {
                throw new HotspotException("cell " + grid.cellId(cells[i]) + " has no neighbour within " + fmt(bandM)
                        + " m; widen the distance band (the nearest cell centre of the study area is farther away)");
            }
        }
        double mean = 0;
        double sq = 0;
        for (double x : counts) {
            mean += x;
            sq += x * x;
        }
        mean /= n;
        double s = Math.sqrt(sq / n - mean * mean);
        if (!(s > 0)) {
            throw new HotspotException("every cell has the same count, so nothing stands out");
        }
        double[] z = new double[n];
        double[] p = new double[n];
        int[] nn = new int[n];
        for (int i = 0; i < n; i++) {
            int[] js = nbrs.get(i);
            double w = js.length + 1;
            double lag = counts[i];
            for (int j : js) {
                lag += counts[j];
            }
            double denominator = s * Math.sqrt((n * w - w * w) / (n - 1));
            z[i] = (lag - mean * w) / denominator;
            p[i] = Normal.twoSided(z[i]);
            nn[i] = js.length;
        }
        double[] cutoffs = new double[ALPHAS.length];
        for (int a = 0; a < ALPHAS.length; a++) {
            cutoffs[a] = FalseDiscoveryRate.cutoff(p, ALPHAS[a]);
        }
        int[] bin = new int[n];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < ALPHAS.length; a++) {
                if (cutoffs[a] >= 0 && p[i] <= cutoffs[a]) {
                    bin[i] = (int) Math.signum(z[i]) * (3 - a);
                    break;
                }
            }
        }
        return new Result(cells.clone(), counts.clone(), z, p, nn, bin, cutoffs);
    }

    /** The class code of a bin: {@code hot_99}, {@code hot_95}, {@code hot_90}, {@code cold_…}, {@code not_significant}. */
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

    /** For each cell, the positions (in {@code cells}) of the other cells whose centres are within {@code bandM}. */
    static List<int[]> neighbours(Grid grid, int[] cells, double bandM) {
        Map<Integer, Integer> position = new HashMap<>();
        for (int i = 0; i < cells.length; i++) {
            position.put(cells[i], i);
        }
        int reach = (int) Math.floor(bandM / grid.cellM() + 1e-9);
        double band2 = bandM * bandM * (1 + 1e-12);
        List<int[]> out = new ArrayList<>(cells.length);
        for (int cell : cells) {
            int c0 = grid.col(cell);
            int r0 = grid.row(cell);
            List<Integer> js = new ArrayList<>();
            for (int dr = -reach; dr <= reach; dr++) {
                for (int dc = -reach; dc <= reach; dc++) {
                    if ((dr == 0 && dc == 0) || c0 + dc < 0 || r0 + dr < 0 || c0 + dc >= grid.cols() || r0 + dr >= grid.rows()) {
                        continue;
                    }
                    double d2 = (dc * grid.cellM()) * (dc * grid.cellM()) + (dr * grid.cellM()) * (dr * grid.cellM());
                    Integer j = position.get(grid.index(c0 + dc, r0 + dr));
                    if (j != null && d2 <= band2) {
                        js.add(j);
                    }
                }
            }
            out.add(js.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    static String fmt(double m) {
        return m == Math.rint(m) ? Long.toString((long) m) : String.format(java.util.Locale.ROOT, "%.1f", m);
    }
}
