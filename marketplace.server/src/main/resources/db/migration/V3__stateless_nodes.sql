-- Shared state of the nodes (issue 14): what lived in one server's memory now lives here, so any number
-- of nodes behind one address serve the same vendor.

-- Client cabinet sessions. The cookie holds a random 256-bit id; the row is keyed by its SHA-256, so a
-- read of the database yields no usable session. key_sealed: the key the owner logged in with, sealed like
-- licenses.key_sealed with the session's hash as associated data (null after a coupon login).
CREATE TABLE cabinet_sessions (id_hash CHAR(64) PRIMARY KEY, license_id BIGINT NOT NULL, key_sealed VARCHAR(200),
    created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, flash VARCHAR(2000));
CREATE INDEX cabinet_sessions_license ON cabinet_sessions (license_id, created_at);
CREATE INDEX cabinet_sessions_expiry ON cabinet_sessions (expires_at);

-- Sliding-window limits (cabinet logins, lost-key requests, registrations per client, letters per address):
-- one row per limit and subject with the event times inside the window, comma-separated. The row is locked
-- (SELECT ... FOR UPDATE) while it is counted, so nodes counting at once never exceed the limit.
CREATE TABLE rate_windows (bucket VARCHAR(32) NOT NULL, subject VARCHAR(254) NOT NULL, times VARCHAR(20000) NOT NULL,
    updated_at BIGINT NOT NULL, PRIMARY KEY (bucket, subject));
CREATE INDEX rate_windows_updated ON rate_windows (updated_at);

-- Expired nonces are swept in bounded batches, oldest first.
CREATE INDEX nonces_expiry ON nonces (expires_at);

-- A node claims a letter before sending it (claimed_by, until claimed_until), so two nodes never send one
-- letter; a claim of a node that died runs out and another node sends it.
ALTER TABLE outbox ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE outbox ADD COLUMN claimed_until BIGINT;
-- Sent and given-up letters are purged by age.
CREATE INDEX outbox_done ON outbox (status, created_at);
