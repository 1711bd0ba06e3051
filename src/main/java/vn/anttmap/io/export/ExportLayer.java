package vn.anttmap.io.export;

import vn.anttmap.model.Feature;

import java.util.ArrayList;
import java.util.List;

/**
 * One layer to export: its name, its geometry type ({@code Point}, {@code MultiPolygon}, {@code MultiLineString},
 * or {@code null} for a table without geometry), its property names in order, and its features. The features of a
 * stored layer are read from the store a page at a time each time they are walked (see
 * {@code ExportService}), so a writer that walks them once keeps memory flat; {@link #list()} holds them all, for a
 * format that needs the count or a second pass first (FlatGeobuf).
 */
public record ExportLayer(String name, String geometryType, List<String> properties, Iterable<Feature> features) {
    public ExportLayer {
        properties = List.copyOf(properties);
        if (features instanceof List<Feature> l) {
            features = List.copyOf(l);
        }
    }

    /** Every feature, held in memory. */
    public List<Feature> list() {
        if (features instanceof List<Feature> l) {
            return l;
        }
        List<Feature> out = new ArrayList<>();
        features.forEach(out::add);
        return out;
    }
}
