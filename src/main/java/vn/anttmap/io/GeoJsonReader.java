package vn.anttmap.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import vn.anttmap.geo.GeometryChecks;
import vn.anttmap.model.Bilingual;
import vn.anttmap.model.InvalidInputException;
import vn.anttmap.model.Problem;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an RFC 7946 GeoJSON FeatureCollection (or a single Feature). Coordinates must be lon/lat in EPSG:4326. A
 * {@code crs} member naming anything else is refused rather than silently misread.
 */
public final class GeoJsonReader {
    /** A key given twice (Jackson kept the last silently) is refused as not valid JSON, naming the key. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private GeoJsonReader() {
    }

    /**
     * @param source name of the input, used in messages
     * @throws InvalidInputException when the text is not JSON, not GeoJSON, or a feature's geometry is unreadable
     */
    public static List<RawRecord> read(String source, InputStream in) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "file" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidInputException(source, new Problem(where, null,
                    Bilingual.of("không phải JSON hợp lệ (sai cú pháp tại vị trí này)", "not valid JSON: " + e.getOriginalMessage())));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(source, new Problem("file", null,
                    "tệp không phải một đối tượng GeoJSON (cần {\"type\": \"FeatureCollection\", …}) / expected a GeoJSON object"));
        }
        checkCrs(source, root);
        String type = root.path("type").asText();
        List<JsonNode> features = new ArrayList<>();
        if ("FeatureCollection".equals(type)) {
            JsonNode arr = root.get("features");
            if (arr == null || !arr.isArray()) {
                throw new InvalidInputException(source, new Problem("file", "features",
                        "FeatureCollection thiếu mảng features / a FeatureCollection needs a features array"));
            }
            arr.forEach(features::add);
        } else if ("Feature".equals(type)) {
            features.add(root);
        } else {
            throw new InvalidInputException(source, new Problem("file", "type",
                    Bilingual.of("type phải là FeatureCollection hoặc Feature, tệp ghi '" + type + "'",
                            "expected a FeatureCollection or Feature, got '" + type + "'")));
        }
        List<RawRecord> out = new ArrayList<>(features.size());
        List<Problem> problems = new ArrayList<>();
        org.locationtech.jts.io.geojson.GeoJsonReader geometryReader =
                new org.locationtech.jts.io.geojson.GeoJsonReader(GeometryChecks.WGS84);
        for (int i = 0; i < features.size(); i++) {
            JsonNode f = features.get(i);
            String id = f.hasNonNull("id") ? f.get("id").asText() : null;
            String location = "feature " + (i + 1) + (id == null ? "" : " (id " + id + ")");
            if (!"Feature".equals(f.path("type").asText())) {
                problems.add(new Problem(location, "type", Bilingual.of("đối tượng phải có type là Feature, ở đây là '" + f.path("type").asText() + "'",
                        "expected a Feature, got '" + f.path("type").asText() + "'")));
                continue;
            }
            Geometry geometry = null;
            JsonNode g = f.get("geometry");
            if (g != null && !g.isNull()) {
                String short_ = shortPosition(g);
                if (short_ != null) {
                    // JTS read [105.79] as (105.79, 0), which was then refused for its latitude 0.
                    problems.add(new Problem(location, "geometry", "vị trí " + short_ + " cần kinh độ và vĩ độ / the position "
                            + short_ + " needs a longitude and a latitude ([lon, lat])"));
                    continue;
                }
                try {
                    geometry = geometryReader.read(g.toString());
                    geometry.setSRID(4326);
                } catch (ParseException | RuntimeException e) {
                    problems.add(new Problem(location, "geometry", Bilingual.of("không đọc được hình học (geometry): sai kiểu hoặc sai tọa độ",
                            "unreadable geometry: " + e.getMessage())));
                    continue;
                }
            }
            Map<String, Object> values = new LinkedHashMap<>();
            JsonNode props = f.get("properties");
            if (props != null && props.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> it = props.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    values.put(e.getKey(), scalar(e.getValue()));
                }
            }
            if (id == null && values.get("id") != null) {
                id = values.get("id").toString();
            }
            values.remove("id");
            out.add(new RawRecord(location, id, geometry, values));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(source, problems);
        }
        return out;
    }

    /** The first position (an array of numbers) with fewer than two numbers in a geometry's coordinates, or null. */
    private static String shortPosition(JsonNode geometry) {
        JsonNode parts = geometry.get("geometries");
        if (parts != null && parts.isArray()) {
            for (JsonNode part : parts) {
                String s = shortPosition(part);
                if (s != null) {
                    return s;
                }
            }
        }
        return shortIn(geometry.get("coordinates"));
    }

    private static String shortIn(JsonNode n) {
        if (n == null || !n.isArray()) {
            return null;
        }
        boolean position = n.size() == 0 || n.get(0).isNumber();
        if (position) {
            return n.size() < 2 ? n.toString() : null;
        }
        for (JsonNode c : n) {
            String s = shortIn(c);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    private static void checkCrs(String source, JsonNode root) {
        JsonNode crs = root.path("crs").path("properties").path("name");
        if (crs.isTextual()) {
            String name = crs.asText();
            if (!(name.endsWith("CRS84") || name.endsWith("4326"))) {
                throw new InvalidInputException(source, new Problem("file", "crs",
                        Bilingual.of("GeoJSON phải dùng kinh độ/vĩ độ WGS 84 (RFC 7946), nhưng tệp khai báo hệ tọa độ " + name
                                + "; hãy chuyển tệp sang WGS 84, hoặc nhập dưới dạng CSV có cột x/y kèm tùy chọn --crs",
                                "GeoJSON must be lon/lat WGS 84 (RFC 7946), but the file declares " + name
                                + "; reproject it, or import it as CSV with x/y columns and --crs")));
            }
        }
    }

    private static Object scalar(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        return v.toString();
    }
}
