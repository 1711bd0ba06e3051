package vn.anttmap.model;

import java.time.OffsetDateTime;

/**
 * One line of the append-only audit log: who did what, when, to which record, with the record before and after
 * (as JSON) where there is one.
 */
public record AuditEntry(String id, OffsetDateTime at, String username, String action, String layer, String recordId,
                         String beforeJson, String afterJson, String detail) {
}
