package org.pbx.marketplace.server.internal.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Trials ever started: a product's trial is granted once per license key and once per installation. */
public final class TrialStore {
    private TrialStore() {
    }

    /** Whether this key or this installation (under any key) ever started the product's trial. */
    public static boolean used(Connection c, String productId, long licenseId, String installationId)
            throws SQLException {
        return Sql.one(c, "SELECT 1 FROM trials WHERE product_id = ? AND (license_id = ? OR installation_id = ?)",
                rs -> Boolean.TRUE, productId, licenseId, installationId) != null;
    }

    public static void record(Connection c, String productId, long licenseId, String installationId, long now)
            throws SQLException {
        Sql.update(c, "INSERT INTO trials (product_id, license_id, installation_id, started_at) VALUES (?, ?, ?, ?)",
                productId, licenseId, installationId, now);
    }
}
