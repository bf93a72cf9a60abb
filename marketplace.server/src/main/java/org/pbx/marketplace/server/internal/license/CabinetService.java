package org.pbx.marketplace.server.internal.license;

import java.time.Clock;
import java.util.List;
import org.pbx.marketplace.server.internal.crypto.Codes;
import org.pbx.marketplace.server.internal.error.ApiException;
import org.pbx.marketplace.server.internal.error.ErrorCode;
import org.pbx.marketplace.server.internal.mail.MailOutbox;
import org.pbx.marketplace.server.internal.store.CouponStore;
import org.pbx.marketplace.server.internal.store.Database;
import org.pbx.marketplace.server.internal.store.LicenseStore;
import org.pbx.marketplace.server.internal.store.Rows.Binding;
import org.pbx.marketplace.server.internal.store.Rows.Coupon;
import org.pbx.marketplace.server.internal.store.Rows.License;

/** What the owner can see and do in the client cabinet, once logged in with a key or a used coupon. */
public final class CabinetService {
    /** @param featureNames feature id → {English, Russian} name, for the features that have names */
    public record View(License license, Entitlements entitlements, List<Binding> bindings,
                       java.util.Map<String, String[]> featureNames) {
    }

    /** What a coupon login may see: the coupon's product on the license it was spent on. */
    public record CouponView(String productId, int days, String status, List<Entitlements.ProductGrant> products) {
    }

    private final Database db;
    private final Clock clock;
    private final MailOutbox outbox;

    public CabinetService(Database db, Clock clock, MailOutbox outbox) {
        this.db = db;
        this.clock = clock;
        this.outbox = outbox;
    }

    public boolean mailEnabled() {
        return outbox.enabled();
    }

    /** Queues the keys of the address to that address, if it holds any; tells the caller nothing. */
    public void mailLostKeys(String emailNorm, String language) {
        db.tx(c -> {
            outbox.queueLostKeys(c, emailNorm, language, clock.instant().getEpochSecond());
            return null;
        });
        outbox.wake();
    }

    public org.pbx.marketplace.server.internal.store.OutboxStore.Counts outboxCounts() {
        return outbox.counts();
    }

    public long loginWithKey(String key) {
        return db.tx(c -> {
            License license = LicenseStore.byKeyHash(c, Codes.hash(key));
            if (license == null) {
                throw new ApiException(ErrorCode.E_UNKNOWN_KEY, "key");
            }
            return license.id();
        });
    }

    /** A coupon opens the license it was spent on, as the seed's cabinet allows. */
    public long loginWithCoupon(String coupon) {
        return db.tx(c -> {
            Coupon found = CouponStore.find(c, Codes.hash(coupon));
            if (found == null) {
                throw new ApiException(ErrorCode.E_UNKNOWN_COUPON, "key");
            }
            if (found.usedBy() == null) {
                throw new ApiException(ErrorCode.E_COUPON_NOT_ACTIVATED, "key");
            }
            return found.usedBy();
        });
    }

    /** @return null when the coupon no longer opens this license (unknown, revoked, spent elsewhere) */
    public CouponView couponView(long licenseId, String coupon) {
        if (coupon == null) {
            return null;
        }
        return db.tx(c -> {
            Coupon found = CouponStore.find(c, Codes.hash(coupon));
            License license = LicenseStore.byId(c, licenseId);
            if (found == null || found.usedBy() == null || found.usedBy() != licenseId || license == null) {
                return null;
            }
            return new CouponView(found.productId(), found.days(), license.status(), Entitlements.of(c, licenseId)
                    .products().stream().filter(p -> p.id().equals(found.productId())).toList());
        });
    }

    public View view(long licenseId) {
        return db.tx(c -> new View(LicenseStore.byId(c, licenseId), Entitlements.of(c, licenseId),
                LicenseStore.bindings(c, licenseId), org.pbx.marketplace.server.internal.store.ProductStore.featureNames(c)));
    }

    public void release(long licenseId, String installationId) {
        db.tx(c -> {
            LicenseStore.lockById(c, licenseId);
            if (LicenseStore.release(c, licenseId, installationId)) {
                // The released PBX hears of it at its next check (protocol §4.2, E_SEAT_RELEASED).
                LicenseStore.markReleased(c, licenseId, installationId, clock.instant().getEpochSecond());
            }
            return null;
        });
    }

    /** @return false when the coupon was applied to this license before: nothing changed (protocol §5.5) */
    public boolean activateCoupon(long licenseId, String coupon) {
        return db.tx(c -> {
            License license = LicenseStore.lockById(c, licenseId);
            Coupon before = CouponStore.find(c, Codes.hash(coupon));
            boolean again = before != null && before.usedBy() != null && before.usedBy() == licenseId;
            LicenseRules.applyCoupon(c, license, coupon, clock.instant().getEpochSecond());
            return !again;
        });
    }
}
