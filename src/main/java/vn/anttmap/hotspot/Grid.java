package vn.anttmap.hotspot;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * A square grid in a projected CRS (metres). Cell {@code (col, row)} spans
 * {@code [originX + col·cellM, originX + (col+1)·cellM) × [originY + row·cellM, …)}; the origin is a multiple of the
 * cell size, so two analyses with the same cell size share their cells.
 */
public record Grid(double originXM, double originYM, double cellM, int cols, int rows) {
    /** The most cells a grid may have (sfhotspot warns above 100,000). */
    public static final int MAX_CELLS = 1_000_000;

    public Grid {
        if (!(cellM > 0) || cols <= 0 || rows <= 0) {
            throw new IllegalArgumentException("a grid needs a positive cell size and at least one cell");
        }
        if ((long) cols * rows > MAX_CELLS) {
            throw new HotspotException("a grid of " + cols + " × " + rows + " cells of " + cellM + " m is more than "
                    + MAX_CELLS + " cells; use a larger cell");
        }
    }

    /** The grid of {@code cellM} cells, aligned to multiples of the cell size, that covers {@code extentM}. */
    public static Grid covering(Envelope extentM, double cellM) {
        if (!(cellM > 0)) {
            throw new IllegalArgumentException("cell size must be positive, got " + cellM + " m");
        }
        double x0 = Math.floor(extentM.getMinX() / cellM) * cellM;
        double y0 = Math.floor(extentM.getMinY() / cellM) * cellM;
        double colsD = Math.ceil((extentM.getMaxX() - x0) / cellM) + 1;
        double rowsD = Math.ceil((extentM.getMaxY() - y0) / cellM) + 1;
        if (colsD * rowsD > MAX_CELLS) {
            throw new HotspotException("a grid of " + (long) colsD + " × " + (long) rowsD + " cells of " + cellM
                    + " m is more than " + MAX_CELLS + " cells; use a larger cell");
        }
        int cols = Math.max(1, (int) colsD - 1);
        int rows = Math.max(1, (int) rowsD - 1);
        if (extentM.getMaxX() >= x0 + cols * cellM) {
            cols++;
        }
        if (extentM.getMaxY() >= y0 + rows * cellM) {
            rows++;
        }
        return new Grid(x0, y0, cellM, cols, rows);
    }

    public int size() {
        return cols * rows;
    }

    public int index(int col, int row) {
        return row * cols + col;
    }

    public int col(int index) {
        return index % cols;
    }

    public int row(int index) {
        return index / cols;
    }

    /** The cell containing a point, or -1 outside the grid. */
    public int indexOf(double xM, double yM) {
        int c = (int) Math.floor((xM - originXM) / cellM);
        int r = (int) Math.floor((yM - originYM) / cellM);
        return c < 0 || r < 0 || c >= cols || r >= rows ? -1 : index(c, r);
    }

    public double centreX(int index) {
        return originXM + (col(index) + 0.5) * cellM;
    }

    public double centreY(int index) {
        return originYM + (row(index) + 0.5) * cellM;
    }

    /** The cell's square, in metres. */
    public Polygon cell(int index, GeometryFactory gf) {
        double x = originXM + col(index) * cellM;
        double y = originYM + row(index) * cellM;
        return (Polygon) gf.toGeometry(new Envelope(x, x + cellM, y, y + cellM));
    }

    /** A stable name for a cell: its lower-left corner in whole metres. */
    public String cellId(int index) {
        return Math.round(originXM + col(index) * cellM) + "_" + Math.round(originYM + row(index) * cellM);
    }
}
