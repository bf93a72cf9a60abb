package org.pbx.marketplace.server.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Releases published through the admin API, by the hash of their bytes. */
public final class ReleaseStore {
    private ReleaseStore() {
    }

    public record Published(String moduleId, String version, String sha256, long size, long publishedAt) {
    }

    public static Published find(Connection c, String moduleId, String version) throws SQLException {
        return Sql.one(c, "SELECT module_id, version, sha256, size, published_at FROM releases"
                + " WHERE module_id = ? AND version = ?", ReleaseStore::row, moduleId, version);
    }

    public static List<Published> all(Connection c) throws SQLException {
        return Sql.list(c, "SELECT module_id, version, sha256, size, published_at FROM releases"
                + " ORDER BY module_id, published_at", ReleaseStore::row);
    }

    public static void insert(Connection c, Published p) throws SQLException {
        Sql.update(c, "INSERT INTO releases (module_id, version, sha256, size, published_at) VALUES (?, ?, ?, ?, ?)",
                p.moduleId(), p.version(), p.sha256(), p.size(), p.publishedAt());
    }

    private static Published row(java.sql.ResultSet rs) throws SQLException {
        return new Published(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5));
    }
}
