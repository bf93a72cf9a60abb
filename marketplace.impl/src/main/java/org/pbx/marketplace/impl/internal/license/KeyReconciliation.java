package org.pbx.marketplace.impl.internal.license;

import java.util.Objects;

/**
 * The crash rules between the two places the key lives: the license store (written atomically,
 * the truth) and the Config Admin configuration (what the admin sees and edits; Felix's store can
 * lose it in a crash). Pure decisions on records, so each rule is tested without a crash.
 */
final class KeyReconciliation {

    /** What to do about a configured key that differs from the stored one. */
    enum Action {
        /** They agree, or the configured key is mistyped (said on the license, neither used nor cleared). */
        NOTHING,
        /** The configuration is lost or behind the store: write the stored key back into it. */
        RESTORE_CONFIGURATION,
        /** The admin emptied the key: unregister. */
        UNREGISTER,
        /** The admin entered another key: activate it. */
        ACTIVATE
    }

    private KeyReconciliation() {
    }

    /**
     * @param configured whether the configuration exists at all (absent: never made, or lost in a crash)
     * @param starting at the component's start, when a configuration equal to the record's previous key is
     *        one whose update the crash cut off, not an admin going back to an old key
     */
    static Action decide(Settings settings, boolean configured, boolean starting, LicenseStore.Record record) {
        if (settings.keyMistyped) {
            return Action.NOTHING;
        }
        String configuredKey = settings.licenseKey;
        if (Objects.equals(configuredKey, record.key)) {
            return Action.NOTHING;
        }
        if (!configured || (starting && Objects.equals(configuredKey, record.previousKey))) {
            return Action.RESTORE_CONFIGURATION;
        }
        return configuredKey == null ? Action.UNREGISTER : Action.ACTIVATE;
    }

    /**
     * The record after a verified token for {@code key}: a changed key remembers the one before it
     * (what the configuration holds until it is written, "none" included: a crash before that reads as a
     * stale configuration at the next start, and the key is put back, not as an admin who emptied it,
     * which would unregister the new key), and the old key's binding is queued for release.
     */
    static LicenseStore.Record accepted(LicenseStore.Record current, String key, Token token, long now) {
        LicenseStore.Record next = current.copy();
        String old = current.key;
        if (!Objects.equals(old, key)) {
            next.previousKey = old;
            if (old != null) {
                next.pendingRelease.add(old);
            }
        }
        next.key = key;
        next.token = token.jws;
        next.serial = token.serial;
        next.lastCheckAt = now;
        next.lastSeen = Math.max(next.lastSeen, Math.max(now, token.issuedAt));
        next.refusalStatus = null;
        next.refusalCode = null;
        next.refusalMessage = null;
        next.pendingRelease.remove(key);
        return next;
    }

    /**
     * The record after unregistering: the key becomes the previous one (a configuration still holding it
     * at the next start is stale, not an admin re-entering it) and its binding is queued for release,
     * which is done outside the lock and retried until the vendor confirms.
     */
    static LicenseStore.Record unregistered(LicenseStore.Record current) {
        LicenseStore.Record next = current.copy();
        next.previousKey = current.key;
        next.key = null;
        next.token = null;
        next.serial = 0;
        next.refusalStatus = null;
        next.refusalCode = null;
        next.refusalMessage = null;
        if (current.key != null && !next.pendingRelease.contains(current.key)) {
            next.pendingRelease.add(current.key);
        }
        return next;
    }
}
