-- Version 5: user accounts, personal API tokens (only their hashes), and the append-only audit log.

CREATE TABLE user_account (
    username VARCHAR(64) PRIMARY KEY,
    password_hash VARCHAR(200) NOT NULL,
    role VARCHAR(16) NOT NULL,
    ward_id VARCHAR(64),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE api_token (
    token_hash VARCHAR(64) PRIMARY KEY,
    username VARCHAR(64) NOT NULL,
    name VARCHAR(200),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE audit_log (
    id VARCHAR(64) PRIMARY KEY,
    at TIMESTAMP WITH TIME ZONE NOT NULL,
    username VARCHAR(64),
    action VARCHAR(32) NOT NULL,
    layer VARCHAR(64),
    record_id VARCHAR(64),
    before_json VARCHAR(20000),
    after_json VARCHAR(20000),
    detail VARCHAR(2000)
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
