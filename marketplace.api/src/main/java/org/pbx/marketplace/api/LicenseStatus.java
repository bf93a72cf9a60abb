package org.pbx.marketplace.api;

/**
 * Where the PBX stands with its license.
 */
public enum LicenseStatus {
    /** No key: the PBX and every free module work; paid features are off. */
    UNREGISTERED,
    /** A key is set but the vendor has not confirmed it yet (it could not be reached); nothing is licensed yet. */
    PENDING,
    /** The vendor confirmed the key recently; licensed features are on. */
    ACTIVE,
    /** The vendor can't be reached; the last token still counts until its offlineUntil. */
    GRACE,
    /** The token (or every product in it) expired, or offlineUntil passed without contact. */
    EXPIRED,
    /** The vendor revoked the key (a signed refusal). */
    REVOKED,
    /** The key is unknown to the vendor or bound to another installation (a signed refusal). */
    INVALID
}
