package org.pbx.marketplace.server.internal.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Nonces seen per installation, remembered for as long as an answer to them stays valid. */
public final class NonceStore {
    private NonceStore() {
    }

    public static boolean seen(Connection c, String installationId, String nonce, long now) throws SQLException {
        return Sql.one(c, "SELECT 1 FROM nonces WHERE installation_id = ? AND nonce = ? AND expires_at > ?",
                rs -> Boolean.TRUE, installationId, nonce, now) != null;
    }

    public static void remember(Connection c, String installationId, String nonce, long expiresAt, long now)
            throws SQLException {
        Sql.update(c, "DELETE FROM nonces WHERE expires_at <= ?", now);
        Sql.update(c, "DELETE FROM nonces WHERE installation_id = ? AND nonce = ?", installationId, nonce);
        Sql.update(c, "INSERT INTO nonces (installation_id, nonce, expires_at) VALUES (?, ?, ?)",
                installationId, nonce, expiresAt);
    }
}
