package vn.anttmap.io.export;

import vn.anttmap.model.Feature;

import java.util.List;

/**
 * One layer to export: its name, its geometry type ({@code Point}, {@code MultiPolygon}, {@code MultiLineString},
 * or {@code null} for a table without geometry), its property names in order, and its features.
 */
public record ExportLayer(String name, String geometryType, List<String> properties, List<Feature> features) {
    public ExportLayer {
        properties = List.copyOf(properties);
        features = List.copyOf(features);
    }
}
