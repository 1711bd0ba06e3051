package vn.anttmap.io.export;

import mil.nga.geopackage.BoundingBox;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.attributes.AttributesColumn;
import mil.nga.geopackage.attributes.AttributesDao;
import mil.nga.geopackage.attributes.AttributesRow;
import mil.nga.geopackage.attributes.AttributesTableMetadata;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.geopackage.features.user.FeatureTableMetadata;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import mil.nga.sf.GeometryType;
import mil.nga.sf.wkb.GeometryReader;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.WKBWriter;
import vn.anttmap.io.Values;
import vn.anttmap.model.Feature;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes layers to an OGC GeoPackage (EPSG:4326, spatial extents in gpkg_contents): feature tables for layers with
 * geometry, attribute tables for the others. Values are written as text except integers, reals and booleans.
 */
public final class GeoPackageWriter {
    private GeoPackageWriter() {
    }

    public static void write(File file, List<ExportLayer> layers) throws IOException {
        if (file.exists() && !file.delete()) {
            throw new IOException("cannot replace " + file);
        }
        GeoPackageManager.create(file);
        try (GeoPackage gpkg = GeoPackageManager.open(file)) {
            SpatialReferenceSystem srs = gpkg.getSpatialReferenceSystemDao().getOrCreateCode("EPSG", 4326);
            for (ExportLayer layer : layers) {
                if (layer.geometryType() == null) {
                    attributes(gpkg, layer);
                } else {
                    features(gpkg, srs, layer);
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IOException("cannot write the GeoPackage: " + e.getMessage(), e);
        }
    }

    private static void features(GeoPackage gpkg, SpatialReferenceSystem srs, ExportLayer layer) throws java.sql.SQLException, IOException {
        GeometryColumns gc = new GeometryColumns();
        gc.setTableName(layer.name());
        gc.setColumnName("geom");
        gc.setGeometryType(GeometryType.fromName(layer.geometryType().toUpperCase(Locale.ROOT)));
        gc.setZ((byte) 0);
        gc.setM((byte) 0);
        gc.setSrs(srs);
        List<FeatureColumn> columns = new ArrayList<>();
        columns.add(FeatureColumn.createColumn("feature_id", GeoPackageDataType.TEXT));
        for (String p : layer.properties()) {
            columns.add(FeatureColumn.createColumn(p, type(layer, p)));
        }
        Envelope e = new Envelope();
        layer.features().forEach(f -> {
            if (f.geometry() != null) {
                e.expandToInclude(f.geometry().getEnvelopeInternal());
            }
        });
        BoundingBox box = e.isNull() ? new BoundingBox(-180, -90, 180, 90)
                : new BoundingBox(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY());
        gpkg.createFeatureTable(FeatureTableMetadata.create(gc, columns, box));
        FeatureDao dao = gpkg.getFeatureDao(layer.name());
        WKBWriter wkb = new WKBWriter(2);
        for (Feature f : layer.features()) {
            FeatureRow row = dao.newRow();
            row.setValue("feature_id", f.id());
            if (f.geometry() != null) {
                row.setGeometry(GeoPackageGeometryData.createBuildEnvelopeAndWrite(srs.getSrsId(),
                        GeometryReader.readGeometry(wkb.write(f.geometry()))));
            }
            for (String p : layer.properties()) {
                row.setValue(p, value(f.get(p)));
            }
            dao.create(row);
        }
    }

    private static void attributes(GeoPackage gpkg, ExportLayer layer) throws java.sql.SQLException {
        List<AttributesColumn> columns = new ArrayList<>();
        columns.add(AttributesColumn.createColumn("feature_id", GeoPackageDataType.TEXT));
        for (String p : layer.properties()) {
            columns.add(AttributesColumn.createColumn(p, type(layer, p)));
        }
        gpkg.createAttributesTable(AttributesTableMetadata.create(layer.name(), columns));
        AttributesDao dao = gpkg.getAttributesDao(layer.name());
        for (Feature f : layer.features()) {
            AttributesRow row = dao.newRow();
            row.setValue("feature_id", f.id());
            for (String p : layer.properties()) {
                row.setValue(p, value(f.get(p)));
            }
            dao.create(row);
        }
    }

    /** The column type: from the first non-null value of the property. */
    private static GeoPackageDataType type(ExportLayer layer, String property) {
        for (Feature f : layer.features()) {
            Object v = f.get(property);
            if (v instanceof Integer || v instanceof Long) {
                return GeoPackageDataType.INTEGER;
            }
            if (v instanceof Double || v instanceof Float) {
                return GeoPackageDataType.REAL;
            }
            if (v instanceof Boolean) {
                return GeoPackageDataType.BOOLEAN;
            }
            if (v != null) {
                return GeoPackageDataType.TEXT;
            }
        }
        return GeoPackageDataType.TEXT;
    }

    private static Object value(Object v) {
        if (v == null || v instanceof Integer || v instanceof Long || v instanceof Double || v instanceof Boolean) {
            return v instanceof Integer i ? Long.valueOf(i) : v;
        }
        return Values.format(v);
    }
}
