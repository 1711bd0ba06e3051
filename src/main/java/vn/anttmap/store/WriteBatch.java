package vn.anttmap.store;

import vn.anttmap.model.Feature;
import vn.anttmap.model.Layer;

import java.util.ArrayList;
import java.util.List;

/**
 * Features to insert or replace (by id), in order, in one transaction: all are written or none. A batch may also
 * carry {@linkplain #expect expectations}: records that must still be as the caller read them when the transaction
 * writes, checked under a row lock inside that transaction (optimistic locking that holds across processes).
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

    /**
     * The record {@code id} of {@code layer} must be at {@code version} when written: {@code version.apply(record)}
     * of the stored record, read under a row lock in the write transaction, must equal {@code expected}; with
     * {@code expected} null, there must be no such record (and the batch's upsert of it inserts, never replaces).
     */
    public record Expectation(Layer layer, String id, java.util.function.Function<Feature, String> version, String expected) {
        public Expectation {
            java.util.Objects.requireNonNull(layer);
            java.util.Objects.requireNonNull(id);
            java.util.Objects.requireNonNull(version);
        }
    }

    private final List<Expectation> expectations = new ArrayList<>();
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

    /**
     * Adds an expectation, checked before anything of the batch is written: when it does not hold, the store writes
     * nothing and throws {@link StaleRecordException} with the record's current version ({@code version} of the
     * locked record, or {@code null} when there is none). Two writers expecting the same version of a record cannot
     * both succeed, in one process or several: the second waits for the first's lock, then finds the record changed.
     *
     * @param version  how the caller computes a record's version (the same function it read its version with)
     * @param expected the version the caller read, or {@code null} for "the record must not exist"
     */
    public WriteBatch expect(Layer layer, String id, java.util.function.Function<Feature, String> version, String expected) {
        expectations.add(new Expectation(layer, id, version, expected));
        return this;
    }

    public List<Expectation> expectations() {
        return List.copyOf(expectations);
    }

    /** A record to read back, as this batch stored it, in its transaction: see {@link #readBack}. */
    public record ReadBack(Layer layer, String id, java.util.function.Consumer<Feature> sink) {
    }

    private final List<ReadBack> readBacks = new ArrayList<>();

    /**
     * Hands {@code sink} the record {@code id} of {@code layer} as the batch leaves it ({@code null} if there is
     * none), read in the write transaction after its writes, so that no later writer's change is mistaken for this
     * batch's (what a version handed back to a client must be). Called before the commit: use what it got only if
     * {@link FeatureStore#write} returns normally.
     */
    public WriteBatch readBack(Layer layer, String id, java.util.function.Consumer<Feature> sink) {
        readBacks.add(new ReadBack(layer, id, sink));
        return this;
    }

    public List<ReadBack> readBacks() {
        return List.copyOf(readBacks);
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
