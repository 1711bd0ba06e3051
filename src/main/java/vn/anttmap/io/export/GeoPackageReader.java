package vn.anttmap.io.export;

import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.features.user.FeatureResultSet;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import vn.anttmap.geo.GeometryChecks;
import vn.anttmap.io.RawRecord;
import vn.anttmap.model.Bilingual;
import vn.anttmap.model.InvalidInputException;
import vn.anttmap.model.Problem;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one table of a GeoPackage: the feature table named after the layer, or the attributes table of that name
 * (layers without geometry, as {@link GeoPackageWriter} writes them), or the only feature table. Geometries must be
 * EPSG:4326. A {@code feature_id} (or {@code id}) column gives each record's id.
 */
public final class GeoPackageReader {
    private GeoPackageReader() {
    }

    /** The first 16 bytes of every SQLite database, so of every GeoPackage. */
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    public static List<RawRecord> read(String source, File file, String table) throws IOException {
        byte[] head = new byte[SQLITE_HEADER.length];
        int read;
        try (java.io.InputStream in = new java.io.FileInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        }
        if (read < head.length || !java.util.Arrays.equals(head, SQLITE_HEADER)) {
            throw new InvalidInputException(source, new Problem("file", null, Bilingual.of("không phải tệp GeoPackage: tệp "
                    + "không bắt đầu như một cơ sở dữ liệu SQLite (có thể là định dạng khác; hãy kiểm tra đuôi tệp hoặc --format)",
                    "not a GeoPackage: the file does not start as an SQLite database does (another format? check its "
                            + "extension or --format)")));
        }
        GeoPackage gpkg;
        try {
            gpkg = GeoPackageManager.open(file);
        } catch (RuntimeException e) {
            throw new InvalidInputException(source, new Problem("file", null, Bilingual.of("không phải tệp GeoPackage đọc được",
                    "not a GeoPackage: " + e.getMessage())));
        }
        try (gpkg) {
            List<String> tables = gpkg.getFeatureTables();
            if (!tables.contains(table) && gpkg.getAttributesTables().contains(table)) {
                return attributes(gpkg, table);
            }
            String name = tables.contains(table) ? table : tables.size() == 1 ? tables.get(0) : null;
            if (name == null) {
                List<String> all = new ArrayList<>(tables);
                all.addAll(gpkg.getAttributesTables());
                throw new InvalidInputException(source, new Problem("file", null, Bilingual.of("không có bảng tên '"
                        + table + "'; tệp GeoPackage có các bảng: " + String.join(", ", all), "no table named '" + table
                        + "'; the GeoPackage has " + String.join(", ", all))));
            }
            FeatureDao dao = gpkg.getFeatureDao(name);
            long srs = dao.getGeometryColumns().getSrsId();
            if (srs != 4326) {
                throw new InvalidInputException(source, new Problem("table " + name, "geom",
                        "hình học dùng hệ tọa độ SRS " + srs + "; hãy xuất lại theo EPSG:4326 / geometries are in SRS " + srs
                                + "; export them in EPSG:4326"));
            }
            List<RawRecord> out = new ArrayList<>();
            List<Problem> problems = new ArrayList<>();
            WKBReader wkb = new WKBReader(GeometryChecks.WGS84);
            String geomColumn = dao.getGeometryColumnName();
            int n = 0;
            FeatureResultSet cursor = dao.queryForAll();
            try {
                while (cursor.moveToNext()) {
                    FeatureRow row = cursor.getRow();
                    String location = "table " + name + ", row " + (++n);
                    Geometry g = null;
                    GeoPackageGeometryData data = row.getGeometry();
                    if (data != null && data.getGeometry() != null) {
                        try {
                            g = wkb.read(data.getWkb());
                            g.setSRID(4326);
                        } catch (ParseException e) {
                            problems.add(new Problem(location, geomColumn, Bilingual.of("không đọc được hình học (WKB hỏng)",
                                    "unreadable geometry: " + e.getMessage())));
                            continue;
                        }
                    }
                    out.add(record(location, row, g, geomColumn, dao.getPkColumnName()));
                }
            } finally {
                cursor.close();
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(source, problems);
            }
            return out;
        }
    }

    /** The rows of an attributes table (no geometry). */
    private static List<RawRecord> attributes(GeoPackage gpkg, String name) {
        mil.nga.geopackage.attributes.AttributesDao dao = gpkg.getAttributesDao(name);
        List<RawRecord> out = new ArrayList<>();
        int n = 0;
        mil.nga.geopackage.attributes.AttributesResultSet cursor = dao.queryForAll();
        try {
            while (cursor.moveToNext()) {
                out.add(record("table " + name + ", row " + (++n), cursor.getRow(), null, null, dao.getPkColumnName()));
            }
        } finally {
            cursor.close();
        }
        return out;
    }

    /**
     * One row as a record: a {@code feature_id} (or {@code id}) column gives its id; the table's own key and the
     * geometry column are left out; every other column is a value.
     */
    private static RawRecord record(String location, mil.nga.geopackage.user.UserRow<?, ?> row, Geometry g,
                                    String geomColumn, String pkColumn) {
        Map<String, Object> values = new LinkedHashMap<>();
        String id = null;
        for (String col : row.getColumnNames()) {
            if (col.equals(geomColumn) || col.equals(pkColumn)) {
                continue;
            }
            Object v = text(row.getValue(col), row.getColumn(col).getDataType());
            if (col.equals("feature_id") || col.equals("id")) {
                id = v == null ? null : v.toString();
            } else {
                values.put(col, v);
            }
        }
        return new RawRecord(location, id, g, values);
    }

    /** A DATE or DATETIME value (the library may hand it over as a {@link java.util.Date}) as its ISO 8601 text. */
    static Object text(Object v, mil.nga.geopackage.db.GeoPackageDataType type) {
        if (v instanceof java.util.Date d) {
            java.time.Instant at = d.toInstant();
            return type == mil.nga.geopackage.db.GeoPackageDataType.DATE
                    ? at.atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString() : at.toString();
        }
        return v;
    }
}
