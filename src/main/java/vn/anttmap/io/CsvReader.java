package vn.anttmap.io;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import vn.anttmap.geo.CoordinateTransformer;
import vn.anttmap.geo.Crs;
import vn.anttmap.geo.GeometryChecks;
import vn.anttmap.model.Bilingual;
import vn.anttmap.model.InvalidInputException;
import vn.anttmap.model.Problem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads CSV (RFC 4180, UTF-8, optional byte-order mark, comma or semicolon separated) into records.
 *
 * <p>Where the location is:
 * <ul>
 *   <li>{@code lon}, {@code lat} columns (also {@code longitude}/{@code latitude}, {@code lng}): WGS 84 degrees;</li>
 *   <li>{@code x}, {@code y} columns: metres in the CRS given with {@code crs} (EPSG code or VN-2000 zone);</li>
 *   <li>a {@code wkt} column: any geometry as WKT, in {@code crs} if given, otherwise lon/lat.</li>
 * </ul>
 * Empty cells are absent values. An {@code id} column gives the record's id.
 */
public final class CsvReader {
    private CsvReader() {
    }

    /**
     * @param source name of the input, used in messages
     * @param crs    CRS of x/y or WKT coordinates, or {@code null} for WGS 84 lon/lat
     * @throws InvalidInputException naming the line and field of every problem found
     */
    public static List<RawRecord> read(String source, InputStream in, String crs) throws IOException {
        List<Row> rows = parse(source, in);
        if (rows.isEmpty()) {
            throw new InvalidInputException(source, new Problem("line 1", null, "tệp rỗng; dòng đầu phải là dòng tiêu đề (tên các cột) / the file is empty; expected a header row"));
        }
        List<String> header = rows.get(0).cells().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        int lon = indexOf(header, "lon", "longitude", "lng");
        int lat = indexOf(header, "lat", "latitude");
        int x = indexOf(header, "x");
        int y = indexOf(header, "y");
        int wkt = indexOf(header, "wkt");
        int idCol = indexOf(header, "id");
        CoordinateTransformer toWgs84 = null;
        if (crs != null && !crs.isBlank()) {
            try {
                toWgs84 = new CoordinateTransformer(Crs.resolve(crs), Crs.wgs84());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(source, new Problem("option --crs", null, e.getMessage()));
            }
        }
        if (x >= 0 && y >= 0 && toWgs84 == null) {
            throw new InvalidInputException(source, new Problem("line 1", "x",
                    "cột x/y cần hệ tọa độ của chúng: hãy chọn --crs (ví dụ EPSG:3405 hoặc VN2000:thanh-hoa) / "
                            + "x/y columns need their coordinate system: give --crs (e.g. EPSG:3405 or VN2000:thanh-hoa)"));
        }
        if ((lon >= 0) != (lat >= 0)) {
            throw new InvalidInputException(source, new Problem("line 1", lon >= 0 ? "lat" : "lon",
                    "có cột kinh độ (lon) thì phải có cột vĩ độ (lat) và ngược lại / "
                            + "a lon column needs a lat column and the other way round"));
        }
        List<RawRecord> out = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        WKTReader wktReader = new WKTReader(GeometryChecks.WGS84);
        for (int r = 1; r < rows.size(); r++) {
            Row row = rows.get(r);
            String location = "line " + row.line();
            List<String> cells = row.cells();
            if (cells.size() == 1 && cells.get(0).isBlank()) {
                continue;
            }
            if (cells.size() != header.size()) {
                problems.add(new Problem(location, null, "dòng có " + cells.size() + " ô nhưng dòng tiêu đề có "
                        + header.size() + " cột / has " + cells.size() + " cells but the header has " + header.size()));
                continue;
            }
            Geometry geometry = null;
            try {
                if (wkt >= 0 && !cells.get(wkt).isBlank()) {
                    geometry = wktReader.read(cells.get(wkt));
                    if (toWgs84 != null) {
                        geometry = toWgs84.apply(geometry);
                    }
                    // A point file carries lon/lat beside its wkt (as the export writes it): a spreadsheet edit of one
                    // and not the other must not pick a spot silently.
                    if (lon >= 0 && !(cells.get(lon).isBlank() && cells.get(lat).isBlank())) {
                        Geometry stated = point(cells.get(lon), "lon", cells.get(lat), "lat", null);
                        if (!(geometry instanceof org.locationtech.jts.geom.Point) || geometry.distance(stated) > 1e-9) {
                            problems.add(new Problem(location, "wkt", Bilingual.of("cột wkt (" + cells.get(wkt)
                                    + ") và lon/lat (" + cells.get(lon) + ", " + cells.get(lat) + ") cho hai vị trí khác nhau; "
                                    + "hãy sửa cho khớp hoặc xóa một bên", "the wkt column (" + cells.get(wkt) + ") and lon/lat ("
                                    + cells.get(lon) + ", " + cells.get(lat) + ") give two different places; make them agree or "
                                    + "empty one")));
                            continue;
                        }
                    }
                } else if (lon >= 0 && !(cells.get(lon).isBlank() && cells.get(lat).isBlank())) {
                    geometry = point(cells.get(lon), "lon", cells.get(lat), "lat", null);
                } else if (x >= 0 && !(cells.get(x).isBlank() && cells.get(y).isBlank())) {
                    geometry = point(cells.get(x), "x", cells.get(y), "y", toWgs84);
                }
            } catch (ParseException e) {
                problems.add(new Problem(location, "wkt", Bilingual.of("không đọc được hình học dạng WKT: sai cú pháp hoặc sai tọa độ",
                        "unreadable WKT: " + e.getMessage())));
                continue;
            } catch (BadNumber e) {
                problems.add(new Problem(location, e.field, e.getMessage()));
                continue;
            }
            if (geometry != null) {
                geometry.setSRID(4326);
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                if (c == lon || c == lat || c == x || c == y || c == wkt || c == idCol) {
                    continue;
                }
                String v = cells.get(c).trim();
                // The quote CsvWriter puts before text a spreadsheet would take for a formula: taken off again.
                if (v.startsWith("'") && CsvWriter.FORMULA.matcher(v.substring(1)).matches()) {
                    v = v.substring(1);
                }
                values.put(header.get(c), v.isEmpty() ? null : v);
            }
            String id = idCol >= 0 && !cells.get(idCol).isBlank() ? cells.get(idCol).trim() : null;
            out.add(new RawRecord(location, id, geometry, values));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(source, problems);
        }
        return out;
    }

