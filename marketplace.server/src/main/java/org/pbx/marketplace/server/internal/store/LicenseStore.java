package org.pbx.marketplace.server.internal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pbx.marketplace.server.internal.store.Rows.Binding;
import org.pbx.marketplace.server.internal.store.Rows.License;
import org.pbx.marketplace.server.internal.store.Rows.LicenseProduct;
import org.pbx.marketplace.server.internal.store.Rows.Owner;

/** Licenses with what hangs off them: products held, reported seat usage and installation bindings. */
public final class LicenseStore {
    private static final String COLUMNS = "id, status, serial, company_name, contact_name, email, phone, company_id,"
            + " language, created_at";

    private LicenseStore() {
    }

    /** Company identity used by the one-e-mail-one-company rule. */

    public static long insert(Connection c, String keyHash, Owner o, String companyNorm, String companyIdNorm,
                              String emailNorm, String language, long now, boolean demo) throws SQLException {
        return Sql.insertReturningId(c, "INSERT INTO licenses (key_hash, status, serial, company_name, company_norm,"
                        + " company_id, company_id_norm, contact_name, email, email_norm, phone, language, created_at, demo)"
                        + " VALUES (?, 'ACTIVE', 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                keyHash, o.companyName(), companyNorm, o.companyId(), companyIdNorm, o.contactName(), o.email(),
                emailNorm, o.phone(), language, now, demo);
    }

