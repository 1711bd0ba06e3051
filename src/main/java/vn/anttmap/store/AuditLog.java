package vn.anttmap.store;

import java.util.List;
import java.util.Optional;

/** The append-only record of who changed what and when. One of the concerns a {@link FeatureStore} holds. */
public interface AuditLog {
    /** Appends to the audit log. It is append-only: the database itself refuses to update or delete its entries (migration 12). */
    void appendAudit(vn.anttmap.model.AuditEntry entry);

    /** Audit entries, newest first, filtered by user, layer and time (each optional). */
    List<vn.anttmap.model.AuditEntry> audit(String username, String layer, java.time.OffsetDateTime from,
                                            java.time.OffsetDateTime to, int limit);

    /** The newest audit entry about record {@code recordId} of {@code layer} (its API name), if any. */
    Optional<vn.anttmap.model.AuditEntry> lastAudit(String layer, String recordId);
}
