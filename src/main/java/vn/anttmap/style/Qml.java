package vn.anttmap.style;

import java.util.List;
import java.util.Map;

import static vn.anttmap.style.Format.num;
import static vn.anttmap.style.Format.xml;

/**
 * A {@link LayerStyle} as a QGIS QML document (QGIS 3.28): a {@code singleSymbol} or {@code categorizedSymbol}
 * renderer, symbol layers {@code SimpleFill}, {@code SimpleLine} and {@code SimpleMarker} with their properties as
 * QGIS writes them ({@code <Option type="Map">}), sizes in pixels. A categorised style's fallback is QGIS's "all
 * other values" category (an empty value).
 */
final class Qml {
    private Qml() {
    }

    static String document(LayerStyle s) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n");
        b.append("<qgis version=\"3.28\" styleCategories=\"Symbology|Labeling\">\n");
        List<Symbol> symbols = s.symbols();
        if (s.categorised()) {
            b.append("  <renderer-v2 type=\"categorizedSymbol\" attr=\"").append(xml(s.field()))
                    .append("\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\" referencescale=\"-1\">\n");
            b.append("    <categories>\n");
            int i = 0;
            for (LayerStyle.Category c : s.categories()) {
                b.append("      <category value=\"").append(xml(c.value().toString())).append("\" symbol=\"").append(i++)
                        .append("\" label=\"").append(xml(c.label())).append("\" render=\"true\" type=\"")
                        .append(c.value() instanceof Integer ? "int" : "string").append("\"/>\n");
            }
            if (s.otherwise() != null) {
                b.append("      <category value=\"\" symbol=\"").append(i).append("\" label=\"").append(xml(s.otherLabel()))
                        .append("\" render=\"true\" type=\"string\"/>\n");
            }
            b.append("    </categories>\n");
        } else {
            b.append("  <renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\""
                    + " referencescale=\"-1\">\n");
        }
        b.append("    <symbols>\n");
        for (int i = 0; i < symbols.size(); i++) {
            symbol(b, s.geometry(), Integer.toString(i), symbols.get(i));
        }
        b.append("    </symbols>\n");
        if (!s.categorised()) {
            b.append("    <rotation/>\n    <sizescale/>\n");
        }
        b.append("  </renderer-v2>\n");
        b.append("  <blendMode>0</blendMode>\n  <featureBlendMode>0</featureBlendMode>\n");
        b.append("  <layerGeometryType>").append(switch (s.geometry()) {
            case POINT -> 0;
            case LINE -> 1;
            case POLYGON -> 2;
        }).append("</layerGeometryType>\n");
        b.append("</qgis>\n");
        return b.toString();
    }

    private static void symbol(StringBuilder b, LayerStyle.Geometry geometry, String name, Symbol s) {
        String type = switch (geometry) {
            case POINT -> "marker";
            case LINE -> "line";
            case POLYGON -> "fill";
        };
        b.append("      <symbol type=\"").append(type).append("\" name=\"").append(name)
                .append("\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n");
        switch (geometry) {
            case POINT -> layer(b, "SimpleMarker", Map.ofEntries(
                    Map.entry("name", "circle"),
                    Map.entry("color", colour(s.fill())),
                    Map.entry("outline_color", colour(s.stroke())),
                    Map.entry("outline_style", s.stroke() == null ? "no" : "solid"),
                    Map.entry("outline_width", num(s.strokeWidthPx())),
                    Map.entry("outline_width_unit", "Pixel"),
                    Map.entry("size", num(s.sizePx())),
                    Map.entry("size_unit", "Pixel"),
                    Map.entry("scale_method", "diameter"),
                    Map.entry("angle", "0"),
                    Map.entry("joinstyle", "bevel"),
                    Map.entry("offset", "0,0"),
                    Map.entry("offset_unit", "Pixel"),
                    Map.entry("horizontal_anchor_point", "1"),
                    Map.entry("vertical_anchor_point", "1")));
            case LINE -> line(b, s);
            case POLYGON -> {
                // A dashed outline is a line layer of its own (SimpleFill's outline has no custom dashes).
                if (s.fill() != null || !s.dashed()) {
                    boolean outline = s.stroke() != null && !s.dashed();
                    layer(b, "SimpleFill", Map.of(
                            "color", colour(s.fill()),
                            "style", s.fill() == null ? "no" : "solid",
                            "outline_color", colour(outline ? s.stroke() : null),
                            "outline_style", outline ? "solid" : "no",
                            "outline_width", num(s.strokeWidthPx()),
                            "outline_width_unit", "Pixel",
                            "joinstyle", "bevel",
                            "offset", "0,0",
                            "offset_unit", "Pixel"));
                }
                if (s.stroke() != null && s.dashed()) {
                    line(b, s);
                }
            }
        }
        b.append("      </symbol>\n");
    }

    private static void line(StringBuilder b, Symbol s) {
        layer(b, "SimpleLine", Map.ofEntries(
                Map.entry("line_color", colour(s.stroke())),
                Map.entry("line_style", s.stroke() == null ? "no" : "solid"),
                Map.entry("line_width", num(s.strokeWidthPx())),
                Map.entry("line_width_unit", "Pixel"),
                Map.entry("use_custom_dash", s.dashed() ? "1" : "0"),
                Map.entry("customdash", s.dashed() ? String.join(";", s.dashPx().stream().map(Format::num).toList()) : "5;2"),
                Map.entry("customdash_unit", "Pixel"),
                Map.entry("capstyle", "square"),
                Map.entry("joinstyle", "bevel"),
                Map.entry("offset", "0"),
                Map.entry("offset_unit", "Pixel")));
    }

    private static void layer(StringBuilder b, String cls, Map<String, String> props) {
        b.append("        <layer class=\"").append(cls).append("\" enabled=\"1\" locked=\"0\" pass=\"0\">\n");
        b.append("          <Option type=\"Map\">\n");
        props.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> b.append("            <Option name=\"")
                .append(xml(e.getKey())).append("\" value=\"").append(xml(e.getValue())).append("\" type=\"QString\"/>\n"));
        b.append("          </Option>\n");
        b.append("        </layer>\n");
    }

    /** QGIS's r,g,b,a; transparent for none. */
    private static String colour(Colour c) {
        return c == null ? "0,0,0,0" : c.qgis();
    }
}
