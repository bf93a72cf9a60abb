package org.pbx.marketplace.impl.testsupport;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.pbx.marketplace.impl.internal.catalog.CatalogConfiguration;
import org.pbx.marketplace.impl.internal.protocol.InstallationIdentity;
import org.pbx.marketplace.impl.internal.protocol.VendorClient;
import org.pbx.marketplace.impl.internal.protocol.VendorUnreachableException;

/**
 * The PBX's own requests to a vendor server, sent by the product's client exactly as a PBX sends them
 * (its HTTP client, headers and request signature by the installation's key), for the fleet bench's
 * bytes-on-the-wire figures.
 */
public final class VendorRequests {

    private final VendorClient client;

    private VendorRequests(VendorClient client) {
        this.client = client;
    }

    /**
     * @param base           the vendor server's base URL
     * @param identityFolder the installation's key files (installation.key, installation.pub), created when missing
     * @return a client signing as that installation, with the product's connect and request timeouts
     * @throws IOException              when the key files cannot be read or written
     * @throws GeneralSecurityException when they hold no Ed25519 key pair
     */
    public static VendorRequests as(URI base, Path identityFolder) throws IOException, GeneralSecurityException {
        InstallationIdentity identity = InstallationIdentity.loadOrCreate(identityFolder);
        return new VendorRequests(new VendorClient(base, Duration.ofSeconds(5), Duration.ofSeconds(15), 1 << 20,
                identity, Clock.systemUTC()));
    }

    /** How often, in minutes, a PBX asks for the catalog's timestamp by default (the catalog configuration's default). */
    public static int defaultCatalogRefreshMinutes() {
        try {
            return (Integer) CatalogConfiguration.class.getMethod("refreshMinutes").getDefaultValue();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("CatalogConfiguration has no refreshMinutes", e);
        }
    }

    /**
     * A signed POST of a JSON body.
     *
     * @return the answer's HTTP status
     * @throws IOException when the server cannot be reached or does not answer in time
     */
    public int post(String path, byte[] json) throws IOException {
        try {
            return client.post(path, json).status;
        } catch (VendorUnreachableException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * An unsigned GET, as the PBX asks for the catalog's timestamp.
     *
     * @return the answer's HTTP status
     * @throws IOException when the server cannot be reached or does not answer in time
     */
    public int get(String path) throws IOException {
        try {
            return client.get(path, Map.of(), false).status;
        } catch (VendorUnreachableException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