    public static License byKeyHash(Connection c, String keyHash) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM licenses WHERE key_hash = ?", LicenseStore::license, keyHash);
    }

    /**
     * The license, its row locked until the transaction ends: every change to a license (bindings, products,
     * usage, serial) starts here, so two requests for one key, on any nodes, take turns instead of both
     * deciding on what they read before the other wrote.
     */
    public static License lockByKeyHash(Connection c, String keyHash) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM licenses WHERE key_hash = ? FOR UPDATE", LicenseStore::license,
                keyHash);
    }

    /** As {@link #lockByKeyHash}, by id. */
    public static License lockById(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM licenses WHERE id = ? FOR UPDATE", LicenseStore::license, id);
    }

    public static License byId(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM licenses WHERE id = ?", LicenseStore::license, id);
    }

    private static License license(ResultSet rs) throws SQLException {
        return new License(rs.getLong(1), rs.getString(2), rs.getLong(3),
                new Owner(rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)),
                rs.getString(9), rs.getLong(10));
    }

    /** A license whose key can be mailed again: its sealed key and the hash that opens it. */
    public record Recoverable(License license, String keyHash, String keySealed) {
    }

    public static void setKeySealed(Connection c, long id, String sealed) throws SQLException {
        Sql.update(c, "UPDATE licenses SET key_sealed = ? WHERE id = ?", sealed, id);
    }

    public static Recoverable recoverable(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + ", key_hash, key_sealed FROM licenses WHERE id = ?"
                + " AND key_sealed IS NOT NULL", rs -> new Recoverable(license(rs), rs.getString(11), rs.getString(12)), id);
    }

    /** Every non-revoked license of an address whose key can be mailed, oldest first. */
    public static List<Recoverable> recoverableOfEmail(Connection c, String emailNorm) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + ", key_hash, key_sealed FROM licenses WHERE email_norm = ?"
                        + " AND key_sealed IS NOT NULL AND status <> 'REVOKED' ORDER BY id",
                rs -> new Recoverable(license(rs), rs.getString(11), rs.getString(12)), emailNorm);
    }

    public static void setStatus(Connection c, long id, String status) throws SQLException {
        Sql.update(c, "UPDATE licenses SET status = ? WHERE id = ?", status, id);
    }

    /**
     * Each issued token gets a higher serial, so a client can refuse an older token replayed at it. The
     * update locks the row, so concurrent answers for one license get distinct serials.
     */
    public static long nextSerial(Connection c, long id) throws SQLException {
        Sql.update(c, "UPDATE licenses SET serial = serial + 1 WHERE id = ?", id);
        return Sql.one(c, "SELECT serial FROM licenses WHERE id = ?", rs -> rs.getLong(1), id);
    }

    public static List<LicenseProduct> products(Connection c, long id) throws SQLException {
        return Sql.list(c, "SELECT product_id, trial, expires_at FROM license_products WHERE license_id = ?"
                + " ORDER BY product_id", rs -> new LicenseProduct(rs.getString(1), rs.getBoolean(2), rs.getLong(3)), id);
    }

    public static void putProduct(Connection c, long id, LicenseProduct p) throws SQLException {
        int updated = Sql.update(c, "UPDATE license_products SET trial = ?, expires_at = ?"
                + " WHERE license_id = ? AND product_id = ?", p.trial(), p.expiresAt(), id, p.productId());
        if (updated == 0) {
            Sql.update(c, "INSERT INTO license_products (license_id, product_id, trial, expires_at) VALUES (?, ?, ?, ?)",
                    id, p.productId(), p.trial(), p.expiresAt());
        }
    }

    public static Map<String, Integer> usage(Connection c, long id) throws SQLException {
        Map<String, Integer> usage = new LinkedHashMap<>();
        for (Object[] row : Sql.list(c, "SELECT feature_id, seats_used FROM feature_usage WHERE license_id = ?",
                rs -> new Object[] {rs.getString(1), rs.getInt(2)}, id)) {
            usage.put((String) row[0], (Integer) row[1]);
        }
        return usage;
    }

    public static void putUsage(Connection c, long id, String featureId, int seatsUsed) throws SQLException {
        if (Sql.update(c, "UPDATE feature_usage SET seats_used = ? WHERE license_id = ? AND feature_id = ?",
                seatsUsed, id, featureId) == 0) {
            Sql.update(c, "INSERT INTO feature_usage (license_id, feature_id, seats_used) VALUES (?, ?, ?)",
                    id, featureId, seatsUsed);
        }
    }

    public static List<Binding> bindings(Connection c, long id) throws SQLException {
        return Sql.list(c, "SELECT installation_id, public_key, bound_at, last_seen, host_name, pbx_version FROM bindings"
                        + " WHERE license_id = ? ORDER BY bound_at",
                rs -> new Binding(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                        rs.getString(6)), id);
    }

    /** As {@link #bind(Connection, long, String, String, long, Rows.InstallationLabel)} with nothing reported. */
    public static void bind(Connection c, long id, String installationId, String publicKey, long now)
            throws SQLException {
        bind(c, id, installationId, publicKey, now, Rows.InstallationLabel.NONE);
    }

    /** Binds (or touches) the installation; what it reports of itself replaces what it reported before, if anything. */
    public static void bind(Connection c, long id, String installationId, String publicKey, long now,
                            Rows.InstallationLabel label) throws SQLException {
        if (Sql.update(c, "UPDATE bindings SET last_seen = ?, host_name = COALESCE(?, host_name),"
                        + " pbx_version = COALESCE(?, pbx_version) WHERE license_id = ? AND installation_id = ?",
                now, label.hostName(), label.pbxVersion(), id, installationId) == 0) {
            Sql.update(c, "INSERT INTO bindings (license_id, installation_id, public_key, bound_at, last_seen, host_name,"
                    + " pbx_version) VALUES (?, ?, ?, ?, ?, ?, ?)", id, installationId, publicKey, now, now,
                    label.hostName(), label.pbxVersion());
        }
        Sql.update(c, "DELETE FROM released_seats WHERE license_id = ? AND installation_id = ?", id, installationId);
    }

    /** @return whether the installation was bound */
    public static boolean release(Connection c, long id, String installationId) throws SQLException {
        return Sql.update(c, "DELETE FROM bindings WHERE license_id = ? AND installation_id = ?", id, installationId) > 0;
    }

    /** The owner released the installation's seat in the cabinet: its next request hears of it (see {@link #takeReleased}). */
    public static void markReleased(Connection c, long id, String installationId, long now) throws SQLException {
        Sql.update(c, "DELETE FROM released_seats WHERE license_id = ? AND installation_id = ?", id, installationId);
        Sql.update(c, "INSERT INTO released_seats (license_id, installation_id, released_at) VALUES (?, ?, ?)",
                id, installationId, now);
    }

    /** When the owner released this installation's seat, forgetting it (it is told once); 0 when not released. */
    public static long takeReleased(Connection c, long id, String installationId) throws SQLException {
        Long at = Sql.one(c, "SELECT released_at FROM released_seats WHERE license_id = ? AND installation_id = ?",
                rs -> rs.getLong(1), id, installationId);
        if (at == null) {
            return 0;
        }
        Sql.update(c, "DELETE FROM released_seats WHERE license_id = ? AND installation_id = ?", id, installationId);
        return at;
    }
}
