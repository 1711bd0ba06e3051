package vn.anttmap.store;

import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.Layer;

import java.util.Optional;

/**
 * Vector tiles the database encodes itself (PostGIS's ST_AsMVT). One of the concerns a {@link FeatureStore} holds;
 * {@link JdbcTiles} is its SQL. Where it answers empty (H2GIS), the API's tile route encodes in Java.
 */
public interface TileSource {
    /**
     * The vector tile of the layer's features matching {@code query}, encoded by the database (PostGIS's ST_AsMVT,
     * every attribute, null ones left out, times in Vietnam's offset), or empty where the store cannot (H2GIS): the
     * caller then encodes in Java. With {@code clusterUnits} above 0, points are gathered by cells of that many tile
     * units as {@link vn.anttmap.io.PointTile#clustered} gathers them.
     */
    default Optional<byte[]> mvt(Layer layer, FeatureQuery query, int z, int x, int y, String layerName, int clusterUnits) {
        return Optional.empty();
    }
}
