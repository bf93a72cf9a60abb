package org.pbx.marketplace.impl.internal.license;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.impl.internal.protocol.InstallationIdentity;
import org.pbx.marketplace.impl.internal.protocol.JwsVerifier;
import org.pbx.marketplace.impl.internal.protocol.ProtocolException;
import org.pbx.marketplace.impl.internal.protocol.VendorChannel;
import org.pbx.marketplace.impl.internal.protocol.VendorClient;
import org.pbx.marketplace.impl.internal.protocol.VendorUnreachableException;
import org.pbx.marketplace.impl.internal.trust.TrustChain;
import org.pbx.marketplace.impl.internal.trust.TrustException;
import org.pbx.marketplace.impl.internal.trust.TrustRoot;

/**
 * The way to the vendor: the client for the configured server, the chain of trust from the
 * configured root (following the vendor's newer roots), and the verifiers made from it. Its own
 * lock guards only these fields and is never held while talking to the vendor; following the
 * roots is done by one caller at a time, the others use the root there is.
 */
final class VendorLink {

    private final Object lock = new Object();
    private final ReentrantLock walking = new ReentrantLock();
    private final InstallationIdentity identity;
    private final Path trustFile;
    private final Clock clock;
    private final LicenseEngine.Log log;
    /** Told (on the caller's thread) when the trusted root changes. */
    private final List<Runnable> trustListeners = new CopyOnWriteArrayList<>();
    /** The state machine's: a newer root may no longer trust the token's key. */
    private final Consumer<LicenseMachine.Restorer> rootChanged;

    // Guarded by lock.
    private Settings settings;
    /** The vendor's roots from the configured one on; null when none is configured or it is not valid. */
    private TrustChain chain;
    /** Why {@link #chain} is null. */
    private String trustProblem;
    /** The last refused next root, logged once. */
    private String refusedRoot;
    private VendorClient client;
    private LicenseProtocol protocol;
    private VendorChannel.Connection connection;
    private SelfReport self = SelfReport.none();

    VendorLink(InstallationIdentity identity, Path trustFile, Clock clock, LicenseEngine.Log log,
               Consumer<LicenseMachine.Restorer> rootChanged) {
        this.identity = identity;
        this.trustFile = trustFile;
        this.clock = clock;
        this.log = log;
        this.rootChanged = rootChanged;
    }

    /** Takes new settings; reopens the chain of trust when {@code trustChanged} (file I/O, no vendor). */
    void configure(Settings next, boolean trustChanged) {
        synchronized (lock) {
            Settings before = settings;
            settings = next;
            if (before == null || !Objects.equals(next.serverUrl, before.serverUrl) || !next.connectTimeout.equals(before.connectTimeout)
                    || !next.requestTimeout.equals(before.requestTimeout) || next.maxResponseBytes != before.maxResponseBytes) {
                client = null;
                protocol = null;
                connection = null;
            }
            if (trustChanged) {
                openTrust();
            }
        }
        if (trustChanged) {
            trustListeners.forEach(Runnable::run);
        }
    }

    /** What the license requests tell the vendor about this PBX from now on. */
    void describe(SelfReport report) {
        synchronized (lock) {
            self = report;
            protocol = null;
        }
    }

    /** The stored token if it still verifies against the trusted root (no vendor call), else null. */
    Token restore(String jws, String key) {
        if (jws == null || key == null) {
            return null;
        }
        Map<String, PublicKey> keys = keys(TrustRoot.LICENSE);
        if (keys.isEmpty()) {
            return null;
        }
        try {
            return new LicenseProtocol(null, new JwsVerifier(keys), identity.id(), clock).restore(jws, key);
        } catch (ProtocolException e) {
            log.log(LicenseEngine.Level.WARN, "The stored license token does not verify (" + e.getMessage() + "); checking with the server");
            return null;
        }
    }

    /** The keys of {@code role} in the trusted root; empty when there is none. */
    Map<String, PublicKey> keys(String role) {
        synchronized (lock) {
            return chain == null ? Map.of() : chain.current().keys(role);
        }
    }

    String trustProblem() {
        synchronized (lock) {
            return trustProblem;
        }
    }

    /** The license protocol of the configured server and trusted root; follows newer roots first. */
    LicenseProtocol protocol() throws LicenseException {
        ready();
        synchronized (lock) {
            return protocol;
        }
    }

    /** The client and verifier the catalog shares with the license. */
    VendorChannel.Connection connection() throws LicenseException {
        ready();
        synchronized (lock) {
            return connection;
        }
    }

    void onTrustChange(Runnable listener) {
        trustListeners.add(listener);
    }

    void removeTrustListener(Runnable listener) {
        trustListeners.remove(listener);
    }

