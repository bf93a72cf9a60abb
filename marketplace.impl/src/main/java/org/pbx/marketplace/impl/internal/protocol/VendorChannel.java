package org.pbx.marketplace.impl.internal.protocol;

/**
 * The way to the vendor's server, shared inside this bundle: the license component owns the
 * server URL, the pinned vendor keys and the installation identity; the catalog uses the same.
 */
public interface VendorChannel {

    /** A client and a verifier for the configured server and its pinned keys. */
    final class Connection {
        public final VendorClient client;
        public final JwsVerifier verifier;

        public Connection(VendorClient client, JwsVerifier verifier) {
            this.client = client;
            this.verifier = verifier;
        }
    }

    /**
     * @return the connection
     * @throws org.pbx.marketplace.api.LicenseException if the server URL is invalid or no vendor key is known
     */
    Connection connection() throws org.pbx.marketplace.api.LicenseException;

    /**
     * @return the full license key, or null when unregistered
     */
    String licenseKey();
}
