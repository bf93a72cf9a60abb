package org.pbx.marketplace.impl.internal.protocol;

/**
 * The way to the vendor's server, shared inside this bundle: the license component owns the
 * server URL, the pinned vendor keys and the installation identity; the catalog uses the same.
 */
public interface VendorChannel {

    /** A client and a verifier for the configured server and its pinned keys. */
    final class Connection {
        public final VendorClient client;
        /** Verifies catalog documents (timestamp, catalog): the catalog role's keys of the trusted root. */
        public final JwsVerifier verifier;
        /** The version of the trust root the verifier's keys come from; changes when the vendor rotates or revokes. */
        public final long trustVersion;

        public Connection(VendorClient client, JwsVerifier verifier) {
            this(client, verifier, 0);
        }

        public Connection(VendorClient client, JwsVerifier verifier, long trustVersion) {
            this.client = client;
            this.verifier = verifier;
            this.trustVersion = trustVersion;
        }
    }

    /**
     * @return the connection
     * @throws org.pbx.marketplace.api.LicenseException if the server URL is invalid, no trust root is
     *         configured, or the trusted root expired
     */
    Connection connection() throws org.pbx.marketplace.api.LicenseException;

    /**
     * @return the full license key, or null when unregistered
     */
    String licenseKey();

    /**
     * Runs {@code listener} (quickly, on the caller's thread) whenever the trusted root changes: configured
     * at last, or a newer version reached. The catalog then fetches at once instead of at its next retry.
     */
    void onTrustChange(Runnable listener);

    /** Stops telling {@code listener}. */
    void removeTrustListener(Runnable listener);
}