    private void ready() throws LicenseException {
        VendorClient vendor;
        TrustChain trusted;
        synchronized (lock) {
            vendor = client();
            trusted = chain;
        }
        walk(vendor, trusted);
        synchronized (lock) {
            // The settings may have changed during the walk: the client and chain are taken again.
            VendorClient current = client();
            TrustRoot root = chain.current();
            if (root.expired(clock.millis())) {
                throw new LicenseException(Reason.ROOT_EXPIRED.dto(root.version, Technical.date(Instant.ofEpochMilli(root.expiresAt))));
            }
            if (protocol == null || connection.trustVersion != root.version) {
                // License answers and catalogs each verify against their own role's keys only.
                connection = new VendorChannel.Connection(current, new JwsVerifier(root.keys(TrustRoot.CATALOG)), root.version);
                protocol = new LicenseProtocol(current, new JwsVerifier(root.keys(TrustRoot.LICENSE)), identity.id(), clock, self);
            }
        }
    }

    /** The client for the configured server, made when first needed; under lock. */
    private VendorClient client() throws LicenseException {
        if (settings.serverProblem != null) {
            throw new LicenseException(Reason.SERVER_URL_INVALID.dto(settings.serverProblem));
        }
        if (chain == null) {
            throw new LicenseException(Reason.NO_TRUST_ROOT.dto(trustProblem));
        }
        if (client == null) {
            // The request's time is checked against the server's clock: the system's, not the engine's.
            client = new VendorClient(settings.serverUrl, settings.connectTimeout, settings.requestTimeout,
                    settings.maxResponseBytes, identity, Clock.systemUTC());
        }
        return client;
    }

    /**
     * Follows the vendor's newer roots, if any. A root that is not to be believed is logged (once) and
     * ignored: the PBX keeps the root it has, and answers signed only by the new keys fail to verify.
     */
    private void walk(VendorClient vendor, TrustChain trusted) throws LicenseException {
        if (!walking.tryLock()) {
            return; // another call is asking the vendor for its roots: this one doesn't wait for it
        }
        try {
            long before = trusted.current().version;
            try {
                trusted.walk(version -> rootDocument(vendor, version));
            } catch (TrustException e) {
                String message = Reason.ROOT_REFUSED.dto(e.getMessage(), trusted.current().version).message.get("en");
                boolean told;
                synchronized (lock) {
                    told = message.equals(refusedRoot);
                    refusedRoot = message;
                }
                if (!told) {
                    log.log(LicenseEngine.Level.WARN, message);
                }
            } catch (VendorUnreachableException e) {
                return; // the request that follows meets the same server and says so
            } catch (IOException e) {
                throw new LicenseException(Reason.STORAGE_FAILED.dto(e.getMessage()), e);
            }
            TrustRoot root = trusted.current();
            if (root.version == before) {
                return;
            }
            log.log(LicenseEngine.Level.INFO, "Trusting root version " + root.version + " of the vendor " + root.vendor + " now (was "
                    + before + "): " + describe(root));
            rootChanged.accept(this::restore);
            trustListeners.forEach(Runnable::run);
        } finally {
            walking.unlock();
        }
    }

    /** Starts the chain of trust from the configured root (and the steps stored after it). */
    private void openTrust() {
        chain = null;
        trustProblem = settings.trustProblem;
        protocol = null;
        connection = null;
        if (settings.trustRoot != null) {
            try {
                chain = TrustChain.open(trustFile, settings.trustRoot);
                TrustRoot root = chain.current();
                log.log(LicenseEngine.Level.INFO, "Trusting the vendor " + root.vendor + ", root version " + root.version + ": " + describe(root));
            } catch (TrustException e) {
                trustProblem = "the configured trust root is not valid, " + e.getMessage();
            } catch (IOException e) {
                trustProblem = "the trust root could not be stored in the data folder, " + e.getMessage();
            }
        }
        if (chain == null) {
            log.log(LicenseEngine.Level.WARN, Reason.NO_TRUST_ROOT.dto(trustProblem).message.get("en"));
        }
    }

    private static String describe(TrustRoot root) {
        return "license keys " + root.keys(TrustRoot.LICENSE).keySet() + ", catalog keys " + root.keys(TrustRoot.CATALOG).keySet();
    }

    private static String rootDocument(VendorClient client, long version) throws VendorUnreachableException {
        VendorClient.Answer answer = client.get("/v1/root/" + version + ".json", Map.of(), false);
        if (answer.status == 404) {
            return null;
        }
        if (answer.status != 200 || !answer.isJson()) {
            throw new VendorUnreachableException("GET /v1/root/" + version + ".json answered HTTP " + answer.status);
        }
        return answer.text();
    }
}
