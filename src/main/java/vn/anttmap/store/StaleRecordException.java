package vn.anttmap.store;

import vn.anttmap.model.Layer;

/**
 * A write refused because a record it expected ({@link WriteBatch#expect}) was not as expected when the write
 * transaction locked it: another writer changed or deleted it since it was read, or made it when it was expected
 * absent. Nothing of the batch was written. Not a fault of the store: the caller read a version that is no longer
 * current.
 */
public final class StaleRecordException extends RuntimeException {
    private final Layer layer;
    private final String id;
    private final String currentVersion;

    public StaleRecordException(Layer layer, String id, String currentVersion) {
        super(layer.apiName() + " '" + id + "' " + (currentVersion == null ? "no longer exists" : "changed")
                + " since it was read");
        this.layer = layer;
        this.id = id;
        this.currentVersion = currentVersion;
    }

    public Layer layer() {
        return layer;
    }

    public String id() {
        return id;
    }

    /** The record's version as the expectation computes it, read under the lock; {@code null} when it does not exist. */
    public String currentVersion() {
        return currentVersion;
    }
}
