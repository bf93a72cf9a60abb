package org.pbx.marketplace.impl.internal.license;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.api.LicenseListener;
import org.pbx.marketplace.api.dto.LicenseDTO;
import org.pbx.marketplace.api.dto.ReasonDTO;
import org.pbx.marketplace.api.dto.RegistrationDTO;
import org.pbx.marketplace.impl.internal.gating.GatingPublisher;
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
 * The license's state machine. Operations that change the license are serialized on one lock
 * and change nothing unless the vendor's answer verified and was stored; reads go to an
 * immutable {@link LicenseState} without a lock.
 */
final class LicenseEngine {

    enum Level { DEBUG, INFO, WARN, ERROR }

    interface Log {
        void log(Level level, String message);
    }

    private final Object lock = new Object();
    private final InstallationIdentity identity;
    private final LicenseStore store;
    private final GatingPublisher gating;
    private final KeyConfig keyConfig;
    private final Collection<LicenseListener> listeners;
    private final Log log;
    private final ScheduledExecutorService executor;
    private final Path trustFile;
    private final List<Runnable> trustListeners = new CopyOnWriteArrayList<>();

    private volatile LicenseState state = LicenseState.unregistered();
    private volatile Clock clock = Clock.systemUTC();
    /** The vendor's cabinet, from the configured server URL; read without the lock like the state. */
    private volatile String cabinetUrl;

    // Guarded by lock.
    private Settings settings;
    private LicenseStore.Record record = new LicenseStore.Record();
    private Token token;
    private String unreachable;
    private int failures;
    private long nextCheckAt;
    private LicenseProtocol protocol;
    private VendorChannel.Connection connection;
    private VendorClient client;
    /** The vendor's roots from the configured one on; null when none is configured or it is not valid. */
    private TrustChain chain;
    /** Why {@link #chain} is null. */
    private String trustProblem;
    /** The last refused next root, logged once. */
    private String refusedRoot;
    private ScheduledFuture<?> checkTask;
    private ScheduledFuture<?> boundaryTask;

