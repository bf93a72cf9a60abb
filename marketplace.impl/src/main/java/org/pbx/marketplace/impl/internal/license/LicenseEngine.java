package org.pbx.marketplace.impl.internal.license;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.api.LicenseListener;
import org.pbx.marketplace.api.RegistrationRules;
import org.pbx.marketplace.api.dto.LicenseDTO;
import org.pbx.marketplace.api.dto.ReasonDTO;
import org.pbx.marketplace.api.dto.RegistrationDTO;
import org.pbx.marketplace.impl.internal.gating.GatingPublisher;
import org.pbx.marketplace.impl.internal.protocol.InstallationIdentity;
import org.pbx.marketplace.impl.internal.protocol.VendorChannel;
import org.pbx.marketplace.impl.internal.protocol.VendorUnreachableException;

/**
 * The license's operations, each in three steps: take a ticket from the {@link LicenseMachine}
 * (under its lock, at once), talk to the vendor through the {@link VendorLink} (no lock held), and
 * hand the verified answer back to the machine, which applies it unless a newer state came first.
 * Reads go to the published {@link LicenseState} without a lock. The parts: {@link CheckScheduler}
 * (when to check, back-off), {@link ReleaseQueue}, {@link KeyReconciliation} (crash rules),
 * {@link Publication} (gating, listeners), {@link OfflineActivator}, {@link EngineClock}.
 */
final class LicenseEngine {

    enum Level { DEBUG, INFO, WARN, ERROR }

    interface Log {
        void log(Level level, String message);
    }

    private final InstallationIdentity identity;
    private final Log log;
    private final EngineClock clock = new EngineClock();
    private final Publication publication;
    private final CheckScheduler scheduler;
    private final VendorLink link;
    private final LicenseMachine machine;
    /** Set once, in the constructor; not final as the machine's callback, made before it, names it. */
    private ReleaseQueue releases;
    private final OfflineActivator offline;
    private volatile Settings settings;
    /** Registrations and activations one at a time (twenty clicks make one key); checks, coupons and reads never wait for it. */
    private final Object keyChange = new Object();

    LicenseEngine(InstallationIdentity identity, LicenseStore store, Path trustFile, GatingPublisher gating,
                  KeyConfig keyConfig, Collection<LicenseListener> listeners, Log log,
                  java.util.function.Function<String, java.util.Map<String, String>> featureNames) {
        this.identity = identity;
        this.log = log;
        publication = new Publication(identity.id(), gating, listeners, log, featureNames);
        scheduler = new CheckScheduler(this::scheduledCheck);
        machine = new LicenseMachine(store, keyConfig, publication, scheduler, clock, log,
                () -> scheduler.execute(() -> releases.release()));
        link = new VendorLink(identity, trustFile, clock, log, machine::rootChanged);
        releases = new ReleaseQueue(machine, key -> link.protocol().release(key), log,
                () -> scheduler.checkIn(settings.retryMax.toMillis(), clock.millis()));
        offline = new OfflineActivator(identity, machine, link, clock, log, publication::license);
    }

    /** What the requests tell the vendor about this PBX (host name, PBX version) for its cabinet. */
    void describe(SelfReport report) {
        link.describe(report);
    }

    synchronized boolean started() {
        return settings != null;
    }

    synchronized void start(Settings initial, boolean configured) {
        settings = initial;
        tellProblem(null, initial);
        link.configure(initial, true);
        publication.settings(initial);
        machine.start(link::restore);
        act(machine.reconcile(initial, configured, true), initial);
    }

    synchronized void reconfigure(Settings next, boolean configured) {
        Settings before = settings;
        settings = next;
        tellProblem(before, next);
        boolean trustChanged = !Objects.equals(next.trustRoot, before.trustRoot)
                || !Objects.equals(next.trustProblem, before.trustProblem);
        link.configure(next, trustChanged);
        publication.settings(next);
        if (trustChanged) {
            machine.trustReopened(link::restore);
        } else {
            machine.publishNow(); // the settings' problem, if any, is on the license now
        }
        act(machine.reconcile(next, configured, false), next);
    }

    void stop() {
        scheduler.stop();
        publication.stop();
    }

    void useClock(Clock replacement) {
        clock.use(replacement);
        publication.run(machine::publishNow);
    }

    // ---- reads: no lock (the hot one, isFeatureAvailable, reads features(), which the service holds: one hop fewer)

    LicenseDTO license() {
        return publication.license();
    }

    LicensedFeatures features() {
        return publication.licensed;
    }

    ReasonDTO whyUnavailable(String featureId) {
        return publication.why(featureId);
    }

    String licenseKey() {
        return publication.state().key;
    }

    // ---- operations: the vendor is asked with no lock held

