package org.pbx.marketplace.server.internal.store;

import java.util.List;

/** Plain rows the stores hand out; no behaviour, so they change only when a table does. */
public final class Rows {
    private Rows() {
    }

    public record Feature(String id, int seats) {
    }

    public record Product(String id, String nameEn, String nameRu, int trialDays, List<Feature> features) {
    }

    public record Owner(String companyName, String contactName, String email, String phone, String companyId) {
    }

    public record License(long id, String status, long serial, Owner owner, String language, long createdAt) {
        public boolean revoked() {
            return "REVOKED".equals(status);
        }
    }

    public record LicenseProduct(String productId, boolean trial, long expiresAt) {
    }

    /** @param hostName what the PBX reported as its host name, or null; @param pbxVersion likewise its PBX version */
    public record Binding(String installationId, String publicKey, long boundAt, long lastSeen, String hostName,
                          String pbxVersion) {
    }

    /** What a PBX reports of itself on its requests (sanitized, bounded); either part null when not reported. */
    public record InstallationLabel(String hostName, String pbxVersion) {
        public static final InstallationLabel NONE = new InstallationLabel(null, null);
    }

    public record Coupon(String codeHash, String productId, int days, Long usedBy) {
    }
}