    private static Geometry point(String a, String aName, String b, String bName, CoordinateTransformer t) {
        double first = number(a, aName);
        double second = number(b, bName);
        if (t != null) {
            double[] p = t.apply(first, second);
            first = p[0];
            second = p[1];
        }
        return GeometryChecks.WGS84.createPoint(new Coordinate(first, second));
    }

    private static double number(String s, String field) {
        String v = s.trim();
        if (v.isEmpty()) {
            throw new BadNumber(field, "thiếu tọa độ / missing coordinate");
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new BadNumber(field, Bilingual.of("'" + v + "' không phải là số (dùng dấu chấm để ngăn phần thập phân)",
                    "'" + v + "' is not a number (use a dot as decimal separator)"));
        }
    }

    private static final class BadNumber extends RuntimeException {
        final String field;

        BadNumber(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    private static int indexOf(List<String> header, String... names) {
        for (String n : names) {
            int i = header.indexOf(n);
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** One record of the file and the line it starts on (1-based). */
    record Row(int line, List<String> cells) {
    }

    /** RFC 4180 parsing with quoted fields, doubled quotes and line breaks inside quotes. */
    static List<Row> parse(String source, InputStream in) throws IOException {
        String text = decode(source, in);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        char sep = separator(text);
        List<Row> rows = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int rowStart = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"' && cell.length() == 0) {
                quoted = true;
            } else if (c == sep) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                cells.add(cell.toString());
                cell.setLength(0);
                rows.add(new Row(rowStart, List.copyOf(cells)));
                cells.clear();
                line++;
                rowStart = line;
            } else {
                cell.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new InvalidInputException(source, new Problem("line " + rowStart, null, "ô mở dấu ngoặc kép nhưng không đóng lại / a quoted cell is never closed"));
        }
        if (cell.length() > 0 || !cells.isEmpty()) {
            cells.add(cell.toString());
            rows.add(new Row(rowStart, List.copyOf(cells)));
        }
        return rows;
    }

    private static String decode(String source, InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        int line = 1;
        int lineStart = 0;
        StringBuilder text = new StringBuilder(bytes.length);
        for (int b = 0; b <= bytes.length; b++) {
            if (b == bytes.length || bytes[b] == '\n') {
                int end = Math.min(b + 1, bytes.length);
                try {
                    text.append(StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes, lineStart, end - lineStart)));
                } catch (CharacterCodingException e) {
                    throw new InvalidInputException(source, new Problem("line " + line, null,
                            "tệp không phải mã UTF-8 (hãy lưu lại dưới dạng \"CSV UTF-8\") / "
                            + "the file is not UTF-8 (save it as \"CSV UTF-8\")"));
                }
                line++;
                lineStart = end;
            }
        }
        return text.toString();
    }

    private static char separator(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        return first.indexOf(',') < 0 && first.indexOf(';') >= 0 ? ';' : ',';
    }
}
