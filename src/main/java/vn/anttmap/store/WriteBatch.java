package vn.anttmap.store;

import vn.anttmap.model.Feature;
import vn.anttmap.model.Layer;

import java.util.ArrayList;
import java.util.List;

/**
 * Features to insert or replace (by id), in order, in one transaction: all are written or none.
 */
public final class WriteBatch {
    /** The features of one layer to upsert. */
    public record Upsert(Layer layer, List<Feature> features) {
        public Upsert {
            features = List.copyOf(features);
        }
    }

    private final List<Upsert> upserts = new ArrayList<>();

    public WriteBatch upsert(Layer layer, List<Feature> features) {
        if (!features.isEmpty()) {
            upserts.add(new Upsert(layer, features));
        }
        return this;
    }

    public List<Upsert> upserts() {
        return List.copyOf(upserts);
    }

    public int size() {
        return upserts.stream().mapToInt(u -> u.features().size()).sum();
    }
}
