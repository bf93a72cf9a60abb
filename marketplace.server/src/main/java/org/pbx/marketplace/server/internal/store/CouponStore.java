package org.pbx.marketplace.server.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
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

    public static Coupon find(Connection c, String codeHash) throws SQLException {
        return Sql.one(c, "SELECT code_hash, product_id, days, used_by FROM coupons WHERE code_hash = ?",
                rs -> new Coupon(rs.getString(1), rs.getString(2), rs.getInt(3),
                        rs.getObject(4) == null ? null : rs.getLong(4)), codeHash);
    }

    /** The coupon, its row locked until the transaction ends, so two activations of one coupon take turns. */
    public static Coupon lock(Connection c, String codeHash) throws SQLException {
        return Sql.one(c, "SELECT code_hash, product_id, days, used_by FROM coupons WHERE code_hash = ? FOR UPDATE",
                rs -> new Coupon(rs.getString(1), rs.getString(2), rs.getInt(3),
                        rs.getObject(4) == null ? null : rs.getLong(4)), codeHash);
    }

    /** Conditional on still being unused, so a coupon can never be spent twice. */
    public static boolean markUsed(Connection c, String codeHash, long licenseId, long now) throws SQLException {
        return Sql.update(c, "UPDATE coupons SET used_by = ?, used_at = ? WHERE code_hash = ? AND used_by IS NULL",
                licenseId, now, codeHash) == 1;
    }
}
