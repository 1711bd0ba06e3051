package vn.anttmap.model;

import java.util.List;

/**
 * One attribute of a layer.
 *
 * @param name      column and property name (snake_case, ASCII)
 * @param type      value type
 * @param required  an import row without it is refused
 * @param allowed   for closed sets: the allowed codes, otherwise empty
 * @param min       smallest allowed numeric value, or {@code null}
 * @param max       largest allowed numeric value, or for text the most characters it may have (its column's
 *                  size), or {@code null}
 * @param derived   computed by the service when a record is written (area and ward assignment, local day);
 *                  exported, but ignored on import
 */
public record FieldDef(String name, FieldType type, boolean required, List<String> allowed,
                       Double min, Double max, boolean derived) {

    public FieldDef {
        allowed = List.copyOf(allowed);
    }

    public static FieldDef text(String name) {
        return new FieldDef(name, FieldType.TEXT, false, List.of(), null, null, false);
    }

    public static FieldDef of(String name, FieldType type) {
        return new FieldDef(name, type, false, List.of(), null, null, false);
    }

    public static FieldDef oneOf(String name, List<String> allowed) {
        return new FieldDef(name, FieldType.TEXT, false, allowed, null, null, false);
    }

    public static FieldDef derived(String name, FieldType type) {
        return new FieldDef(name, type, false, List.of(), null, null, true);
    }

    public FieldDef mandatory() {
        return new FieldDef(name, type, true, allowed, min, max, derived);
    }

    /** A text field of at most {@code maxChars} characters (its column's size). */
    public FieldDef length(int maxChars) {
        return new FieldDef(name, type, required, allowed, null, (double) maxChars, derived);
    }

    public FieldDef range(double minValue, double maxValue) {
        return new FieldDef(name, type, required, allowed, minValue, maxValue, derived);
    }
}
