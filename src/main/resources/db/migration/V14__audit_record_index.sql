-- Version 14: the audit log found by record, newest first. A write refused because someone else changed the record
-- names who changed it and when (the record's latest audit entry), and that look-up must not scan the whole log.
CREATE INDEX audit_log_record_idx ON audit_log (layer, record_id, at);
