-- Issue 20 item 10. The cabinet names a bound installation by what the PBX reports of itself (host name and
-- PBX version, optional request fields, sanitized and bounded on the way in); the 32-hex id stays the key.
ALTER TABLE bindings ADD COLUMN host_name VARCHAR(253);
ALTER TABLE bindings ADD COLUMN pbx_version VARCHAR(64);

-- A seat the owner released in the cabinet: the released installation's next signed request for the key
-- is answered with the refusal E_SEAT_RELEASED (releasedAt), once; the row goes with that answer or when the
-- installation is bound again.
CREATE TABLE released_seats (license_id BIGINT NOT NULL, installation_id CHAR(32) NOT NULL,
    released_at BIGINT NOT NULL, PRIMARY KEY (license_id, installation_id));
