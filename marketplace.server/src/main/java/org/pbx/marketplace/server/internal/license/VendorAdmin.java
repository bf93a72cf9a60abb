package org.pbx.marketplace.server.internal.license;

import org.pbx.marketplace.server.internal.crypto.Codes;
import org.pbx.marketplace.server.internal.store.CouponStore;
import org.pbx.marketplace.server.internal.store.Database;
import org.pbx.marketplace.server.internal.store.LicenseStore;
import org.pbx.marketplace.server.internal.store.ProductStore;
import org.pbx.marketplace.server.internal.store.Rows.License;

/** Vendor-side operations with no HTTP endpoint (yet): revoking keys and issuing coupons. */
public final class VendorAdmin {
    private final Database db;

    public VendorAdmin(Database db) {
        this.db = db;
    }

    /** @return false when no license has this key */
    public boolean revoke(String licenseKey) {
        String key = Codes.normalizeKey(licenseKey);
        if (key == null) {
            return false;
        }
        return db.tx(c -> {
            License license = LicenseStore.byKeyHash(c, Codes.hash(key));
            if (license != null) {
                LicenseStore.setStatus(c, license.id(), "REVOKED");
            }
            return license != null;
        });
    }

    /** A new single-use coupon; the code exists only in the return value, the database keeps its hash. */
    public String issueCoupon(String productId, int days) {
        String code = Codes.newCoupon();
        issueCoupon(code, productId, days, false);
        return code;
    }

    public void issueCoupon(String code, String productId, int days, boolean demo) {
        if (days <= 0) {
            throw new IllegalArgumentException("a coupon adds at least one day");
        }
        db.tx(c -> {
            if (ProductStore.find(c, productId) == null) {
                throw new IllegalArgumentException("no product " + productId);
            }
            CouponStore.insert(c, Codes.hash(code), productId, days, demo);
            return null;
        });
    }
}
