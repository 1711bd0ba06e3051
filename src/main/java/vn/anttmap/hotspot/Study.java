package vn.anttmap.hotspot;

import org.locationtech.jts.geom.Geometry;

import java.time.LocalDate;

/**
 * What a hotspot analysis looks at: a study area and the incidents of a period in it, all in metres in one projected
 * CRS (x east, y north).
 *
 * @param areaM the study area's outline (a ward), in metres
 * @param first the period's first day
 * @param last  the period's last day
 * @param xsM   each incident's x, metres
 * @param ysM   each incident's y, metres
 * @param days  each incident's day, aligned with {@code xsM} (used by emerging hot spots only; may hold nulls otherwise)
 */
public record Study(Geometry areaM, LocalDate first, LocalDate last, double[] xsM, double[] ysM, LocalDate[] days) {
    public Study {
        if (xsM.length != ysM.length || xsM.length != days.length) {
            throw new IllegalArgumentException("xsM, ysM and days must have the same length: " + xsM.length + ", "
                    + ysM.length + ", " + days.length);
        }
    }

    /** The number of incidents. */
    public int n() {
        return xsM.length;
    }
}
