package org.pbx.marketplace.server.internal.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Nonces seen per installation, remembered for as long as an answer to them stays valid. The primary
 * key decides a race: of two requests with one nonce, on any nodes, only one can claim it.
 */
public final class NonceStore {
    private NonceStore() {
    }

    /**
     * Claims a nonce in the caller's transaction (rolled back with it when the request ends in an error);
     * false when the installation used it within its lifetime, i.e. a replay.
     */
    public static boolean claim(Connection c, String installationId, String nonce, long expiresAt, long now)
            throws SQLException {
        Sql.update(c, "DELETE FROM nonces WHERE installation_id = ? AND nonce = ? AND expires_at <= ?",
                installationId, nonce, now);
        return Sql.insertIfAbsent(c, "INSERT INTO nonces (installation_id, nonce, expires_at) VALUES (?, ?, ?)",
                installationId, nonce, expiresAt);
    }

    /** Deletes at most {@code limit} expired nonces, oldest first (index nonces_expiry); returns how many. */
    public static int sweep(Connection c, long now, int limit) throws SQLException {
        return Sql.update(c, "DELETE FROM nonces WHERE (installation_id, nonce) IN (SELECT installation_id, nonce"
                + " FROM nonces WHERE expires_at <= ? ORDER BY expires_at LIMIT " + limit + ")", now);
    }
}
