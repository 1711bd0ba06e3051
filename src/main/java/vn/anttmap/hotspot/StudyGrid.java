package vn.anttmap.hotspot;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * A grid laid over a study area and the grid's cells that touch the area (the cells an analysis reports).
 *
 * @param grid  the grid, aligned to multiples of its cell size, covering the area's envelope
 * @param cells the indices of the cells that intersect the area, ascending
 */
public record StudyGrid(Grid grid, int[] cells) {
    /** Refuse study grids larger than this (sfhotspot warns at 100,000 cells). */
    public static final int MAX_CELLS = 250_000;
    private static final GeometryFactory GF = new GeometryFactory();

    /**
     * The grid of {@code cellM} cells over {@code areaM}, and its cells that touch the area.
     *
     * @throws HotspotException when the grid would have more than {@value #MAX_CELLS} cells
     */
    public static StudyGrid over(Geometry areaM, double cellM) {
        Grid grid = Grid.covering(areaM.getEnvelopeInternal(), cellM);
        if (grid.size() > MAX_CELLS) {
            throw new HotspotException("the grid would have " + grid.size() + " cells (at most " + MAX_CELLS
                    + "); use a larger cell than " + GetisOrd.fmt(grid.cellM()) + " m");
        }
        PreparedGeometry area = PreparedGeometryFactory.prepare(areaM);
        return new StudyGrid(grid, IntStream.range(0, grid.size()).filter(k -> area.intersects(grid.cell(k, GF))).toArray());
    }

    /** The cell size in metres. */
    public double cellM() {
        return grid.cellM();
    }

    /**
     * Incidents per study cell, aligned with {@link #cells}; incidents outside every study cell are not counted.
     *
     * @param which the incidents (by position) to count
     */
    public double[] counts(double[] xsM, double[] ysM, IntPredicate which) {
        Map<Integer, Integer> position = new HashMap<>();
        for (int i = 0; i < cells.length; i++) {
            position.put(cells[i], i);
        }
        double[] counts = new double[cells.length];
        for (int i = 0; i < xsM.length; i++) {
            if (!which.test(i)) {
                continue;
            }
            Integer at = position.get(grid.indexOf(xsM[i], ysM[i]));
            if (at != null) {
                counts[at]++;
            }
        }
        return counts;
    }
}
