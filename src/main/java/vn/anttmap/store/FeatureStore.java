package vn.anttmap.store;

import vn.anttmap.model.Feature;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.Layer;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where ANTT Map keeps its layers. Every adapter passes the same contract tests (FeatureStoreContract).
 *
 * <p>Geometries go in and come out in EPSG:4326. Reads are ordered by id. Implementations are thread-safe.
 */
public interface FeatureStore extends AutoCloseable {

    StoreKind kind();

    /** Applies pending migrations; returns how many were applied. Safe to call on every start. */
    int migrate();

    /** The highest migration applied, 0 for an empty database. */
    int schemaVersion();

    /** The highest migration this build knows. */
    int latestSchemaVersion();

    /** Features of {@code layer} matching {@code query}, ordered by id. */
    List<Feature> query(Layer layer, FeatureQuery query);

    Optional<Feature> get(Layer layer, String id);

    /** Rows per layer, in {@link Layer} order. */
    Map<Layer, Long> counts();

    /** Inserts or replaces, by id, every feature of the batch in one transaction; on any error writes nothing. */
    void write(WriteBatch batch);

    /** A description safe to log: the database URL with any password masked. */
    String describe();

    @Override
    void close();
}
