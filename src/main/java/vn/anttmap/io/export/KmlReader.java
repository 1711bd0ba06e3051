package vn.anttmap.io.export;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import vn.anttmap.geo.GeometryChecks;
import vn.anttmap.io.RawRecord;
import vn.anttmap.model.Bilingual;
import vn.anttmap.model.InvalidInputException;
import vn.anttmap.model.Problem;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the placemarks of a KML document (of the folder named after the layer when there are folders):
 * Point, LineString, Polygon and MultiGeometry, with ExtendedData as attributes ({@code id} gives the record's id).
 */
public final class KmlReader {
    private KmlReader() {
    }

    public static List<RawRecord> read(String source, InputStream in, String folder) throws IOException {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = f.newDocumentBuilder().parse(in);
        } catch (org.xml.sax.SAXParseException e) {
            throw new InvalidInputException(source, new Problem("line " + e.getLineNumber() + ", column " + e.getColumnNumber(),
                    null, Bilingual.of("không phải XML hợp lệ (sai cú pháp tại vị trí này)", "not valid XML: " + e.getMessage())));
        } catch (Exception e) {
            throw new InvalidInputException(source, new Problem("file", null,
                    Bilingual.of("không phải tài liệu KML đọc được", "not a KML document: " + e.getMessage())));
        }
        Element scope = doc.getDocumentElement();
        NodeList folders = doc.getElementsByTagNameNS("*", "Folder");
        for (int i = 0; i < folders.getLength(); i++) {
            Element fo = (Element) folders.item(i);
            if (folder.equals(text(fo, "name"))) {
                scope = fo;
            }
        }
        NodeList placemarks = scope.getElementsByTagNameNS("*", "Placemark");
        List<RawRecord> out = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < placemarks.getLength(); i++) {
            Element p = (Element) placemarks.item(i);
            String location = "placemark " + (i + 1);
            Map<String, Object> values = new LinkedHashMap<>();
            NodeList data = p.getElementsByTagNameNS("*", "Data");
            String id = p.hasAttribute("id") ? p.getAttribute("id") : null;
            for (int d = 0; d < data.getLength(); d++) {
                Element e = (Element) data.item(d);
                String value = text(e, "value");
                if ("id".equals(e.getAttribute("name"))) {
                    id = value;
                } else {
                    values.put(e.getAttribute("name"), value);
                }
            }
            try {
                out.add(new RawRecord(location, id, geometry(p), values));
            } catch (IllegalArgumentException e) {
                // Ours are in both languages; JTS's (a ring not closed, a line of one point) in English only.
                problems.add(new Problem(location, "geometry", Bilingual.hasVietnamese(e.getMessage()) ? e.getMessage()
                        : Bilingual.of("hình học không hợp lệ: vòng ranh giới chưa khép kín hoặc quá ít điểm",
                                "invalid geometry: " + e.getMessage())));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(source, problems);
        }
        return out;
    }

    private static Geometry geometry(Element placemark) {
        List<Geometry> parts = new ArrayList<>();
        for (Node n = placemark.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                collect(e, parts);
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        Geometry g = parts.size() == 1 ? parts.get(0) : GeometryChecks.WGS84.buildGeometry(parts);
        g.setSRID(4326);
        return g;
    }

    private static void collect(Element e, List<Geometry> parts) {
        switch (e.getLocalName()) {
            case "Point" -> parts.add(GeometryChecks.WGS84.createPoint(coords(text(e, "coordinates"))[0]));
            case "LineString" -> parts.add(GeometryChecks.WGS84.createLineString(coords(text(e, "coordinates"))));
            case "Polygon" -> {
                LinearRing shell = null;
                List<LinearRing> holes = new ArrayList<>();
                NodeList rings = e.getElementsByTagNameNS("*", "LinearRing");
                for (int i = 0; i < rings.getLength(); i++) {
                    Element r = (Element) rings.item(i);
                    LinearRing ring = GeometryChecks.WGS84.createLinearRing(coords(text(r, "coordinates")));
                    if ("outerBoundaryIs".equals(r.getParentNode().getLocalName())) {
                        shell = ring;
                    } else {
                        holes.add(ring);
                    }
                }
                if (shell == null) {
                    throw new IllegalArgumentException("vùng (Polygon) thiếu vòng bao ngoài (outerBoundaryIs) / a Polygon without an outerBoundaryIs");
                }
                parts.add(GeometryChecks.WGS84.createPolygon(shell, holes.toArray(LinearRing[]::new)));
            }
            case "MultiGeometry" -> {
                for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element c) {
                        collect(c, parts);
                    }
                }
            }
            default -> {
            }
        }
    }

    private static Coordinate[] coords(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("thẻ coordinates trống, chưa có tọa độ / empty coordinates");
        }
        String[] tuples = text.trim().split("\\s+");
        Coordinate[] out = new Coordinate[tuples.length];
        for (int i = 0; i < tuples.length; i++) {
            String[] xy = tuples[i].split(",");
            try {
                out[i] = new Coordinate(Double.parseDouble(xy[0]), Double.parseDouble(xy[1]));
            } catch (RuntimeException ex) {
                throw new IllegalArgumentException(Bilingual.of("không đọc được tọa độ '" + tuples[i] + "' (cần kinh độ,vĩ độ)",
                        "unreadable coordinate '" + tuples[i] + "' (expected lon,lat)"));
            }
        }
        return out;
    }

    private static String text(Element parent, String child) {
        NodeList l = parent.getElementsByTagNameNS("*", child);
        return l.getLength() == 0 ? null : l.item(0).getTextContent();
    }
}
