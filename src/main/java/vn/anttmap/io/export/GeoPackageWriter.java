package vn.anttmap.io.export;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.WKBWriter;
import vn.anttmap.io.Values;
import vn.anttmap.model.Feature;
import vn.anttmap.model.FieldDef;
import vn.anttmap.model.Layer;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes layers to an OGC GeoPackage 1.3 (the version GDAL 3.6 opens without a warning and its validator checks), in
 * EPSG:4326: a feature table per layer with geometry, an attributes table per layer without. Each table's key is an
 * integer {@code fid} (GDAL's name for it) and the record's own id is the column {@code feature_id}; every feature
 * table has the R-tree spatial index of GeoPackage 1.3 ({@code gpkg_rtree_index}, with the 1.3 triggers). Days are
 * DATE columns ({@code 2023-05-01}), instants DATETIME in UTC ({@code 2023-05-01T03:00:00.000Z}, as the standard
 * prescribes), integers, reals and booleans their own types, the rest text. QGIS's {@code layer_styles} table holds a
 * style per layer (QML and SLD: the page's colours), so the file opens in QGIS looking like the map.
 *
 * <p>Written over plain JDBC in one transaction, features taken one at a time from {@link ExportLayer#features()}
 * (a store's cursor for a stored layer): memory stays flat however large the layer.
 */
public final class GeoPackageWriter {
    private GeoPackageWriter() {
    }

    /** GeoPackage 1.3.0 ({@code PRAGMA user_version}). */
    static final int USER_VERSION = 10300;
    /** "GPKG" ({@code PRAGMA application_id}). */
    static final int APPLICATION_ID = 0x47504B47;
    /** The integer key of every table, as GDAL names it. */
    static final String FID = "fid";
    static final String GEOMETRY_COLUMN = "geom";
    /** Rows sent to SQLite at a time. */
    private static final int BATCH = 1_000;

    /** GeoPackage's DATETIME: ISO 8601 in UTC with milliseconds and a Z. */
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private static final String WGS84_WKT = "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,"
            + "AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],"
            + "UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],"
            + "AUTHORITY[\"EPSG\",\"4326\"]]";

    public static void write(File file, List<ExportLayer> layers) throws IOException {
        if (file.exists() && !file.delete()) {
            throw new IOException("cannot replace " + file);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.getAbsolutePath())) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA application_id = " + APPLICATION_ID);
                s.execute("PRAGMA user_version = " + USER_VERSION);
                s.execute("PRAGMA journal_mode = OFF"); // a new file, written whole or thrown away
                s.execute("PRAGMA synchronous = OFF");
                s.execute("PRAGMA cache_size = -65536"); // 64 MiB of pages: the R-tree's nodes stay in memory
            }
            c.setAutoCommit(false);
            baseTables(c);
            String now = DATETIME.format(Instant.now());
            for (ExportLayer layer : layers) {
                table(c, layer, now);
            }
            styles(c, layers, now);
            c.commit();
        } catch (SQLException e) {
            throw new IOException("GeoPackage: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The tables every GeoPackage has (Requirements 10, 13, 21), with the three required reference systems. */
    private static void baseTables(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, "
                    + "organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, "
                    + "description TEXT)");
            s.execute("CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, "
                    + "identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT "
                    + "(strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, "
                    + "srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))");
            s.execute("CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, "
                    + "geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, "
                    + "CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT uk_gc_table_name UNIQUE "
                    + "(table_name), CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name), "
                    + "CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))");
            s.execute("CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, "
                    + "definition TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, "
                    + "extension_name))");
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)")) {
            srs(p, "Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system");
            srs(p, "Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system");
            srs(p, "WGS 84 geodetic", 4326, "EPSG", 4326, WGS84_WKT, "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid");
            p.executeBatch();
        }
    }

    private static void srs(PreparedStatement p, String name, int id, String org, int orgId, String definition, String description)
            throws SQLException {
        p.setString(1, name);
        p.setInt(2, id);
        p.setString(3, org);
        p.setInt(4, orgId);
        p.setString(5, definition);
        p.setString(6, description);
        p.addBatch();
    }

    /** The SQL types of the layer's properties: a stored layer's from its fields, a computed one's from its values. */
    private static List<String> types(ExportLayer layer) {
        Layer stored = Layer.byName(layer.name()).orElse(null);
        List<String> out = new ArrayList<>();
        for (String p : layer.properties()) {
            FieldDef f = stored == null ? null : stored.field(p).orElse(null);
            out.add(f != null ? switch (f.type()) {
                case TEXT -> "TEXT";
                case INTEGER -> "INTEGER";
                case DOUBLE -> "REAL";
                case BOOLEAN -> "BOOLEAN";
                case DATE -> "DATE";
                case TIMESTAMP -> "DATETIME";
            } : scannedType(layer, p));
        }
        return out;
    }

    /** The column type of a computed layer's property: from its first non-null value. */
    private static String scannedType(ExportLayer layer, String property) {
        for (Feature f : layer.features()) {
            Object v = f.get(property);
            if (v instanceof Integer || v instanceof Long) {
                return "INTEGER";
            }
            if (v instanceof Double || v instanceof Float) {
                return "REAL";
            }
            if (v instanceof Boolean) {
                return "BOOLEAN";
            }
            if (v instanceof LocalDate) {
                return "DATE";
            }
            if (v instanceof OffsetDateTime || v instanceof Instant || v instanceof ZonedDateTime) {
                return "DATETIME";
            }
            if (v != null) {
                return "TEXT";
            }
        }
        return "TEXT";
    }

    private static String q(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static void table(Connection c, ExportLayer layer, String now) throws SQLException {
        String t = layer.name();
        boolean spatial = layer.geometryType() != null;
        List<String> types = types(layer);
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + q(t) + " (" + FID + " INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL");
        if (spatial) {
            ddl.append(", ").append(GEOMETRY_COLUMN).append(' ').append(layer.geometryType().toUpperCase(Locale.ROOT));
        }
        ddl.append(", feature_id TEXT");
        StringBuilder insert = new StringBuilder("INSERT INTO " + q(t) + " (" + (spatial ? GEOMETRY_COLUMN + ", " : "") + "feature_id");
        StringBuilder marks = new StringBuilder(spatial ? "?, ?" : "?");
        for (int i = 0; i < layer.properties().size(); i++) {
            String p = layer.properties().get(i);
            ddl.append(", ").append(q(p)).append(' ').append(types.get(i));
            insert.append(", ").append(q(p));
            marks.append(", ?");
        }
        ddl.append(')');
        insert.append(") VALUES (").append(marks).append(')');
        String rtree = "rtree_" + t + "_" + GEOMETRY_COLUMN;
        try (Statement s = c.createStatement()) {
            s.execute(ddl.toString());
            if (spatial) {
                s.execute("CREATE VIRTUAL TABLE " + q(rtree) + " USING rtree(id, minx, maxx, miny, maxy)");
            }
        }
        Envelope extent = new Envelope();
        try (PreparedStatement row = c.prepareStatement(insert.toString());
             PreparedStatement box = spatial ? c.prepareStatement("INSERT INTO " + q(rtree) + " VALUES (?, ?, ?, ?, ?)") : null) {
            WKBWriter wkb = new WKBWriter(2, ByteOrderValues.LITTLE);
            long[] fid = {0};
            layer.features().forEach(f -> {
                try {
                    int i = 1;
                    fid[0]++;
                    Geometry g = f.geometry();
                    if (spatial) {
                        if (g == null) {
                            row.setNull(i++, Types.BLOB);
                        } else {
                            row.setBytes(i++, blob(as(g, layer.geometryType()), wkb));
                        }
                    }
                    row.setString(i++, f.id());
                    for (int k = 0; k < layer.properties().size(); k++) {
                        set(row, i++, f.get(layer.properties().get(k)), types.get(k));
                    }
                    row.addBatch();
                    if (spatial && g != null && !g.isEmpty()) {
                        // the key AUTOINCREMENT gave, counted here (one writer, a new table) rather than asked back
                        Envelope e = g.getEnvelopeInternal();
                        extent.expandToInclude(e);
                        box.setLong(1, fid[0]);
                        box.setDouble(2, e.getMinX());
                        box.setDouble(3, e.getMaxX());
                        box.setDouble(4, e.getMinY());
                        box.setDouble(5, e.getMaxY());
                        box.addBatch();
                    }
                    if (fid[0] % BATCH == 0) {
                        row.executeBatch();
                        if (box != null) {
                            box.executeBatch();
                        }
                    }
                } catch (SQLException e) {
                    throw new UncheckedIOException(new IOException("GeoPackage " + t + ", record " + f.id() + ": " + e.getMessage(), e));
                }
            });
            row.executeBatch();
            if (box != null) {
                box.executeBatch();
            }
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO gpkg_contents (table_name, data_type, identifier, "
                + "description, last_change, min_x, min_y, max_x, max_y, srs_id) VALUES (?, ?, ?, '', ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, t);
            p.setString(2, spatial ? "features" : "attributes");
            p.setString(3, t);
            p.setString(4, now);
            if (spatial) {
                Envelope e = extent.isNull() ? new Envelope(-180, 180, -90, 90) : extent;
                p.setDouble(5, e.getMinX());
                p.setDouble(6, e.getMinY());
                p.setDouble(7, e.getMaxX());
                p.setDouble(8, e.getMaxY());
                p.setInt(9, 4326);
            } else {
                for (int i = 5; i <= 9; i++) {
                    p.setNull(i, Types.NUMERIC);
                }
            }
            p.executeUpdate();
        }
        if (spatial) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, 4326, 0, 0)")) {
                p.setString(1, t);
                p.setString(2, GEOMETRY_COLUMN);
                p.setString(3, layer.geometryType().toUpperCase(Locale.ROOT));
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO gpkg_extensions VALUES (?, ?, 'gpkg_rtree_index', "
                    + "'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')")) {
                p.setString(1, t);
                p.setString(2, GEOMETRY_COLUMN);
                p.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                for (String trigger : rtreeTriggers(t, GEOMETRY_COLUMN, FID)) {
                    s.execute(trigger);
                }
            }
        }
    }

    /**
     * The six triggers of GeoPackage 1.3's R-tree extension (F.3) that keep the index for later writers (QGIS editing
     * the file). They call ST_IsEmpty and ST_MinX…, which GDAL and QGIS provide when they open the file.
     */
    static List<String> rtreeTriggers(String table, String column, String id) {
        String t = q(table);
        String r = q("rtree_" + table + "_" + column);
        String name = "rtree_" + table + "_" + column;
        String g = q(column);
        String values = "(NEW." + q(id) + ", ST_MinX(NEW." + g + "), ST_MaxX(NEW." + g + "), ST_MinY(NEW." + g + "), ST_MaxY(NEW." + g + "))";
        String notEmpty = "(NEW." + g + " NOTNULL AND NOT ST_IsEmpty(NEW." + g + "))";
        String empty = "(NEW." + g + " ISNULL OR ST_IsEmpty(NEW." + g + "))";
        String i = q(id);
        return List.of(
                "CREATE TRIGGER " + q(name + "_insert") + " AFTER INSERT ON " + t + " WHEN " + notEmpty
                        + " BEGIN INSERT OR REPLACE INTO " + r + " VALUES " + values + "; END",
                "CREATE TRIGGER " + q(name + "_update1") + " AFTER UPDATE OF " + g + " ON " + t + " WHEN OLD." + i + " = NEW." + i
                        + " AND " + notEmpty + " BEGIN INSERT OR REPLACE INTO " + r + " VALUES " + values + "; END",
                "CREATE TRIGGER " + q(name + "_update2") + " AFTER UPDATE OF " + g + " ON " + t + " WHEN OLD." + i + " = NEW." + i
                        + " AND " + empty + " BEGIN DELETE FROM " + r + " WHERE id = OLD." + i + "; END",
                "CREATE TRIGGER " + q(name + "_update3") + " AFTER UPDATE ON " + t + " WHEN OLD." + i + " != NEW." + i
                        + " AND " + notEmpty + " BEGIN DELETE FROM " + r + " WHERE id = OLD." + i + "; INSERT OR REPLACE INTO "
                        + r + " VALUES " + values + "; END",
                "CREATE TRIGGER " + q(name + "_update4") + " AFTER UPDATE ON " + t + " WHEN OLD." + i + " != NEW." + i
                        + " AND " + empty + " BEGIN DELETE FROM " + r + " WHERE id IN (OLD." + i + ", NEW." + i + "); END",
                "CREATE TRIGGER " + q(name + "_delete") + " AFTER DELETE ON " + t + " WHEN OLD." + g + " NOT NULL"
                        + " BEGIN DELETE FROM " + r + " WHERE id = OLD." + i + "; END");
    }

    /** QGIS's layer_styles table (registered as an attributes table), a default style per layer that has one. */
    private static void styles(Connection c, List<ExportLayer> layers, String now) throws SQLException {
        List<ExportLayer> styled = layers.stream().filter(l -> l.geometryType() != null
                && vn.anttmap.style.LayerStyles.qml(l.name()).isPresent()).toList();
        if (styled.isEmpty()) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, f_table_catalog TEXT(256), "
                    + "f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), "
                    + "styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30), "
                    + "update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))");
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO layer_styles (f_table_catalog, f_table_schema, "
                + "f_table_name, f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description, owner, update_time) "
                + "VALUES ('', '', ?, ?, ?, ?, ?, 1, ?, 'ANTT Map', ?)")) {
            // The bundled taxonomy names the incident categories in the legend (Vietnamese / English), not their codes.
            vn.anttmap.model.Taxonomy taxonomy = vn.anttmap.io.TaxonomyReader.bundled();
            for (ExportLayer l : styled) {
                p.setString(1, l.name());
                p.setString(2, GEOMETRY_COLUMN);
                p.setString(3, l.name());
                p.setString(4, vn.anttmap.style.LayerStyles.qml(l.name(), taxonomy).orElseThrow());
                p.setString(5, vn.anttmap.style.LayerStyles.sld(l.name(), taxonomy).orElse(null));
                p.setString(6, vn.anttmap.style.LayerStyles.description(l.name()));
                p.setString(7, now);
                p.addBatch();
            }
            p.executeBatch();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO gpkg_contents (table_name, data_type, identifier, "
                + "description, last_change) VALUES ('layer_styles', 'attributes', 'layer_styles', "
                + "'QGIS styles / kiểu hiển thị cho QGIS', ?)")) {
            p.setString(1, now);
            p.executeUpdate();
        }
    }

    private static void set(PreparedStatement p, int i, Object v, String type) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.NULL);
        } else if (v instanceof LocalDate d) {
            p.setString(i, d.toString());
        } else if (v instanceof OffsetDateTime o) {
            p.setString(i, DATETIME.format(o.toInstant()));
        } else if (v instanceof ZonedDateTime z) {
            p.setString(i, DATETIME.format(z.toInstant()));
        } else if (v instanceof Instant at) {
            p.setString(i, DATETIME.format(at));
        } else if (v instanceof Boolean b) {
            p.setInt(i, b ? 1 : 0);
        } else if (v instanceof Integer || v instanceof Long) {
            p.setLong(i, ((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            p.setDouble(i, ((Number) v).doubleValue());
        } else {
            p.setString(i, Values.format(v));
        }
    }

    /**
     * The GeoPackage geometry blob (2.1.3): "GP", version 0, flags (little-endian, an xy envelope except for points,
     * the empty bit), the SRS id, the envelope, then the standard WKB.
     */
    static byte[] blob(Geometry g, WKBWriter wkb) {
        boolean empty = g.isEmpty();
        boolean envelope = !empty && !(g instanceof Point);
        byte[] body = wkb.write(g);
        ByteBuffer b = ByteBuffer.allocate(8 + (envelope ? 32 : 0) + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x47).put((byte) 0x50).put((byte) 0);
        b.put((byte) (1 | (envelope ? 1 << 1 : 0) | (empty ? 1 << 4 : 0)));
        b.putInt(4326);
        if (envelope) {
            Envelope e = g.getEnvelopeInternal();
            b.putDouble(e.getMinX()).putDouble(e.getMaxX()).putDouble(e.getMinY()).putDouble(e.getMaxY());
        }
        b.put(body);
        return b.array();
    }

    /** A polygon in a MultiPolygon table as a one-part MultiPolygon (a line likewise), as the column type says. */
    static Geometry as(Geometry g, String declared) {
        if (declared.equals("MultiPolygon") && g instanceof org.locationtech.jts.geom.Polygon p) {
            return g.getFactory().createMultiPolygon(new org.locationtech.jts.geom.Polygon[]{p});
        }
        if (declared.equals("MultiLineString") && g instanceof org.locationtech.jts.geom.LineString l) {
            return g.getFactory().createMultiLineString(new org.locationtech.jts.geom.LineString[]{l});
        }
        return g;
    }

    /** JTS's byte-order constants, named. */
    private static final class ByteOrderValues {
        static final int LITTLE = org.locationtech.jts.io.ByteOrderValues.LITTLE_ENDIAN;
    }
}
