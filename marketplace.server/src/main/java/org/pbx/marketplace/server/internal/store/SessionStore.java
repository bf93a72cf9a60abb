package org.pbx.marketplace.server.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Client cabinet sessions, by the SHA-256 of their id, shared by every node. */
public final class SessionStore {
    /** A session row; keySealed is null after a coupon login. */
    public record Row(long licenseId, String keySealed, long expiresAt, String flash) {
    }

    private SessionStore() {
    }

    public static void insert(Connection c, String idHash, long licenseId, String keySealed, long now, long expiresAt)
            throws SQLException {
        Sql.update(c, "INSERT INTO cabinet_sessions (id_hash, license_id, key_sealed, created_at, expires_at)"
                + " VALUES (?, ?, ?, ?, ?)", idHash, licenseId, keySealed, now, expiresAt);
    }

    public static Row find(Connection c, String idHash) throws SQLException {
        return Sql.one(c, "SELECT license_id, key_sealed, expires_at, flash FROM cabinet_sessions WHERE id_hash = ?",
                rs -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)), idHash);
    }

    public static void touch(Connection c, String idHash, long expiresAt) throws SQLException {
        Sql.update(c, "UPDATE cabinet_sessions SET expires_at = ? WHERE id_hash = ?", expiresAt, idHash);
    }

    /** The one-shot note the next page shows; null clears it. */
    public static void flash(Connection c, String idHash, String flash) throws SQLException {
        Sql.update(c, "UPDATE cabinet_sessions SET flash = ? WHERE id_hash = ?", flash, idHash);
    }

    public static void delete(Connection c, String idHash) throws SQLException {
        Sql.update(c, "DELETE FROM cabinet_sessions WHERE id_hash = ?", idHash);
    }

    /** Ends the oldest sessions of a license beyond the newest {@code keep}; returns how many ended. */
    public static int trim(Connection c, long licenseId, int keep) throws SQLException {
        List<String> all = Sql.list(c, "SELECT id_hash FROM cabinet_sessions WHERE license_id = ?"
                + " ORDER BY created_at DESC, id_hash", rs -> rs.getString(1), licenseId);
        int ended = 0;
        for (String idHash : all.subList(Math.min(keep, all.size()), all.size())) {
            ended += Sql.update(c, "DELETE FROM cabinet_sessions WHERE id_hash = ?", idHash);
        }
        return ended;
    }

    /** Deletes at most {@code limit} sessions that expired before {@code before}; returns how many. */
    public static int sweep(Connection c, long before, int limit) throws SQLException {
        return Sql.update(c, "DELETE FROM cabinet_sessions WHERE id_hash IN (SELECT id_hash FROM cabinet_sessions"
                + " WHERE expires_at <= ? ORDER BY expires_at LIMIT " + limit + ")", before);
    }
}