    LicenseEngine(InstallationIdentity identity, LicenseStore store, Path trustFile, GatingPublisher gating,
                  KeyConfig keyConfig, Collection<LicenseListener> listeners, Log log) {
        this.identity = identity;
        this.trustFile = trustFile;
        this.store = store;
        this.gating = gating;
        this.keyConfig = keyConfig;
        this.listeners = listeners;
        this.log = log;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "marketplace-license");
            thread.setDaemon(true);
            return thread;
        });
        // Each refresh reschedules the next check; a cancelled one must not wait in the queue for hours.
        executor.setRemoveOnCancelPolicy(true);
        this.executor = executor;
    }

    boolean started() {
        synchronized (lock) {
            return settings != null;
        }
    }

    void start(Settings initial, boolean configured) {
        synchronized (lock) {
            settings = initial;
            cabinetUrl = initial.cabinetUrl();
            try {
                record = store.load();
            } catch (IOException e) {
                log.log(Level.ERROR, "The stored license could not be read (" + e.getMessage() + "); starting unregistered");
            }
            openTrust();
            token = restoreToken();
            publish();
            reconcileKey(configured, true);
            if (record.key != null || !record.pendingRelease.isEmpty()) {
                long due = token == null ? now() : token.issuedAt + (token.expiresAt - token.issuedAt) / 2;
                scheduleCheck(Math.max(0, due - now()));
            }
        }
    }

    void reconfigure(Settings next, boolean configured) {
        synchronized (lock) {
            boolean endpointChanged = !next.serverUrl.equals(settings.serverUrl)
                    || !next.connectTimeout.equals(settings.connectTimeout) || !next.requestTimeout.equals(settings.requestTimeout)
                    || next.maxResponseBytes != settings.maxResponseBytes;
            boolean trustChanged = !Objects.equals(next.trustRoot, settings.trustRoot)
                    || !Objects.equals(next.trustProblem, settings.trustProblem);
            settings = next;
            cabinetUrl = next.cabinetUrl();
            if (endpointChanged) {
                protocol = null;
                connection = null;
                client = null;
            }
            if (trustChanged) {
                openTrust();
                token = restoreToken();
                publish();
                if (record.key != null && token == null) {
                    scheduleCheck(0);
                }
            }
            reconcileKey(configured, false);
        }
    }

    void stop() {
        executor.shutdownNow();
        synchronized (lock) {
            gating.withdrawAll();
        }
    }

    void useClock(Clock replacement) {
        clock = replacement == null ? Clock.systemUTC() : replacement;
        executor.execute(() -> {
            synchronized (lock) {
                publish();
            }
        });
    }

    // ---- reads: no lock

    LicenseDTO license() {
        LicenseDTO dto = state.toDTO(identity.id());
        dto.cabinetUrl = cabinetUrl;
        return dto;
    }

    boolean isFeatureAvailable(String featureId) {
        return featureId != null && state.available.contains(featureId);
    }

    ReasonDTO whyUnavailable(String featureId) {
        return state.why(featureId);
    }

    String licenseKey() {
        return state.key;
    }

    // ---- operations

    LicenseDTO register(RegistrationDTO form) throws LicenseException {
        synchronized (lock) {
            if (record.key != null) {
                String email = form == null || form.email == null ? "" : form.email.trim();
                if (token != null && email.equalsIgnoreCase(token.owner.email)) {
                    return license();
                }
                throw new LicenseException(Reason.ALREADY_REGISTERED.dto());
            }
            checkForm(form);
            LicenseProtocol.Outcome outcome = call(p -> p.register(form));
            if (outcome.token == null) {
                throw new LicenseException(Reason.of(outcome.refusalCode, outcome.refusalMessage.get("en"), outcome.refusalMessage.get("ru")));
            }
            accept(Keys.normalize(outcome.token.licenseKey), outcome.token);
            log.log(Level.INFO, "Registered in the marketplace; license key " + Keys.mask(record.key));
            log.log(Level.DEBUG, "Registration of " + form.companyName + " <" + form.email + ">");
            LicenseDTO registered = license();
            registered.letterSent = outcome.letterSent;
            return registered;
        }
    }

    LicenseDTO activateKey(String key) throws LicenseException {
        String normalized = Keys.normalize(key);
        if (!Keys.isKey(normalized)) {
            throw new LicenseException(Reason.KEY_FORMAT.dto());
        }
        synchronized (lock) {
            LicenseProtocol.Outcome outcome = call(p -> p.validate(normalized));
            if (outcome.token != null) {
                accept(normalized, outcome.token);
                log.log(Level.INFO, "License key " + Keys.mask(normalized) + " activated");
                return license();
            }
            if (normalized.equals(record.key)) {
                refuse(outcome);
                return license();
            }
            throw new LicenseException(Reason.of(outcome.refusalCode, outcome.refusalMessage.get("en"), outcome.refusalMessage.get("ru")));
        }
    }

    LicenseDTO applyCoupon(String coupon) throws LicenseException {
        String normalized = Keys.normalize(coupon);
        if (!Keys.isCoupon(normalized)) {
            throw new LicenseException(Reason.COUPON_FORMAT.dto());
        }
        synchronized (lock) {
            String key = requireKey();
            return answer(key, call(p -> p.coupon(key, normalized)));
        }
    }

    LicenseDTO startTrial(String productId) throws LicenseException {
        if (productId == null || productId.isBlank()) {
            throw new LicenseException(Reason.FORM_INVALID.dto("productId"));
        }
        synchronized (lock) {
            String key = requireKey();
            return answer(key, call(p -> p.trial(key, productId.trim())));
        }
    }

    LicenseDTO refresh() throws LicenseException {
        synchronized (lock) {
            String key = requireKey();
            try {
                LicenseProtocol.Outcome outcome = protocol().validate(key);
                return answer(key, outcome);
            } catch (VendorUnreachableException e) {
                markUnreachable(e.getMessage());
                return license();
            }
        }
    }

    /** Remembers the request's nonce and key on disk first, so a restart before the import loses nothing. */
    String offlineActivationRequest(String key) throws LicenseException {
        String normalized = Keys.normalize(key);
        if (!Keys.isKey(normalized)) {
            throw new LicenseException(Reason.KEY_FORMAT.dto());
        }
        synchronized (lock) {
            String nonce = OfflineActivation.nonce();
            LicenseStore.Record next = record.copy();
            next.offlineNonce = nonce;
            next.offlineKey = normalized;
            save(next);
            log.log(Level.INFO, "Offline activation request made for license key " + Keys.mask(normalized));
            return OfflineActivation.request(identity, normalized, nonce, clock.millis());
        }
    }

    LicenseDTO importOfflineToken(String tokenFile) throws LicenseException {
        synchronized (lock) {
            if (record.offlineNonce == null || record.offlineKey == null) {
                throw new LicenseException(Reason.OFFLINE_NO_REQUEST.dto());
            }
            Map<String, PublicKey> keys = keys(TrustRoot.LICENSE);
            if (keys.isEmpty()) {
                throw new LicenseException(Reason.NO_TRUST_ROOT.dto(trustProblem));
            }
            String key = record.offlineKey;
            Token accepted = OfflineActivation.verify(new JwsVerifier(keys), identity.id(), tokenFile,
                    record.offlineNonce, key, clock.millis());
            accept(key, accepted);
            // The request is answered: the same token file can't be imported twice.
            LicenseStore.Record next = record.copy();
            next.offlineNonce = null;
            next.offlineKey = null;
            save(next);
            log.log(Level.INFO, "License key " + Keys.mask(key) + " activated offline");
            return license();
        }
    }

    void unregister() {
        synchronized (lock) {
            if (record.key == null) {
                return;
            }
            String key = record.key;
            LicenseStore.Record next = record.copy();
            next.previousKey = key;
            next.key = null;
            next.token = null;
            next.serial = 0;
            next.refusalStatus = null;
            try {
                protocol().release(key);
            } catch (LicenseException | VendorUnreachableException | RuntimeException e) {
                next.pendingRelease.add(key);
                log.log(Level.INFO, "The binding of " + Keys.mask(key) + " will be released when the server is reachable");
            }
            try {
                store.save(next);
            } catch (IOException e) {
                log.log(Level.ERROR, "Unregistered, but the data folder could not be written: " + e.getMessage());
            }
            record = next;
            token = null;
            unreachable = null;
            syncConfig();
            if (checkTask != null) {
                checkTask.cancel(false);
            }
            nextCheckAt = 0;
            publish();
            log.log(Level.INFO, "Unregistered from the marketplace (key " + Keys.mask(key) + ")");
        }
    }

    // ---- internals, all under lock

    private interface Call {
        LicenseProtocol.Outcome run(LicenseProtocol protocol) throws LicenseException, VendorUnreachableException;
    }

    private LicenseProtocol.Outcome call(Call call) throws LicenseException {
        try {
            return call.run(protocol());
        } catch (VendorUnreachableException e) {
            throw new LicenseException(Reason.SERVER_DOWN.dto(e.getMessage()));
        }
    }

    private LicenseDTO answer(String key, LicenseProtocol.Outcome outcome) throws LicenseException {
        if (outcome.token != null) {
            accept(key, outcome.token);
        } else {
            refuse(outcome);
        }
        return license();
    }

    private void accept(String key, Token accepted) throws LicenseException {
        if (key.equals(record.key) && accepted.serial < record.serial) {
            throw new LicenseException(Reason.ANSWER_UNTRUSTED.dto("an older token was replayed"));
        }
        LicenseStore.Record next = record.copy();
        String old = record.key;
        if (!Objects.equals(old, key)) {
            // What the configuration holds until syncConfig below, "none" included: a crash before the
            // configuration is written then reads as a stale configuration at the next start (and the key
            // is put back into it), not as an admin who emptied it (which would unregister the new key).
            next.previousKey = old;
        }
        if (old != null && !old.equals(key)) {
            next.pendingRelease.add(old);
        }
        next.key = key;
        next.token = accepted.jws;
        next.serial = accepted.serial;
        next.lastCheckAt = now();
        next.lastSeen = Math.max(next.lastSeen, Math.max(next.lastCheckAt, accepted.issuedAt));
        next.refusalStatus = null;
        next.refusalCode = null;
        next.refusalMessage = null;
        next.pendingRelease.remove(key);
        save(next);
        token = accepted;
        unreachable = null;
        failures = 0;
        if (!Objects.equals(old, key)) {
            syncConfig();
        }
        scheduleCheck(Math.max(1000, (accepted.expiresAt - accepted.issuedAt) / 2));
        publish();
        if (!record.pendingRelease.isEmpty()) {
            executor.execute(this::releasePending);
        }
    }

    private void refuse(LicenseProtocol.Outcome outcome) throws LicenseException {
        LicenseStore.Record next = record.copy();
        next.refusalStatus = outcome.refusedAs.name();
        next.refusalCode = outcome.refusalCode;
        next.refusalMessage = outcome.refusalMessage;
        next.lastCheckAt = now();
        save(next);
        unreachable = null;
        log.log(Level.WARN, "The vendor refused license key " + Keys.mask(record.key) + ": " + outcome.refusalCode);
        publish();
    }

    private void save(LicenseStore.Record next) throws LicenseException {
        next.lastSeen = Math.max(next.lastSeen, clock.millis());
        try {
            store.save(next);
        } catch (IOException e) {
            throw new LicenseException(Reason.STORAGE_FAILED.dto(e.getMessage()), e);
        }
        record = next;
    }

    private void markUnreachable(String why) {
        if (unreachable == null) {
            log.log(Level.WARN, "The marketplace server can't be reached (" + why + "); retrying with back-off");
        }
        unreachable = why;
        failures++;
        long base = settings.retryMin.toMillis() << Math.min(20, failures - 1);
        long delay = Math.min(settings.retryMax.toMillis(), base);
        // Jitter, so that PBXs that lost the server together don't all come back in the same second.
        delay = (long) (delay * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
        scheduleCheck(delay);
        publish();
    }

    private void scheduleCheck(long delayMillis) {
        if (checkTask != null) {
            checkTask.cancel(false);
        }
        nextCheckAt = now() + delayMillis;
        checkTask = executor.schedule(this::scheduledCheck, delayMillis, TimeUnit.MILLISECONDS);
    }

    private void scheduledCheck() {
        releasePending();
        synchronized (lock) {
            if (record.key == null) {
                return;
            }
            try {
                refresh();
            } catch (LicenseException e) {
                markUnreachable(Technical.underneath(e.reason()));
            }
        }
    }

    private void releasePending() {
        synchronized (lock) {
            if (record.pendingRelease.isEmpty()) {
                return;
            }
            List<String> remaining = new ArrayList<>();
            for (String key : record.pendingRelease) {
                try {
                    protocol().release(key);
                } catch (LicenseException | VendorUnreachableException e) {
                    remaining.add(key);
                }
            }
            if (remaining.size() != record.pendingRelease.size()) {
                LicenseStore.Record next = record.copy();
                next.pendingRelease = remaining;
                try {
                    save(next);
                } catch (LicenseException e) {
                    log.log(Level.WARN, e.getMessage());
                }
            }
            if (!remaining.isEmpty() && record.key == null) {
                scheduleCheck(settings.retryMax.toMillis());
            }
        }
    }

    /** Brings the configuration's key in line with the stored one, or acts on an admin's change. */
    private void reconcileKey(boolean configured, boolean starting) {
        String configuredKey = settings.licenseKey;
        if (Objects.equals(configuredKey, record.key)) {
            return;
        }
        boolean stale = !configured || (starting && Objects.equals(configuredKey, record.previousKey));
        if (stale) {
            // The configuration was lost (a crash in Felix's store) or is behind the stored license.
            if (record.key != null) {
                log.log(Level.INFO, "Restoring license key " + Keys.mask(record.key) + " into the configuration");
            }
            executor.execute(() -> {
                synchronized (lock) {
                    syncConfig();
                }
            });
        } else if (configuredKey == null) {
            executor.execute(this::unregister);
        } else {
            executor.execute(() -> {
                try {
                    activateKey(configuredKey);
                } catch (LicenseException e) {
                    log.log(Level.WARN, "The license key from the configuration was not accepted: " + e.reason().code);
                }
            });
        }
    }

    private void syncConfig() {
        try {
            keyConfig.store(record.key);
        } catch (IOException | RuntimeException e) {
            log.log(Level.WARN, "The license key could not be written to the configuration: " + e.getMessage());
        }
    }

    private void publish() {
        LicenseState previous = state;
        long now = Math.max(clock.millis(), record.lastSeen);
        LicenseState next = LicenseState.evaluate(record, token, unreachable, now, nextCheckAt);
        state = next;
        List<GatingPublisher.Feature> features = new ArrayList<>();
        if (next.token != null) {
            for (String id : next.availableSorted()) {
                next.token.features.stream().filter(f -> f.id.equals(id)).findFirst()
                        .ifPresent(f -> features.add(new GatingPublisher.Feature(id, f.expiresAt, f.seats)));
            }
        }
        gating.publish(next.licensed(), next.status.name(), features);
        if (boundaryTask != null) {
            boundaryTask.cancel(false);
        }
        if (next.nextBoundary != Long.MAX_VALUE) {
            boundaryTask = executor.schedule(() -> {
                synchronized (lock) {
                    publish();
                }
            }, Math.max(1, next.nextBoundary - now + 1), TimeUnit.MILLISECONDS);
        }
        if (previous.status != next.status || !previous.available.equals(next.available) || previous.token != next.token) {
            LicenseDTO dto = next.toDTO(identity.id());
            dto.cabinetUrl = cabinetUrl;
            for (LicenseListener listener : listeners) {
                executor.execute(() -> notify(listener, dto));
            }
        }
    }

    /** Tells a newly added listener the license as it stands, on the thread that tells it the changes. */
    void welcome(LicenseListener listener) {
        try {
            executor.execute(() -> notify(listener, license()));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Stopping: nothing more to tell.
        }
    }

    private void notify(LicenseListener listener, LicenseDTO dto) {
        try {
            listener.licenseChanged(dto);
        } catch (RuntimeException e) {
            log.log(Level.WARN, "A license listener failed: " + e);
        }
    }

    private String requireKey() throws LicenseException {
        if (record.key == null) {
            throw new LicenseException(Reason.NOT_REGISTERED.dto());
        }
        return record.key;
    }

    private static void checkForm(RegistrationDTO form) throws LicenseException {
        List<String> missing = new ArrayList<>();
        if (form == null || form.companyName == null || form.companyName.isBlank()) {
            missing.add("companyName");
        }
        if (form == null || form.email == null || form.email.isBlank()) {
            missing.add("email");
        }
        if (form == null || form.contactName == null || form.contactName.isBlank()) {
            missing.add("contactName");
        }
        if (!missing.isEmpty()) {
            throw new LicenseException(Reason.FORM_INVALID.dto(String.join(", ", missing)));
        }
    }

    private Token restoreToken() {
        if (record.token == null || record.key == null) {
            return null;
        }
        Map<String, PublicKey> keys = keys(TrustRoot.LICENSE);
        if (keys.isEmpty()) {
            return null;
        }
        try {
            return new LicenseProtocol(null, new JwsVerifier(keys), identity.id(), clock).restore(record.token, record.key);
        } catch (ProtocolException e) {
            log.log(Level.WARN, "The stored license token does not verify (" + e.getMessage() + "); checking with the server");
            return null;
        }
    }

    private Map<String, PublicKey> keys(String role) {
        return chain == null ? Map.of() : chain.current().keys(role);
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
                log.log(Level.INFO, "Trusting the vendor " + root.vendor + ", root version " + root.version
                        + ": license keys " + root.keys(TrustRoot.LICENSE).keySet() + ", catalog keys " + root.keys(TrustRoot.CATALOG).keySet());
            } catch (TrustException e) {
                trustProblem = "the configured trust root is not valid, " + e.getMessage();
            } catch (IOException e) {
                trustProblem = "the trust root could not be stored in the data folder, " + e.getMessage();
            }
        }
        if (chain == null) {
            log.log(Level.WARN, Reason.NO_TRUST_ROOT.dto(trustProblem).message.get("en"));
        }
        for (Runnable listener : trustListeners) {
            listener.run();
        }
    }

    void onTrustChange(Runnable listener) {
        trustListeners.add(listener);
    }

    void removeTrustListener(Runnable listener) {
        trustListeners.remove(listener);
    }

    /**
     * Follows the vendor's newer roots, if any. A root that is not to be believed is logged (once) and
     * ignored: the PBX keeps the root it has, and answers signed only by the new keys fail to verify.
     */
    private void walk(VendorClient client) throws LicenseException {
        long before = chain.current().version;
        try {
            if (!chain.walk(version -> rootDocument(client, version))) {
                return;
            }
        } catch (TrustException e) {
            String message = Reason.ROOT_REFUSED.dto(e.getMessage(), chain.current().version).message.get("en");
            if (!message.equals(refusedRoot)) {
                log.log(Level.WARN, message);
                refusedRoot = message;
            }
        } catch (VendorUnreachableException e) {
            // The request that follows meets the same server and says so.
        } catch (IOException e) {
            throw new LicenseException(Reason.STORAGE_FAILED.dto(e.getMessage()), e);
        }
        TrustRoot root = chain.current();
        if (root.version == before) {
            return;
        }
        log.log(Level.INFO, "Trusting root version " + root.version + " of the vendor " + root.vendor + " now (was "
                + before + "): license keys " + root.keys(TrustRoot.LICENSE).keySet() + ", catalog keys " + root.keys(TrustRoot.CATALOG).keySet());
        protocol = null;
        connection = null;
        if (token != null && restoreToken() == null) {
            // Signed by a key the new root no longer trusts (revoked or rotated away): fetch a fresh token.
            log.log(Level.INFO, "The license token was signed by a key root version " + root.version
                    + " no longer trusts; getting a fresh one");
            // Not published yet: the fresh token normally follows at once (this very check, or the one scheduled
            // now), and the gated features must not flap; if it can't be had, the next publish drops them.
            token = null;
            scheduleCheck(0);
        }
        for (Runnable listener : trustListeners) {
            listener.run();
        }
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

    /** The client and verifier the catalog shares with the license. */
    VendorChannel.Connection connection() throws LicenseException {
        synchronized (lock) {
            protocol();
            return connection;
        }
    }

    private LicenseProtocol protocol() throws LicenseException {
        if (chain == null) {
            throw new LicenseException(Reason.NO_TRUST_ROOT.dto(trustProblem));
        }
        if (client == null) {
            try {
                client = new VendorClient(settings.serverUrl, settings.connectTimeout, settings.requestTimeout,
                        settings.maxResponseBytes, identity, Clock.systemUTC());
            } catch (IllegalArgumentException e) {
                throw new LicenseException(Reason.SERVER_DOWN.dto(e.getMessage()));
            }
        }
        walk(client);
        TrustRoot root = chain.current();
        if (root.expired(clock.millis())) {
            throw new LicenseException(Reason.ROOT_EXPIRED.dto(root.version, Instant.ofEpochMilli(root.expiresAt)));
        }
        if (protocol == null) {
            // License answers and catalogs each verify against their own role's keys only.
            connection = new VendorChannel.Connection(client, new JwsVerifier(root.keys(TrustRoot.CATALOG)), root.version);
            protocol = new LicenseProtocol(client, new JwsVerifier(root.keys(TrustRoot.LICENSE)), identity.id(), Clock.systemUTC());
        }
        return protocol;
    }

    private long now() {
        return Math.max(clock.millis(), record.lastSeen);
    }
}
