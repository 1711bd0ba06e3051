package vn.anttmap.style;

import java.util.List;
import java.util.Objects;

/**
 * The style of one layer: one symbol for every feature, or one per value of a field (categorised).
 *
 * @param layer      the layer or collection name ({@code residential_areas}, {@code incidents}, …)
 * @param geometry   what its features are
 * @param field      the field categories are read from, or {@code null} for a single symbol
 * @param categories the categories in legend order (empty for a single symbol); each value is a {@link String} or an
 *                   {@link Integer}, as the field holds it
 * @param otherwise  the symbol of every other feature (the single symbol, or the categories' fallback), or
 *                   {@code null}: not drawn
 * @param otherLabel the legend label of {@code otherwise} ("tiếng Việt / English")
 */
public record LayerStyle(String layer, Geometry geometry, String field, List<Category> categories, Symbol otherwise,
                         String otherLabel) {
    /** The geometry a layer's features have (multi-geometries included). */
    public enum Geometry { POINT, LINE, POLYGON }

    /**
     * @param value  the field's value
     * @param label  the legend label, "tiếng Việt / English"
     * @param symbol how features with the value are drawn
     */
    public record Category(Object value, String label, Symbol symbol) {
        public Category {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(symbol, "symbol");
            if (!(value instanceof String || value instanceof Integer)) {
                throw new IllegalArgumentException("giá trị phải là chuỗi hoặc số nguyên / a value is a String or an Integer: " + value);
            }
        }
    }

    public LayerStyle {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(geometry, "geometry");
        categories = List.copyOf(categories);
        if (field == null && (!categories.isEmpty() || otherwise == null)) {
            throw new IllegalArgumentException("một ký hiệu cần đúng một ký hiệu / a single-symbol style has one symbol and no category");
        }
        if (field != null && categories.isEmpty()) {
            throw new IllegalArgumentException("kiểu phân loại cần ít nhất một loại / a categorised style needs a category");
        }
    }

    public boolean categorised() {
        return field != null;
    }

    /** Every symbol used: the categories' and then the fallback, if any. */
    public List<Symbol> symbols() {
        java.util.ArrayList<Symbol> out = new java.util.ArrayList<>(categories.stream().map(Category::symbol).toList());
        if (otherwise != null) {
            out.add(otherwise);
        }
        return out;
    }
}
