package org.pbx.marketplace.server.internal.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Small named values: the catalog version and its last signed documents, the demo marker. */
public final class MetaStore {
    private MetaStore() {
    }

    public static String get(Connection c, String key) throws SQLException {
        return Sql.one(c, "SELECT v FROM meta WHERE k = ?", rs -> rs.getString(1), key);
    }

    /** The value, its row locked until the transaction ends; the row is created with {@code initial} if missing. */
    public static String lock(Connection c, String key, String initial) throws SQLException {
        Sql.insertIfAbsent(c, "INSERT INTO meta (k, v) VALUES (?, ?)", key, initial);
        return Sql.one(c, "SELECT v FROM meta WHERE k = ? FOR UPDATE", rs -> rs.getString(1), key);
    }

    /** Inserts the value unless the key exists (also when another node inserts it at the same moment). */
    public static boolean putIfAbsent(Connection c, String key, String value) throws SQLException {
        return Sql.insertIfAbsent(c, "INSERT INTO meta (k, v) VALUES (?, ?)", key, value);
    }

    public static void put(Connection c, String key, String value) throws SQLException {
        if (Sql.update(c, "UPDATE meta SET v = ? WHERE k = ?", value, key) == 0) {
            Sql.update(c, "INSERT INTO meta (k, v) VALUES (?, ?)", key, value);
        }
    }
}
