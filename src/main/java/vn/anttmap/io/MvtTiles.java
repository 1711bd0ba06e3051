package vn.anttmap.io;

import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.JtsAdapter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtEncoder;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import io.github.sebasbaumh.mapbox.vectortile.build.MvtLayerParams;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import vn.anttmap.model.Feature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mapbox Vector Tiles (MVT 2.1) in the Web Mercator tiling scheme (EPSG:3857, z/x/y with y from the north), extent
 * 4096. Each feature keeps its id as property {@code id} and its scalar properties (dates as ISO 8601 text).
 */
public final class MvtTiles {
    static final double R = vn.anttmap.geo.WebMercator.R;
    static final double HALF = vn.anttmap.geo.WebMercator.HALF;

    private MvtTiles() {
    }

    /** The tile's bounds in lon/lat. */
    public static Envelope lonLatBounds(int z, int x, int y) {
        return lonLat(mercatorBounds(z, x, y));
    }

    /**
     * The lon/lat bounds of the tile and its buffer of 1/16 of its size (as ST_AsMVTGeom's 256 in 4096): 1/16 in Web
     * Mercator, which on the tile's side towards the equator is more degrees of latitude than 1/16 of the tile's.
     */
    public static Envelope lonLatBoundsWithBuffer(int z, int x, int y) {
        Envelope m = mercatorBounds(z, x, y);
        m.expandBy(m.getWidth() / 16);
        return lonLat(m);
    }

    private static Envelope lonLat(Envelope m) {
        return new Envelope(lon(m.getMinX()), lon(m.getMaxX()), lat(m.getMinY()), lat(m.getMaxY()));
    }

    static Envelope mercatorBounds(int z, int x, int y) {
        return vn.anttmap.geo.WebMercator.tileBounds(z, x, y);
    }

    /** Whether z/x/y names a tile. */
    /** The deepest zoom served (TileJSON's {@code maxzoom}); deeper tiles are not found. */
    public static final int MAX_ZOOM = 22;

    public static boolean valid(int z, int x, int y) {
        return z >= 0 && z <= MAX_ZOOM && x >= 0 && y >= 0 && x < (1 << z) && y < (1 << z);
    }

    /**
     * An empty tile of points, to add them one at a time ({@link PointTile#add}) and encode: the same tile
     * {@link #encode} makes of the same points as features.
     */
    public static PointTile points(String layer, int z, int x, int y) {
        return new PointTile(layer, mercatorBounds(z, x, y), MvtLayerParams.DEFAULT.getExtent());
    }

    public static byte[] encode(String layer, List<Feature> features, int z, int x, int y) {
        if (features.stream().allMatch(f -> f.geometry() == null || f.geometry() instanceof org.locationtech.jts.geom.Point)) {
            return PointTile.encode(layer, features, mercatorBounds(z, x, y), MvtLayerParams.DEFAULT.getExtent());
        }
        Envelope tile = mercatorBounds(z, x, y);
        GeometryFactory f = new GeometryFactory();
        MvtLayerParams params = MvtLayerParams.DEFAULT;
        List<Geometry> out = new ArrayList<>();
        for (Feature feature : features) {
            if (feature.geometry() == null || feature.geometry().isEmpty()) {
                continue;
            }
            Geometry m = toMercator(feature.geometry());
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("id", feature.id());
            feature.properties().forEach((k, v) -> {
                if (v != null) {
                    props.put(k, v instanceof Number || v instanceof Boolean ? v : Values.format(v));
                }
            });
            m.setUserData(props);
            if (m instanceof org.locationtech.jts.geom.Point p) {
                // A point needs no clipping: scale it into the tile's grid directly (the adapter's general path costs
                // about a hundred times more per point).
                double px = Math.round((p.getX() - tile.getMinX()) / tile.getWidth() * params.getExtent());
                double py = Math.round((tile.getMaxY() - p.getY()) / tile.getHeight() * params.getExtent());
                int buffer = params.getExtent() / 16; // as ST_AsMVTGeom's default buffer of 256 in 4096
                if (px >= -buffer && py >= -buffer && px <= params.getExtent() + buffer && py <= params.getExtent() + buffer) {
                    Geometry part = f.createPoint(new org.locationtech.jts.geom.Coordinate(px, py));
                    part.setUserData(props);
                    out.add(part);
                }
                continue;
            }
            Geometry t = JtsAdapter.createTileGeom(m, tile, f, params, g -> true);
            for (int i = 0; i < t.getNumGeometries(); i++) {
                Geometry part = t.getGeometryN(i);
                if (part.isEmpty()) {
                    continue;
                }
                part.setUserData(props);
                out.add(part);
            }
        }
        return MvtEncoder.encode(new JtsMvt(new JtsLayer(layer, out)));
    }

    static Geometry toMercator(Geometry lonLat) {
        Geometry g = lonLat.copy();
        g.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                double lon = seq.getX(i);
                double lat = Math.max(-85.05112878, Math.min(85.05112878, seq.getY(i)));
                seq.setOrdinate(i, 0, Math.toRadians(lon) * R);
                seq.setOrdinate(i, 1, Math.log(Math.tan(Math.PI / 4 + Math.toRadians(lat) / 2)) * R);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        g.geometryChanged();
        return g;
    }

    static double lon(double x) {
        return Math.toDegrees(x / R);
    }

    static double lat(double y) {
        return Math.toDegrees(2 * Math.atan(Math.exp(y / R)) - Math.PI / 2);
    }
}
