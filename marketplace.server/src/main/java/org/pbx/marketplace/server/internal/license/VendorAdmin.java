package org.pbx.marketplace.server.internal.license;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.pbx.marketplace.server.internal.crypto.Codes;
import org.pbx.marketplace.server.internal.error.ApiException;
import org.pbx.marketplace.server.internal.error.ErrorCode;
import org.pbx.marketplace.server.internal.store.CouponStore;
import org.pbx.marketplace.server.internal.store.Database;
import org.pbx.marketplace.server.internal.store.LicenseStore;
import org.pbx.marketplace.server.internal.store.ProductStore;
import org.pbx.marketplace.server.internal.store.Rows.License;

/**
 * The vendor's own operations: products, features, trial terms, coupons and revocation. The admin
 * REST API, and through it the command-line tool, call only this; each operation is one transaction.
 */
public final class VendorAdmin {
    /** Most coupons one request makes, so one call cannot fill the database. */
    public static final int MAX_BATCH = 1000;

    private final Database db;
    private final Clock clock;

    public VendorAdmin(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A batch of new coupons: the codes exist only in the answer, the database keeps their hashes. */
    public record Batch(String batchId, String productId, int days, List<String> codes) {
    }

    /** Counts of a revocation: revoked now, and left as they were (already used, already revoked, unknown). */
    public record Revoked(int revoked, int notRevoked) {
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

    public ProductStore.Details createProduct(String id, String nameEn, String nameRu, String kind, int termDays,
                                              int trialDays) {
        return db.tx(c -> {
            if (ProductStore.find(c, id) != null) {
                throw new ApiException(ErrorCode.E_PRODUCT_EXISTS, "id");
            }
            ProductStore.create(c, id, nameEn, nameRu, kind, termDays, trialDays);
            return ProductStore.details(c, id);
        });
    }

    /** Creates the base product registration grants (feature "marketplace", 1 seat, no trial) if it is missing. */
    public void ensureBaseProduct() {
        db.tx(c -> {
            if (ProductStore.find(c, LicenseService.BASE_PRODUCT) == null) {
                ProductStore.create(c, LicenseService.BASE_PRODUCT, "PBX Marketplace", "Маркетплейс АТС", "license", 365, 0);
                ProductStore.grant(c, LicenseService.BASE_PRODUCT, "marketplace", "Marketplace", "Маркетплейс", 1);
            }
            return null;
        });
    }

    public List<ProductStore.Details> products() {
        return db.tx(ProductStore::allDetails);
    }

    public ProductStore.Details product(String id) {
        return db.tx(c -> existing(c, id));
    }

    /** Trial terms: 0 days = no trial. Licenses already in a trial keep the end they were given. */
    public ProductStore.Details setTrial(String productId, int days) {
        return db.tx(c -> {
            existing(c, productId);
            ProductStore.setTrialDays(c, productId, days);
            return ProductStore.details(c, productId);
        });
    }

    public ProductStore.Details addFeature(String productId, String featureId, String nameEn, String nameRu,
                                           int seats) {
        return db.tx(c -> {
            existing(c, productId);
            if (ProductStore.grants(c, productId, featureId)) {
                throw new ApiException(ErrorCode.E_FEATURE_EXISTS, "id");
            }
            ProductStore.grant(c, productId, featureId, nameEn, nameRu, seats);
            return ProductStore.details(c, productId);
        });
    }

    /** @param days null: the product's term */
    public Batch createCoupons(String productId, Integer days, int count) {
        if (count < 1 || count > MAX_BATCH) {
            throw new IllegalArgumentException("1 to " + MAX_BATCH + " coupons per batch, not " + count);
        }
        return db.tx(c -> {
            ProductStore.Details product = existing(c, productId);
            int granted = days == null ? product.termDays() : days;
            String batchId = "B" + Codes.newCoupon().substring(5, 10) + Codes.newCoupon().substring(11, 16);
            long now = clock.instant().getEpochSecond();
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String code = Codes.newCoupon();
                CouponStore.insertInBatch(c, Codes.hash(code), productId, granted, batchId, now);
                codes.add(code);
            }
            return new Batch(batchId, productId, granted, codes);
        });
    }

    public List<CouponStore.Listed> coupons(String batchId, String productId, int limit) {
        return db.tx(c -> CouponStore.list(c, batchId, productId, limit));
    }

    /** Revokes unused coupons: by code (normalized), and every unused one of a batch. */
    public Revoked revokeCoupons(List<String> codes, String batchId) {
        return db.tx(c -> {
            long now = clock.instant().getEpochSecond();
            int revoked = 0;
            int notRevoked = 0;
            for (String code : codes) {
                int n = CouponStore.revoke(c, Codes.hash(code), now);
                revoked += n;
                notRevoked += 1 - n;
            }
            if (batchId != null) {
                int total = CouponStore.countBatch(c, batchId);
                if (total == 0) {
                    throw new ApiException(ErrorCode.E_UNKNOWN_COUPON, "batch");
                }
                int n = CouponStore.revokeBatch(c, batchId, now);
                revoked += n;
                notRevoked += total - n;
            }
            return new Revoked(revoked, notRevoked);
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

    private static ProductStore.Details existing(java.sql.Connection c, String id) throws java.sql.SQLException {
        ProductStore.Details product = ProductStore.details(c, id);
        if (product == null) {
            throw new ApiException(ErrorCode.E_UNKNOWN_PRODUCT, "productId");
        }
        return product;
    }
}
