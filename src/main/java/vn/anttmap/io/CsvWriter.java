package vn.anttmap.io;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.WKTWriter;
import vn.anttmap.model.Feature;
import vn.anttmap.model.FieldDef;
import vn.anttmap.model.GeometryKind;
import vn.anttmap.model.Layer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes features as CSV in UTF-8 with a byte-order mark (so spreadsheet programs show Vietnamese correctly):
 * {@code id}, then {@code lon}/{@code lat} for point layers, {@code wkt} for every layer with a geometry (GDAL and QGIS
 * take it as the geometry without being told), then every field of the layer. What it writes, {@link CsvReader} reads
 * back. Coordinates are WGS 84 longitude, latitude ({@link #PRJ}, the sidecar a file export writes beside it).
 */
public final class CsvWriter {
    private CsvWriter() {
    }

    /** The coordinate system of every CSV this writes (WGS 84, longitude first), as a {@code .prj} sidecar holds it. */
    public static final String PRJ = "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]],"
            + "PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433],AXIS[\"Longitude\",EAST],AXIS[\"Latitude\",NORTH]]";

    public static void write(Layer layer, Iterable<Feature> features, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write('\uFEFF');
        GeometryKind kind = layer.geometryKind();
        boolean points = kind.isPoint();
        boolean wktColumn = kind != GeometryKind.NONE;
        List<String> header = new ArrayList<>();
        header.add("id");
        if (points) {
            header.add("lon");
            header.add("lat");
        }
        if (wktColumn) {
            header.add("wkt");
        }
        layer.fields().forEach(f -> header.add(f.name()));
        writeRow(w, header);
        WKTWriter wkt = new WKTWriter();
        for (Feature f : features) {
            List<String> row = new ArrayList<>();
            row.add(f.id());
            Geometry g = f.geometry();
            if (points) {
                row.add(g == null ? "" : Double.toString(((Point) g).getX()));
                row.add(g == null ? "" : Double.toString(((Point) g).getY()));
            }
            if (wktColumn) {
                row.add(g == null ? "" : wkt.write(g));
            }
            for (FieldDef field : layer.fields()) {
                row.add(cell(f.get(field.name())));
            }
            writeRow(w, row);
        }
        w.flush();
    }

    /** Features that belong to no layer: {@code id}, {@code wkt} (when any has a geometry), then the properties. */
    public static void writeComputed(List<String> properties, Iterable<Feature> given, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write('\uFEFF');
        List<Feature> features = new ArrayList<>();
        given.forEach(features::add);
        boolean geometry = features.stream().anyMatch(f -> f.geometry() != null);
        List<String> header = new ArrayList<>();
        header.add("id");
        if (geometry) {
            header.add("wkt");
        }
        header.addAll(properties);
        writeRow(w, header);
        WKTWriter wkt = new WKTWriter();
        for (Feature f : features) {
            List<String> row = new ArrayList<>();
            row.add(f.id());
            if (geometry) {
                row.add(f.geometry() == null ? "" : wkt.write(f.geometry()));
            }
            for (String p : properties) {
                row.add(cell(f.get(p)));
            }
            writeRow(w, row);
        }
        w.flush();
    }

    /** A text cell a spreadsheet would take for a formula: {@code = + - @}, tab or CR first, after any quotes. */
    static final java.util.regex.Pattern FORMULA = java.util.regex.Pattern.compile("^'*[=+\\-@\t\r].*", java.util.regex.Pattern.DOTALL);

    /**
     * A value as a cell. Text that a spreadsheet would run as a formula ({@code =HYPERLINK(…)}, {@code +1+cmd|…},
     * {@code @SUM(…)}, {@code -2+3}) gets a leading {@code '}, as OWASP advises against CSV injection (and text that
     * already began with quotes before such a character one more, so that {@link CsvReader} takes exactly one off);
     * numbers are written as they are, so that a negative number stays a number.
     */
    static String cell(Object value) {
        String v = Values.format(value);
        if (v == null) {
            return "";
        }
        return value instanceof CharSequence && FORMULA.matcher(v).matches() ? "'" + v : v;
    }

    private static void writeRow(Writer w, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(quote(cells.get(i)));
        }
        w.write("\r\n");
    }

    static String quote(String s) {
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                || s.indexOf(';') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
