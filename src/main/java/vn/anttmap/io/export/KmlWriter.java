package vn.anttmap.io.export;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import vn.anttmap.io.Values;
import vn.anttmap.model.Feature;
import vn.anttmap.style.Colour;
import vn.anttmap.style.LayerStyles;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes layers as one KML document, a folder per layer, attributes as ExtendedData, drawn in the map page's colours
 * ({@link LayerStyles}): residential areas filled with their verdict's colour (đạt green, chưa đạt red, chưa đủ căn
 * cứ amber) so Google Earth shows the scoring, incidents' icons in their category's colour, cameras' in their
 * status's.
 */
public final class KmlWriter {
    /** The verdicts' fill, half opaque; KML colours are aabbggrr. */
    static final Map<String, String> VERDICT_COLOURS = kml(LayerStyles.VERDICT_COLOURS, 0x7f / 255.0);
    /** The incidents' icon colour by category (opaque). */
    static final Map<String, String> CATEGORY_COLOURS = kml(LayerStyles.CATEGORY_COLOURS, 1);
    /** The cameras' icon colour by status (opaque). */
    static final Map<String, String> CAMERA_COLOURS = kml(LayerStyles.CAMERA_STATUS_COLOURS, 1);

    private KmlWriter() {
    }

    public static void write(List<ExportLayer> layers, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n"
                + "<name>ANTT Map</name>\n");
        String outline = Colour.parse(LayerStyles.AREA_COLOUR).kml();
        for (Map.Entry<String, String> e : VERDICT_COLOURS.entrySet()) {
            w.write("<Style id=\"verdict-" + e.getKey() + "\"><LineStyle><color>" + outline + "</color><width>1.2</width></LineStyle>"
                    + "<PolyStyle><color>" + e.getValue() + "</color></PolyStyle></Style>\n");
        }
        if (layers.stream().anyMatch(l -> l.name().equals(INCIDENTS))) {
            icons(w, "category-", CATEGORY_COLOURS);
        }
        if (layers.stream().anyMatch(l -> l.name().equals(CAMERAS))) {
            icons(w, "camera-", CAMERA_COLOURS);
        }
        for (ExportLayer layer : layers) {
            w.write("<Folder><name>" + esc(layer.name()) + "</name>\n");
            for (Feature f : layer.features()) {
                // A record without a place (an attestation, a decision) is a Placemark without geometry, which KML
                // allows: left out, it would be lost on the way back in.
                w.write("<Placemark id=\"" + esc(f.id()) + "\"><name>" + esc(name(f)) + "</name>");
                String style = styleId(layer.name(), f);
                if (style != null) {
                    w.write("<styleUrl>#" + style + "</styleUrl>");
                }
                w.write("<ExtendedData>");
                w.write("<Data name=\"id\"><value>" + esc(f.id()) + "</value></Data>");
                for (String p : layer.properties()) {
                    String v = Values.format(f.get(p));
                    if (v != null) {
                        w.write("<Data name=\"" + esc(p) + "\"><value>" + esc(v) + "</value></Data>");
                    }
                }
                w.write("</ExtendedData>");
                if (f.geometry() != null) {
                    geometry(w, f.geometry());
                }
                w.write("</Placemark>\n");
            }
            w.write("</Folder>\n");
        }
        w.write("</Document>\n</kml>\n");
        w.flush();
    }

    private static final String INCIDENTS = "incidents";
    private static final String CAMERAS = "cameras";

    /** The id of the feature's style: by category for incidents, by status for cameras, else by verdict; or null. */
    private static String styleId(String layer, Feature f) {
        Object v;
        if (layer.equals(INCIDENTS)) {
            v = f.get("category");
            // A category without a colour of its own is drawn as "other", as on the page.
            return v == null ? null : "category-" + (CATEGORY_COLOURS.containsKey(v.toString()) ? v : "other");
        }
        if (layer.equals(CAMERAS)) {
            v = f.get("status");
            return v != null && CAMERA_COLOURS.containsKey(v.toString()) ? "camera-" + v : null;
        }
        v = f.get("verdict_code");
        return v != null && VERDICT_COLOURS.containsKey(v.toString()) ? "verdict-" + v : null;
    }

    private static void icons(Writer w, String prefix, Map<String, String> colours) throws IOException {
        for (Map.Entry<String, String> e : colours.entrySet()) {
            w.write("<Style id=\"" + prefix + esc(e.getKey()) + "\"><IconStyle><color>" + e.getValue()
                    + "</color><scale>0.8</scale></IconStyle></Style>\n");
        }
    }

    private static Map<String, String> kml(Map<String, String> css, double opacity) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        css.forEach((k, c) -> out.put(k, Colour.parse(c).withAlpha(opacity).kml()));
        return java.util.Collections.unmodifiableMap(out);
    }

    private static String name(Feature f) {
        Object n = f.get("name");
        return n != null ? n.toString() : f.id();
    }

    private static void geometry(Writer w, Geometry g) throws IOException {
        if (g.getNumGeometries() > 1 || !(g instanceof Point || g instanceof LineString || g instanceof Polygon)) {
            w.write("<MultiGeometry>");
            for (int i = 0; i < g.getNumGeometries(); i++) {
                geometry(w, g.getGeometryN(i));
            }
            w.write("</MultiGeometry>");
        } else if (g instanceof Point p) {
            w.write("<Point><coordinates>" + xy(p.getCoordinate()) + "</coordinates></Point>");
        } else if (g instanceof LineString l) {
            w.write("<LineString><coordinates>" + coords(l.getCoordinates()) + "</coordinates></LineString>");
        } else {
            Polygon p = (Polygon) g;
            w.write("<Polygon><outerBoundaryIs><LinearRing><coordinates>" + coords(p.getExteriorRing().getCoordinates())
                    + "</coordinates></LinearRing></outerBoundaryIs>");
            for (int i = 0; i < p.getNumInteriorRing(); i++) {
                w.write("<innerBoundaryIs><LinearRing><coordinates>" + coords(p.getInteriorRingN(i).getCoordinates())
                        + "</coordinates></LinearRing></innerBoundaryIs>");
            }
            w.write("</Polygon>");
        }
    }

    private static String coords(Coordinate[] cs) {
        StringBuilder sb = new StringBuilder();
        for (Coordinate c : cs) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(xy(c));
        }
        return sb.toString();
    }

    private static String xy(Coordinate c) {
        return String.format(Locale.ROOT, "%.7f,%.7f", c.x, c.y);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
