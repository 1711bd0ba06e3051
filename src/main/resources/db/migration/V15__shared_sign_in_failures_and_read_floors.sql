-- Version 15: what several service nodes must share beyond sessions and tokens.
-- Failed sign-ins, counted by every node together: five on one node slow the name (and the address) on all. The key
-- ("user:NAME" or "addr:ADDRESS") is kept as its SHA-256 hash; rows older than the counting window are removed by
-- the next failure. A sign-in is written here before its password is checked (and removed if it is right or refused),
-- so that guesses made at the same moment on several nodes count each other.
CREATE TABLE sign_in_failure (
    key_hash   VARCHAR(64) NOT NULL,
    attempt_id VARCHAR(36) NOT NULL,
    failed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sign_in_failure_key_idx ON sign_in_failure (key_hash, failed_at);
CREATE INDEX sign_in_failure_at_idx ON sign_in_failure (failed_at);

-- Read-your-writes with read replicas: the primary's WAL position (bytes) after the last write made with a session
-- or token (its hash), so that any node serves that credential's reads from a replica only once the replica has
-- replayed that far.
CREATE TABLE read_floor (
    credential_hash VARCHAR(64) PRIMARY KEY,
    wal_bytes       BIGINT NOT NULL,
    written_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
