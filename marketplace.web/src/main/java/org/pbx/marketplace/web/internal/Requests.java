package org.pbx.marketplace.web.internal;

/**
 * The bodies of the license calls: exactly these fields, anything else is refused as unknown.
 */
final class Requests {

    private Requests() {
    }

    /** PUT /license/key. */
    public static class Key {
        public String key;
    }

    /** POST /license/coupons. */
    public static class Coupon {
        public String coupon;
    }

    /** POST /license/trials. */
    public static class Trial {
        public String productId;
    }

    /** POST /license/offline-token: the token file's content. */
    public static class OfflineToken {
        public String token;
    }

    /** POST /modules/{id}/install. */
    public static class Install {
        public String version;
    }

    /** POST /modules/{id}/downgrade. */
    public static class Downgrade {
        public String version;
        /** The admin confirmed a release that security advisories cover. */
        public Boolean confirmAdvisories;
    }
}
