package org.pbx.marketplace.server.internal.license;

import java.sql.Connection;
import java.sql.SQLException;
import org.pbx.marketplace.server.internal.crypto.Codes;
import org.pbx.marketplace.server.internal.error.ApiException;
import org.pbx.marketplace.server.internal.error.ErrorCode;
import org.pbx.marketplace.server.internal.store.CouponStore;
import org.pbx.marketplace.server.internal.store.LicenseStore;
import org.pbx.marketplace.server.internal.store.Rows.Binding;
import org.pbx.marketplace.server.internal.store.Rows.Coupon;
import org.pbx.marketplace.server.internal.store.Rows.License;
import org.pbx.marketplace.server.internal.store.Rows.LicenseProduct;

/** The decisions shared by the protocol and the cabinet: who may use a key, and what a coupon adds. */
final class LicenseRules {
    static final long DAY = 86_400;

    private LicenseRules() {
    }

    /**
     * The license an installation may act on, or a refusal; binds nothing (callers do, once all checks pass).
     * Locks the license row for the caller's transaction: the binding check and the bind that follows must not
     * interleave with another installation's, or two PBXs could both bind one key.
     */
    static License authorize(Connection c, String licenseKey, String installationId, boolean requireActive, long now)
            throws SQLException {
        return authorize(c, licenseKey, installationId, requireActive, false, now);
    }

    /**
     * @param tellRelease a signed answer follows: an installation whose seat the owner released in the cabinet is
     *        refused once with E_SEAT_RELEASED, which the refusal's transaction forgets, so its next request binds
     *        again (an older PBX that does not know the code keeps working after its admin asks again)
     */
    static License authorize(Connection c, String licenseKey, String installationId, boolean requireActive,
                             boolean tellRelease, long now) throws SQLException {
        License license = LicenseStore.lockByKeyHash(c, Codes.hash(licenseKey));
        if (license == null) {
            throw new Refusal(ErrorCode.E_UNKNOWN_KEY);
        }
        if (license.revoked()) {
            throw new Refusal(ErrorCode.E_KEY_REVOKED);
        }
        if (tellRelease) {
            long releasedAt = LicenseStore.takeReleased(c, license.id(), installationId);
            if (releasedAt > 0) {
                throw new Refusal(ErrorCode.E_SEAT_RELEASED, releasedAt);
            }
        }
        for (Binding binding : LicenseStore.bindings(c, license.id())) {
            if (!binding.installationId().equals(installationId)) {
                throw new Refusal(ErrorCode.E_BOUND_ELSEWHERE);
            }
        }
        if (requireActive && !Entitlements.of(c, license.id()).anyActive(now)) {
            throw new Refusal(ErrorCode.E_LICENSE_EXPIRED);
        }
        return license;
    }

    /**
     * Spends a coupon on a license: adds its product or extends it from the later of now and its
     * current expiry. Activating the same coupon again on the same license changes nothing and is no error.
     */
    static void applyCoupon(Connection c, License license, String coupon, long now) throws SQLException {
        String hash = Codes.hash(coupon);
        // Locked: a second activation of the coupon waits, then sees it used (by this license: no change).
        Coupon found = CouponStore.lock(c, hash);
        if (found == null) {
            throw new ApiException(ErrorCode.E_UNKNOWN_COUPON, "coupon");
        }
        if (found.usedBy() != null) {
            if (found.usedBy() == license.id()) {
                return;
            }
            throw new ApiException(ErrorCode.E_COUPON_USED, "coupon");
        }
        LicenseProduct held = LicenseStore.products(c, license.id()).stream()
                .filter(p -> p.productId().equals(found.productId())).findFirst().orElse(null);
        long from = held == null ? now : Math.max(now, held.expiresAt());
        LicenseStore.putProduct(c, license.id(), new LicenseProduct(found.productId(), false, from + found.days() * DAY));
        if (!CouponStore.markUsed(c, hash, license.id(), now)) {
            throw new ApiException(ErrorCode.E_COUPON_USED, "coupon");
        }
    }
}