    LicenseDTO register(RegistrationDTO form) throws LicenseException {
        synchronized (keyChange) {
            Ticket ticket = machine.toRegister(form == null || form.email == null ? "" : form.email.trim());
            if (ticket == null) {
                return license();
            }
            List<String> missing = RegistrationRules.missing(form);
            if (!missing.isEmpty()) {
                throw new LicenseException(Reason.FORM_INVALID.dto(String.join(", ", missing)));
            }
            LicenseProtocol.Outcome outcome = call(p -> p.register(form));
            if (outcome.token == null) {
                throw refused(outcome);
            }
            String key = Keys.normalize(outcome.token.licenseKey);
            machine.accept(ticket, key, outcome.token, true);
            log.log(Level.INFO, "Registered in the marketplace; license key " + Keys.mask(key));
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
        synchronized (keyChange) {
            Ticket ticket = machine.ticket();
            LicenseProtocol.Outcome outcome = call(p -> p.validate(normalized));
            if (outcome.token != null) {
                machine.accept(ticket, normalized, outcome.token, true);
                log.log(Level.INFO, "License key " + Keys.mask(normalized) + " activated");
            } else if (normalized.equals(ticket.key)) {
                machine.refuse(ticket, outcome);
            } else {
                throw refused(outcome);
            }
            return license();
        }
    }

    LicenseDTO applyCoupon(String coupon) throws LicenseException {
        String normalized = Keys.normalize(coupon);
        if (!Keys.isCoupon(normalized)) {
            throw new LicenseException(Reason.COUPON_FORMAT.dto());
        }
        Ticket ticket = machine.requireKey();
        return answer(ticket, call(p -> p.coupon(ticket.key, normalized)), false);
    }

    LicenseDTO startTrial(String productId) throws LicenseException {
        if (productId == null || productId.isBlank()) {
            throw new LicenseException(Reason.FORM_INVALID.dto("productId"));
        }
        Ticket ticket = machine.requireKey();
        return answer(ticket, call(p -> p.trial(ticket.key, productId.trim())), false);
    }

    LicenseDTO refresh() throws LicenseException {
        return check(machine.requireKey());
    }

    String offlineActivationRequest(String key) throws LicenseException {
        return offline.request(key);
    }

    LicenseDTO importOfflineToken(String tokenFile) throws LicenseException {
        return offline.importToken(tokenFile);
    }

    void unregister() {
        if (machine.unregister() != null) {
            releases.release();
        }
    }

    void welcome(LicenseListener listener) {
        publication.welcome(listener);
    }

    VendorChannel.Connection connection() throws LicenseException {
        return link.connection();
    }

    void onTrustChange(Runnable listener) {
        link.onTrustChange(listener);
    }

    void removeTrustListener(Runnable listener) {
        link.removeTrustListener(listener);
    }

    private interface Call {
        LicenseProtocol.Outcome run(LicenseProtocol protocol) throws LicenseException, VendorUnreachableException;
    }

    private LicenseProtocol.Outcome call(Call call) throws LicenseException {
        try {
            return call.run(link.protocol());
        } catch (VendorUnreachableException e) {
            throw new LicenseException(Reason.SERVER_DOWN.dto(e.getMessage()));
        }
    }

    private LicenseDTO check(Ticket ticket) throws LicenseException {
        try {
            return answer(ticket, link.protocol().validate(ticket.key), true);
        } catch (VendorUnreachableException e) {
            machine.unreachable(ticket, e.getMessage(), settings);
            return license();
        }
    }

    /** @param check a check's answer, dropped quietly when overtaken; a coupon's or trial's says so if the key changed */
    private LicenseDTO answer(Ticket ticket, LicenseProtocol.Outcome outcome, boolean check) throws LicenseException {
        boolean applied = outcome.token != null ? machine.accept(ticket, ticket.key, outcome.token, false)
                : machine.refuse(ticket, outcome);
        if (!applied) {
            log.log(Level.DEBUG, "An answer for " + Keys.mask(ticket.key) + " was overtaken by a newer state and dropped");
            if (!check && !Objects.equals(ticket.key, licenseKey())) {
                throw new LicenseException(Reason.KEY_CHANGED.dto());
            }
        }
        return license();
    }

    private void scheduledCheck() {
        releases.release();
        Ticket ticket = machine.ticket();
        if (ticket.key == null) {
            return;
        }
        try {
            check(ticket);
        } catch (LicenseException e) {
            machine.unreachable(ticket, Technical.underneath(e.reason()), settings);
        }
    }

    /** Does what the configured key asks for, on the scheduler's thread (it may talk to the vendor). */
    private void act(KeyReconciliation.Action action, Settings current) {
        if (action == KeyReconciliation.Action.UNREGISTER) {
            scheduler.execute(this::unregister);
        } else if (action == KeyReconciliation.Action.ACTIVATE) {
            String configured = current.licenseKey;
            scheduler.execute(() -> {
                try {
                    activateKey(configured);
                } catch (LicenseException e) {
                    log.log(Level.WARN, "The license key from the configuration was not accepted: " + e.reason().code);
                }
            });
        }
    }

    /** A mistyped setting is said once in the log, as on the license. */
    private void tellProblem(Settings before, Settings next) {
        ReasonDTO problem = next.problem();
        ReasonDTO old = before == null ? null : before.problem();
        if (problem != null && (old == null || !old.code.equals(problem.code)
                || !Objects.equals(old.technical, problem.technical))) {
            log.log(Level.WARN, problem.message.get("en") + (problem.technical == null ? "" : " (" + problem.technical + ")"));
        }
    }

    private static LicenseException refused(LicenseProtocol.Outcome outcome) {
        return new LicenseException(Reason.of(outcome.refusalCode, outcome.refusalMessage.get("en"), outcome.refusalMessage.get("ru")));
    }
}
