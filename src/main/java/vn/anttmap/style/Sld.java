package vn.anttmap.style;

import static vn.anttmap.style.Format.num;
import static vn.anttmap.style.Format.xml;

/**
 * A {@link LayerStyle} as an OGC Styled Layer Descriptor 1.1.0 with Symbology Encoding 1.1 (as QGIS and GeoServer
 * read it): one {@code se:Rule} per category with an {@code ogc:Filter} {@code PropertyIsEqualTo}, and a rule with
 * {@code se:ElseFilter} for every other value when those are drawn. Sizes in pixels; a marker's {@code se:Size} is
 * its diameter.
 */
final class Sld {
    static final String SLD = "http://www.opengis.net/sld";
    static final String SE = "http://www.opengis.net/se";
    static final String OGC = "http://www.opengis.net/ogc";

    private Sld() {
    }

    static String document(LayerStyle s) {
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<StyledLayerDescriptor version=\"1.1.0\" xmlns=\"").append(SLD).append("\" xmlns:se=\"").append(SE)
                .append("\" xmlns:ogc=\"").append(OGC).append("\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"")
                .append(" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"").append(SLD)
                .append(" http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd\">\n");
        b.append("  <NamedLayer>\n    <se:Name>").append(xml(s.layer())).append("</se:Name>\n");
        b.append("    <UserStyle>\n      <se:Name>").append(xml(s.layer())).append("</se:Name>\n");
        b.append("      <se:Description>\n        <se:Title>").append(xml(LayerStyles.description(s.layer())))
                .append("</se:Title>\n      </se:Description>\n");
        b.append("      <se:FeatureTypeStyle>\n");
        for (LayerStyle.Category c : s.categories()) {
            b.append("        <se:Rule>\n");
            b.append("          <se:Name>").append(xml(c.value().toString())).append("</se:Name>\n");
            b.append("          <se:Description>\n            <se:Title>").append(xml(c.label()))
                    .append("</se:Title>\n          </se:Description>\n");
            b.append("          <ogc:Filter>\n            <ogc:PropertyIsEqualTo>\n              <ogc:PropertyName>")
                    .append(xml(s.field())).append("</ogc:PropertyName>\n              <ogc:Literal>")
                    .append(xml(c.value().toString())).append("</ogc:Literal>\n            </ogc:PropertyIsEqualTo>\n")
                    .append("          </ogc:Filter>\n");
            symbolizer(b, s.geometry(), c.symbol());
            b.append("        </se:Rule>\n");
        }
        if (s.otherwise() != null) {
            b.append("        <se:Rule>\n");
            b.append("          <se:Name>").append(s.categorised() ? "other" : xml(s.layer())).append("</se:Name>\n");
            b.append("          <se:Description>\n            <se:Title>").append(xml(s.otherLabel()))
                    .append("</se:Title>\n          </se:Description>\n");
            if (s.categorised()) {
                b.append("          <se:ElseFilter/>\n");
            }
            symbolizer(b, s.geometry(), s.otherwise());
            b.append("        </se:Rule>\n");
        }
        b.append("      </se:FeatureTypeStyle>\n    </UserStyle>\n  </NamedLayer>\n</StyledLayerDescriptor>\n");
        return b.toString();
    }

    private static void symbolizer(StringBuilder b, LayerStyle.Geometry geometry, Symbol s) {
        String ind = "          ";
        switch (geometry) {
            case POLYGON -> {
                b.append(ind).append("<se:PolygonSymbolizer>\n");
                fill(b, ind + "  ", s.fill());
                stroke(b, ind + "  ", s);
                b.append(ind).append("</se:PolygonSymbolizer>\n");
            }
            case LINE -> {
                b.append(ind).append("<se:LineSymbolizer>\n");
                stroke(b, ind + "  ", s);
                b.append(ind).append("</se:LineSymbolizer>\n");
            }
            case POINT -> {
                b.append(ind).append("<se:PointSymbolizer>\n").append(ind).append("  <se:Graphic>\n")
                        .append(ind).append("    <se:Mark>\n").append(ind).append("      <se:WellKnownName>circle</se:WellKnownName>\n");
                fill(b, ind + "      ", s.fill());
                stroke(b, ind + "      ", s);
                b.append(ind).append("    </se:Mark>\n").append(ind).append("    <se:Size>").append(num(s.sizePx()))
                        .append("</se:Size>\n").append(ind).append("  </se:Graphic>\n").append(ind).append("</se:PointSymbolizer>\n");
            }
        }
    }

    private static void fill(StringBuilder b, String ind, Colour fill) {
        if (fill == null) {
            return;
        }
        b.append(ind).append("<se:Fill>\n");
        param(b, ind + "  ", "fill", fill.hex());
        if (fill.alpha() < 1) {
            param(b, ind + "  ", "fill-opacity", num(fill.alpha()));
        }
        b.append(ind).append("</se:Fill>\n");
    }

    private static void stroke(StringBuilder b, String ind, Symbol s) {
        if (s.stroke() == null) {
            return;
        }
        b.append(ind).append("<se:Stroke>\n");
        param(b, ind + "  ", "stroke", s.stroke().hex());
        if (s.stroke().alpha() < 1) {
            param(b, ind + "  ", "stroke-opacity", num(s.stroke().alpha()));
        }
        param(b, ind + "  ", "stroke-width", num(s.strokeWidthPx()));
        param(b, ind + "  ", "stroke-linejoin", "bevel");
        if (s.dashed()) {
            param(b, ind + "  ", "stroke-dasharray", String.join(" ", s.dashPx().stream().map(Format::num).toList()));
        }
        b.append(ind).append("</se:Stroke>\n");
    }

    private static void param(StringBuilder b, String ind, String name, String value) {
        b.append(ind).append("<se:SvgParameter name=\"").append(name).append("\">").append(xml(value)).append("</se:SvgParameter>\n");
    }
}
