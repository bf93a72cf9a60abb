package org.pbx.marketplace.impl.internal.license;

import java.security.PublicKey;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.api.dto.LicenseDTO;
import org.pbx.marketplace.impl.internal.license.LicenseEngine.Level;
import org.pbx.marketplace.impl.internal.protocol.InstallationIdentity;
import org.pbx.marketplace.impl.internal.protocol.JwsVerifier;
import org.pbx.marketplace.impl.internal.trust.TrustRoot;

/**
 * Activation without a network: a signed request file the admin carries to the vendor's cabinet, and
 * the token file made for it imported back ({@link OfflineActivation} has the documents). The
 * request's nonce and key are stored first, so a restart between the two loses nothing.
 */
final class OfflineActivator {

    private final InstallationIdentity identity;
    private final LicenseMachine machine;
    private final VendorLink link;
    private final Clock clock;
    private final LicenseEngine.Log log;
    private final Supplier<LicenseDTO> license;

    OfflineActivator(InstallationIdentity identity, LicenseMachine machine, VendorLink link, Clock clock,
                     LicenseEngine.Log log, Supplier<LicenseDTO> license) {
        this.identity = identity;
        this.machine = machine;
        this.link = link;
        this.clock = clock;
        this.log = log;
        this.license = license;
    }

    /** Remembers the request's nonce and key on disk first, so a restart before the import loses nothing. */
    String request(String key) throws LicenseException {
        String normalized = Keys.normalize(key);
        if (!Keys.isKey(normalized)) {
            throw new LicenseException(Reason.KEY_FORMAT.dto());
        }
        String nonce = OfflineActivation.nonce();
        machine.update(next -> {
            next.offlineNonce = nonce;
            next.offlineKey = normalized;
            return next;
        });
        log.log(Level.INFO, "Offline activation request made for license key " + Keys.mask(normalized));
        return OfflineActivation.request(identity, normalized, nonce, clock.millis());
    }

    LicenseDTO importToken(String tokenFile) throws LicenseException {
        LicenseStore.Record requested = machine.record();
        if (requested.offlineNonce == null || requested.offlineKey == null) {
            throw new LicenseException(Reason.OFFLINE_NO_REQUEST.dto());
        }
        Map<String, PublicKey> keys = link.keys(TrustRoot.LICENSE);
        if (keys.isEmpty()) {
            throw new LicenseException(Reason.NO_TRUST_ROOT.dto(link.trustProblem()));
        }
        String key = requested.offlineKey;
        Token accepted = OfflineActivation.verify(new JwsVerifier(keys), identity.id(), tokenFile,
                requested.offlineNonce, key, clock.millis());
        machine.accept(machine.ticket(), key, accepted, true);
        // The request is answered: the same token file can't be imported twice.
        machine.update(next -> {
            if (requested.offlineNonce.equals(next.offlineNonce)) {
                next.offlineNonce = null;
                next.offlineKey = null;
            }
            return next;
        });
        log.log(Level.INFO, "License key " + Keys.mask(key) + " activated offline");
        return license.get();
    }
}
