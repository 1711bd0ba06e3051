package vn.anttmap.style;

import java.util.List;

/**
 * How one kind of feature is drawn, in the page's units (CSS pixels).
 *
 * @param fill          the fill (polygons, markers) with its opacity, or {@code null} for none
 * @param stroke        the outline or line with its opacity, or {@code null} for none
 * @param strokeWidthPx the stroke's width
 * @param dashPx        dash and gap lengths, alternating (empty: a solid stroke)
 * @param sizePx        a marker's diameter, measured at the middle of its stroke (as Leaflet and QGIS draw a circle);
 *                      0 for lines and polygons
 */
public record Symbol(Colour fill, Colour stroke, double strokeWidthPx, List<Double> dashPx, double sizePx) {
    public Symbol {
        dashPx = List.copyOf(dashPx);
        if (strokeWidthPx < 0 || sizePx < 0) {
            throw new IllegalArgumentException("kích thước âm / negative size");
        }
    }

    /** A polygon filled with {@code fill} (or not, when null) and outlined with {@code stroke}. */
    public static Symbol area(Colour fill, Colour stroke, double strokeWidthPx) {
        return new Symbol(fill, stroke, stroke == null ? 0 : strokeWidthPx, List.of(), 0);
    }

    /** A line (or an outline only), dashed when {@code dashPx} has lengths. */
    public static Symbol line(Colour stroke, double strokeWidthPx, List<Double> dashPx) {
        return new Symbol(null, stroke, strokeWidthPx, dashPx, 0);
    }

    /** A filled circle of the diameter, with an outline. */
    public static Symbol circle(Colour fill, Colour stroke, double strokeWidthPx, double diameterPx) {
        return new Symbol(fill, stroke, stroke == null ? 0 : strokeWidthPx, List.of(), diameterPx);
    }

    public boolean dashed() {
        return !dashPx.isEmpty();
    }
}
