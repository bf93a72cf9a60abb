package org.pbx.marketplace.server.internal.cabinet;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.pbx.marketplace.server.internal.crypto.Codec;
import org.pbx.marketplace.server.internal.crypto.KeyVault;
import org.pbx.marketplace.server.internal.store.Database;
import org.pbx.marketplace.server.internal.store.SessionStore;

/**
 * Cabinet sessions in the database, so a login on one node is good on every other. The id is 256
 * random bits and only its hash is stored; the key a session was opened with is stored sealed by the
 * vault (shared by the nodes through the data folder), never readable. Idle sessions expire; one
 * license keeps at most {@link #PER_LICENSE} sessions (a new login ends its oldest), and expired ones
 * are swept, so the table stays bounded.
 */
final class Sessions {
    static final int PER_LICENSE = 20;

    /**
     * A live session: the license, the key it was opened with (null after a coupon login), the coupon
     * it was opened with (null after a key login), the pending note.
     */
    record Session(String token, long licenseId, String licenseKey, String coupon, String flash) {
        /** A coupon login sees what its coupon did and nothing else (CouponPage). */
        boolean byCoupon() {
            return licenseKey == null;
        }
    }

    /** Marks the sealed value of a coupon login: a coupon's code never looks like a key (Codes). */
    private static final String COUPON = "coupon:";

    /** Lookup outcome: a live session, an expired one (to say so), or none. */
    record Lookup(Session session, boolean expired) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Database db;
    private final KeyVault vault;
    private final Clock clock;
    private final Duration idle;

    Sessions(Database db, KeyVault vault, Clock clock, Duration idle) {
        this.db = db;
        this.vault = vault;
        this.clock = clock;
        this.idle = idle;
    }

    Duration idle() {
        return idle;
    }

    /** @param licenseKey the key logged in with, or null for a coupon login; then {@code coupon} is its code */
    String create(long licenseId, String licenseKey, String coupon) {
        byte[] id = new byte[32];
        random.nextBytes(id);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        String idHash = hash(token);
        String opened = licenseKey != null ? licenseKey : coupon == null ? null : COUPON + coupon;
        String sealed = opened == null ? null : vault.seal(opened, idHash);
        long now = now();
        db.tx(c -> {
            SessionStore.insert(c, idHash, licenseId, sealed, now, now + idle.toSeconds());
            SessionStore.trim(c, licenseId, PER_LICENSE);
            return null;
        });
        return token;
    }

    Lookup find(String token) {
        if (token == null || token.length() > 64) {
            return new Lookup(null, false);
        }
        String idHash = hash(token);
        long now = now();
        return db.tx(c -> {
            SessionStore.Row row = SessionStore.find(c, idHash);
            if (row == null) {
                return new Lookup(null, false);
            }
            if (row.expiresAt() <= now) {
                SessionStore.delete(c, idHash);
                return new Lookup(null, true);
            }
            SessionStore.touch(c, idHash, now + idle.toSeconds());
            String opened = row.keySealed() == null ? null : vault.open(row.keySealed(), idHash);
            boolean coupon = opened == null || opened.startsWith(COUPON);
            return new Lookup(new Session(token, row.licenseId(), coupon ? null : opened,
                    coupon && opened != null ? opened.substring(COUPON.length()) : null, row.flash()), false);
        });
    }

    /** Sets (or with null clears) the note the session's next page shows once. */
    void flash(Session session, String html) {
        String idHash = hash(session.token());
        db.tx(c -> {
            SessionStore.flash(c, idHash, html);
            return null;
        });
    }

    void remove(String token) {
        if (token != null) {
            String idHash = hash(token);
            db.tx(c -> {
                SessionStore.delete(c, idHash);
                return null;
            });
        }
    }

    private static String hash(String token) {
        return Codec.sha256Hex(token);
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
