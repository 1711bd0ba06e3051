-- Version 11: sign-in sessions kept in the database, and a credential epoch per account that every session and token
-- is issued under. Each request checks its session or token against the account's row as it is now: a user removed,
-- given a new password, a new role or a new ward (by any process: the CLI runs beside the server) is refused at once
-- on every node, since changing the account raises its epoch and the old sessions and tokens no longer match it.
-- Only a hash of the session id is kept, as for tokens.
--
-- And the attestation's free text "on behalf of / title" (chức vụ, thay mặt): through the API the attester is the
-- signed-in account; this field may say more but never replaces it.

ALTER TABLE user_account ADD COLUMN credential_epoch BIGINT DEFAULT 0 NOT NULL;

ALTER TABLE api_token ADD COLUMN credential_epoch BIGINT DEFAULT 0 NOT NULL;

CREATE INDEX api_token_username_idx ON api_token (username);

CREATE TABLE user_session (
    id_hash VARCHAR(64) PRIMARY KEY,
    username VARCHAR(64) NOT NULL,
    credential_epoch BIGINT NOT NULL,
    csrf VARCHAR(64) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX user_session_username_idx ON user_session (username);
CREATE INDEX user_session_expires_idx ON user_session (expires_at);

ALTER TABLE attestation ADD COLUMN signed_for VARCHAR(4000);
