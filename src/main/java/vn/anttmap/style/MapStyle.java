package vn.anttmap.style;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A MapLibre GL / Mapbox GL style document (version 8) for the service's vector tiles, drawn as the page draws the
 * layers (the same {@link LayerStyles}): a {@code vector} source per collection, whose {@code url} is the
 * collection's TileJSON, and {@code fill}, {@code line} and {@code circle} layers. No glyphs, sprite or background:
 * nothing is fetched but the service's own tiles, and the basemap is the client's own.
 *
 * <p>Each collection's tiles hold one layer named after the collection ({@code source-layer}). Points gathered into
 * clusters (a {@code point_count}, no other field) are drawn larger with the category's fallback colour. A style
 * value that differs between categories is a {@code match} expression on the category field.
 */
public final class MapStyle {
    /** The style's name. */
    public static final String NAME = "ANTT Map";

    private MapStyle() {
    }

    /**
     * The style for the collections (those without a style are left out), layers ordered bottom to top as
     * {@link LayerStyles#STYLED}.
     *
     * @param tileJsonUrl the absolute URL of a collection's TileJSON, by collection id
     * @return the document as JSON-ready maps and lists, in a stable order
     */
    public static Map<String, Object> document(List<String> collections, Function<String, String> tileJsonUrl) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", 8);
        doc.put("name", NAME);
        doc.put("metadata", Map.of("antt-map:description",
                "Các lớp dữ liệu vẽ như trên bản đồ ANTT Map / The data layers drawn as on the ANTT Map page"));
        Map<String, Object> sources = new LinkedHashMap<>();
        List<Object> layers = new ArrayList<>();
        for (String id : LayerStyles.STYLED) {
            if (!collections.contains(id)) {
                continue;
            }
            LayerStyle s = LayerStyles.style(id).orElseThrow();
            sources.put(id, new LinkedHashMap<>(Map.of("type", "vector", "url", Objects.requireNonNull(tileJsonUrl.apply(id)))));
            layers.addAll(layers(s));
        }
        doc.put("sources", sources);
        doc.put("layers", layers);
        return doc;
    }

    private static List<Map<String, Object>> layers(LayerStyle s) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<Symbol> all = s.symbols();
        switch (s.geometry()) {
            case POLYGON -> {
                if (all.stream().anyMatch(y -> y.fill() != null)) {
                    Map<String, Object> paint = new LinkedHashMap<>();
                    paint.put("fill-color", value(s, y -> colour(y.fill()), TRANSPARENT));
                    paint.put("fill-opacity", value(s, y -> opacity(y.fill()), 0));
                    out.add(layer(s, "fill", "fill", paint));
                }
                if (all.stream().anyMatch(y -> y.stroke() != null)) {
                    out.add(layer(s, "outline", "line", linePaint(s)));
                }
            }
            case LINE -> out.add(layer(s, "line", "line", linePaint(s)));
            case POINT -> {
                Map<String, Object> paint = new LinkedHashMap<>();
                paint.put("circle-color", value(s, y -> colour(y.fill()), TRANSPARENT));
                paint.put("circle-opacity", value(s, y -> opacity(y.fill()), 0));
                // Leaflet and QGIS centre the stroke on the circle; MapLibre draws it outside the radius.
                Object radius = value(s, y -> y.sizePx() / 2 - y.strokeWidthPx() / 2, 0);
                paint.put("circle-radius", List.of("case", List.of("has", "point_count"),
                        List.of("interpolate", List.of("linear"), List.of("to-number", List.of("get", "point_count"), 1),
                                2, 8, 100, 14, 1000, 20), radius));
                paint.put("circle-stroke-color", value(s, y -> colour(y.stroke()), TRANSPARENT));
                paint.put("circle-stroke-width", value(s, Symbol::strokeWidthPx, 0));
                paint.put("circle-stroke-opacity", value(s, y -> opacity(y.stroke()), 0));
                out.add(layer(s, "circle", "circle", paint));
            }
        }
        return out;
    }

    private static final String TRANSPARENT = "rgba(0,0,0,0)";

    private static Map<String, Object> linePaint(LayerStyle s) {
        Map<String, Object> paint = new LinkedHashMap<>();
        paint.put("line-color", value(s, y -> colour(y.stroke()), TRANSPARENT));
        paint.put("line-opacity", value(s, y -> opacity(y.stroke()), 0));
        paint.put("line-width", value(s, Symbol::strokeWidthPx, 0));
        List<Symbol> dashed = s.symbols().stream().filter(Symbol::dashed).toList();
        if (!dashed.isEmpty()) {
            // Dashes are in line widths, and the same for every feature of a layer (not data-driven).
            Symbol d = dashed.get(0);
            if (dashed.size() != s.symbols().size() || dashed.stream().anyMatch(y -> !y.dashPx().equals(d.dashPx())
                    || y.strokeWidthPx() != d.strokeWidthPx())) {
                throw new IllegalStateException("lớp " + s.layer() + " có nhiều kiểu nét đứt / layer " + s.layer()
                        + " mixes dashes");
            }
            paint.put("line-dasharray", d.dashPx().stream().map(v -> v / d.strokeWidthPx()).toList());
        }
        return paint;
    }

    private static Map<String, Object> layer(LayerStyle s, String suffix, String type, Map<String, Object> paint) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("id", s.layer() + "-" + suffix);
        l.put("type", type);
        l.put("source", s.layer());
        l.put("source-layer", s.layer());
        if (type.equals("line")) {
            l.put("layout", Map.of("line-join", "bevel"));
        }
        l.put("paint", paint);
        l.put("metadata", Map.of("antt-map:description", LayerStyles.description(s.layer())));
        return l;
    }

    /**
     * A paint value: a constant when every category and the fallback agree, else a {@code match} on the field
     * ({@code none} for features not drawn).
     */
    private static Object value(LayerStyle s, Function<Symbol, Object> of, Object none) {
        Object fallback = s.otherwise() == null ? none : number(of.apply(s.otherwise()));
        List<Object> outputs = new ArrayList<>();
        for (LayerStyle.Category c : s.categories()) {
            outputs.add(number(of.apply(c.symbol())));
        }
        if (outputs.stream().allMatch(o -> o.equals(fallback))) {
            return fallback;
        }
        List<Object> match = new ArrayList<>(List.of("match", List.of("get", s.field())));
        for (int i = 0; i < outputs.size(); i++) {
            match.add(s.categories().get(i).value());
            match.add(outputs.get(i));
        }
        match.add(fallback);
        return match;
    }

    /** Whole numbers as integers, so that JSON has 1 rather than 1.0. */
    private static Object number(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e9) {
            return (int) Math.round(d);
        }
        return v;
    }

    private static Object colour(Colour c) {
        return c == null ? TRANSPARENT : c.hex();
    }

    private static Object opacity(Colour c) {
        return c == null ? 0.0 : c.alpha();
    }
}
