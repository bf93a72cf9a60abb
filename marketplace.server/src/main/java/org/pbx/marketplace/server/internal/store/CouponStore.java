package org.pbx.marketplace.server.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.pbx.marketplace.server.internal.store.Rows.Coupon;

/** Single-use coupons, stored by hash like license keys. */
public final class CouponStore {
    private CouponStore() {
    }

    public static void insert(Connection c, String codeHash, String productId, int days, boolean demo)
            throws SQLException {
        Sql.update(c, "INSERT INTO coupons (code_hash, product_id, days, demo) VALUES (?, ?, ?, ?)",
                codeHash, productId, days, demo);
    }

    /** A revoked coupon is not found: to a customer it is as unknown as a mistyped one. */
    public static Coupon find(Connection c, String codeHash) throws SQLException {
        return Sql.one(c, "SELECT code_hash, product_id, days, used_by FROM coupons WHERE code_hash = ?"
                        + " AND revoked_at IS NULL",
                rs -> new Coupon(rs.getString(1), rs.getString(2), rs.getInt(3),
                        rs.getObject(4) == null ? null : rs.getLong(4)), codeHash);
    }

    /**
     * The coupon, its row locked until the transaction ends, so two activations of one coupon (or an
     * activation and a revocation) take turns. A revoked coupon is not found, as in find.
     */
    public static Coupon lock(Connection c, String codeHash) throws SQLException {
        return Sql.one(c, "SELECT code_hash, product_id, days, used_by FROM coupons WHERE code_hash = ?"
                        + " AND revoked_at IS NULL FOR UPDATE",
                rs -> new Coupon(rs.getString(1), rs.getString(2), rs.getInt(3),
                        rs.getObject(4) == null ? null : rs.getLong(4)), codeHash);
    }

    /** Conditional on still being unused, so a coupon can never be spent twice. */
    public static boolean markUsed(Connection c, String codeHash, long licenseId, long now) throws SQLException {
        return Sql.update(c, "UPDATE coupons SET used_by = ?, used_at = ? WHERE code_hash = ? AND used_by IS NULL",
                licenseId, now, codeHash) == 1;
    }

    /** A coupon as the vendor sees it: never the code (only its hash is stored), with who used it. */
    public record Listed(String codeHash, String batchId, String productId, int days, Long createdAt, Long revokedAt,
                         Long usedAt, Long usedBy, String usedByCompany, String usedByEmail, boolean demo) {
    }

    public static void insertInBatch(Connection c, String codeHash, String productId, int days, String batchId,
                                     long now) throws SQLException {
        Sql.update(c, "INSERT INTO coupons (code_hash, product_id, days, demo, batch_id, created_at)"
                + " VALUES (?, ?, ?, FALSE, ?, ?)", codeHash, productId, days, batchId, now);
    }

    private static final String LISTED = "SELECT cp.code_hash, cp.batch_id, cp.product_id, cp.days, cp.created_at,"
            + " cp.revoked_at, cp.used_at, cp.used_by, l.company_name, l.email, cp.demo FROM coupons cp"
            + " LEFT JOIN licenses l ON l.id = cp.used_by";

    /** @param batchId null for all; @param productId null for all */
    public static List<Listed> list(Connection c, String batchId, String productId, int limit) throws SQLException {
        List<Object> args = new java.util.ArrayList<>();
        StringBuilder where = new StringBuilder();
        if (batchId != null) {
            where.append(" WHERE cp.batch_id = ?");
            args.add(batchId);
        }
        if (productId != null) {
            where.append(where.length() == 0 ? " WHERE" : " AND").append(" cp.product_id = ?");
            args.add(productId);
        }
        return Sql.list(c, LISTED + where + " ORDER BY cp.created_at, cp.code_hash FETCH FIRST " + limit + " ROWS ONLY",
                CouponStore::listedRow, args.toArray());
    }

    private static Listed listedRow(java.sql.ResultSet rs) throws SQLException {
        return new Listed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), longOrNull(rs, 5),
                longOrNull(rs, 6), longOrNull(rs, 7), longOrNull(rs, 8), rs.getString(9), rs.getString(10),
                rs.getBoolean(11));
    }

    public static Listed listed(Connection c, String codeHash) throws SQLException {
        return Sql.one(c, LISTED + " WHERE cp.code_hash = ?", CouponStore::listedRow, codeHash);
    }

    /** Revokes the coupon if it is unused and not revoked yet; @return 1 if revoked */
    public static int revoke(Connection c, String codeHash, long now) throws SQLException {
        return Sql.update(c, "UPDATE coupons SET revoked_at = ? WHERE code_hash = ? AND used_by IS NULL"
                + " AND revoked_at IS NULL", now, codeHash);
    }

    public static int revokeBatch(Connection c, String batchId, long now) throws SQLException {
        return Sql.update(c, "UPDATE coupons SET revoked_at = ? WHERE batch_id = ? AND used_by IS NULL"
                + " AND revoked_at IS NULL", now, batchId);
    }

    public static int countBatch(Connection c, String batchId) throws SQLException {
        return Sql.one(c, "SELECT COUNT(*) FROM coupons WHERE batch_id = ?", rs -> rs.getInt(1), batchId);
    }

    private static Long longOrNull(java.sql.ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
