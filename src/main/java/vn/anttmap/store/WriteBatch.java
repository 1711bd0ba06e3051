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

    /** Records of a layer to delete, by id. */
    public record Delete(Layer layer, List<String> ids) {
    }

    private final List<Upsert> upserts = new ArrayList<>();
    private final List<Delete> deletes = new ArrayList<>();
    private final List<vn.anttmap.model.AuditEntry> audit = new ArrayList<>();

    public WriteBatch upsert(Layer layer, List<Feature> features) {
        if (!features.isEmpty()) {
            upserts.add(new Upsert(layer, features));
        }
        return this;
    }

    public List<Upsert> upserts() {
        return List.copyOf(upserts);
    }

    public WriteBatch delete(Layer layer, List<String> ids) {
        if (!ids.isEmpty()) {
            deletes.add(new Delete(layer, List.copyOf(ids)));
        }
        return this;
    }

    public List<Delete> deletes() {
        return List.copyOf(deletes);
    }

    /** An audit entry written in the same transaction as the batch. */
    public WriteBatch audit(vn.anttmap.model.AuditEntry entry) {
        audit.add(entry);
        return this;
    }

    public List<vn.anttmap.model.AuditEntry> auditEntries() {
        return List.copyOf(audit);
    }

    public int size() {
        return upserts.stream().mapToInt(u -> u.features().size()).sum() + deletes.stream().mapToInt(d -> d.ids().size()).sum();
    }
}
