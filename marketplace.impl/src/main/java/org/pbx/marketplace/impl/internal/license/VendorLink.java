package org.pbx.marketplace.impl.internal.license;

import java.security.PublicKey;
import java.util.Map;

import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.impl.internal.license.LicenseEngine.Level;
import org.pbx.marketplace.impl.internal.license.LicenseEngine.Log;
import org.pbx.marketplace.impl.internal.protocol.InstallationIdentity;
import org.pbx.marketplace.impl.internal.protocol.JwsVerifier;
import org.pbx.marketplace.impl.internal.protocol.VendorChannel;
import org.pbx.marketplace.impl.internal.protocol.VendorClient;

/**
 * The way to the vendor as the settings describe it: the HTTP client, the verifier of the pinned
 * vendor keys and the license protocol over them, built on first use and rebuilt when the
 * settings change. Its own lock guards only that construction (and the one-time learning of the
 * keys from a loopback server); the license state never waits for it.
 */
final class VendorLink {

    /** Where pinned keys learned from the local server are kept. */
    interface KeyPinning {
        Map<String, String> pinned();

        void pin(Map<String, String> learned) throws LicenseException;
    }

    private final InstallationIdentity identity;
    private final LicenseClock clock;
    private final KeyPinning pinning;
    private final Log log;
    private volatile Settings settings;
    private LicenseProtocol protocol;
    private VendorChannel.Connection connection;

    VendorLink(InstallationIdentity identity, LicenseClock clock, KeyPinning pinning, Log log) {
        this.identity = identity;
        this.clock = clock;
        this.pinning = pinning;
        this.log = log;
    }

    /** The settings in use; null before the first {@link #reconfigure}. */
    Settings settings() {
        return settings;
    }

    /** Takes new settings; the next call builds a new client if the way to the vendor changed. */
    synchronized void reconfigure(Settings next) {
        if (!next.sameEndpoint(settings)) {
            protocol = null;
            connection = null;
        }
        settings = next;
    }

    synchronized LicenseProtocol protocol() throws LicenseException {
        build();
        return protocol;
    }

    synchronized VendorChannel.Connection connection() throws LicenseException {
        build();
        return connection;
    }

    /** The configured keys, else the learned ones: what tokens on disk are checked with (no I/O). */
    Map<String, PublicKey> vendorKeys() {
        Settings current = settings;
        return Settings.decode(current.vendorKeysGiven ? current.vendorKeys : pinning.pinned());
    }

    /** A protocol that only verifies (no client): for the token kept on disk; null without keys. */
    LicenseProtocol verifierOnly() {
        Map<String, PublicKey> keys = vendorKeys();
        return keys.isEmpty() ? null : new LicenseProtocol(null, new JwsVerifier(keys), identity.id(), clock);
    }

    /** The stored record's token, verified again (signature, installation, key); null if there is none usable. */
    Token restore(LicenseStore.Record record) {
        LicenseProtocol verifier = verifierOnly();
        if (verifier == null) {
            return null;
        }
        try {
            return verifier.restore(record.token, record.key);
        } catch (org.pbx.marketplace.impl.internal.protocol.ProtocolException e) {
            log.log(Level.WARN, "The stored license token does not verify (" + e.getMessage() + "); checking with the server");
            return null;
        }
    }

    private void build() throws LicenseException {
        if (protocol != null) {
            return;
        }
        Settings current = settings;
        if (current.serverUrl == null) {
            throw new LicenseException(current.problem);
        }
        VendorClient client;
        try {
            client = new VendorClient(current.serverUrl, current.connectTimeout, current.requestTimeout,
                    current.maxResponseBytes, identity, clock);
        } catch (IllegalArgumentException e) {
            throw new LicenseException(Reason.CONFIG_SERVER_URL.dto(current.serverUrl, e.getMessage()));
        }
        Map<String, PublicKey> keys = vendorKeys();
        if (keys.isEmpty() && !current.vendorKeysGiven && VendorKeysBootstrap.allowed(client)) {
            Map<String, String> learned = VendorKeysBootstrap.fetch(client);
            pinning.pin(learned);
            keys = vendorKeys();
            log.log(Level.INFO, "Pinned vendor keys " + learned.keySet() + " learned from the local server");
        }
        if (keys.isEmpty()) {
            throw new LicenseException(current.problem != null ? current.problem : Reason.NO_VENDOR_KEYS.dto());
        }
        JwsVerifier verifier = new JwsVerifier(keys);
        connection = new VendorChannel.Connection(client, verifier);
        protocol = new LicenseProtocol(client, verifier, identity.id(), clock);
    }
}
