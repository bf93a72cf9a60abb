package org.pbx.marketplace.impl.internal.license;

import java.security.PublicKey;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;

import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.api.LicenseListener;
import org.pbx.marketplace.api.dto.LicenseDTO;
import org.pbx.marketplace.api.dto.ReasonDTO;
import org.pbx.marketplace.api.dto.RegistrationDTO;
import org.pbx.marketplace.impl.form.RequiredFields;
import org.pbx.marketplace.impl.internal.gating.GatingPublisher;
import org.pbx.marketplace.impl.internal.protocol.InstallationIdentity;
import org.pbx.marketplace.impl.internal.protocol.JwsVerifier;
import org.pbx.marketplace.impl.internal.protocol.VendorChannel;
import org.pbx.marketplace.impl.internal.protocol.VendorUnreachableException;

/**
 * The license's operations, each in three steps: take a ticket from the {@link LicenseStateMachine},
 * ask the vendor through the {@link VendorLink} without holding any lock the state needs, and
 * commit the verified answer, which the state machine refuses if a newer state came meanwhile.
 * The parts: {@link CheckScheduler} (when to check), {@link ReleaseQueue} (bindings still to
 * release), {@link KeyReconciler} (Config Admin and the store, with the crash rules),
 * {@link Publication} (what readers, gating and listeners see), one {@link LicenseClock}.
 */
final class LicenseEngine {

    enum Level { DEBUG, INFO, WARN, ERROR }

    interface Log {
        void log(Level level, String message);
    }

    private final InstallationIdentity identity;
    private final Log log;
    private final LicenseClock clock = new LicenseClock();
    private final Publication publication;
    private final CheckScheduler scheduler;
    private final LicenseStateMachine machine;
    private final VendorLink link;
    private final ReleaseQueue releases;
    private final KeyReconciler reconciler;
    private final LicenseOperations operations;

    LicenseEngine(InstallationIdentity identity, LicenseStore store, GatingPublisher gating, KeyConfig keyConfig,
                  Collection<LicenseListener> listeners, Log log) {
        this.identity = identity;
        this.log = log;
        this.publication = new Publication(gating, listeners, identity.id(), log);
        this.scheduler = new CheckScheduler(this::scheduledCheck);
        this.machine = new LicenseStateMachine(store, clock, publication, scheduler, log);
        this.link = new VendorLink(identity, clock, machine, log);
        this.releases = new ReleaseQueue(machine, key -> link.protocol().release(key), log);
        this.reconciler = new KeyReconciler(keyConfig, () -> publication.state().key, log);
        this.operations = new LicenseOperations(identity, clock, machine, link, reconciler, scheduler, this::license,
                this::drainReleases, log);
    }

    /** Registering, keys, coupons, trials, checks, offline activation. */
    LicenseOperations operations() {
        return operations;
    }

    void start(Settings initial, boolean configured) {
        useSettings(initial);
        LicenseStore.Record record = machine.load(link::restore);
        reconcile(initial.licenseKey, configured, true, record);
    }

    void reconfigure(Settings next, boolean configured) {
        useSettings(next);
        reconcile(next.licenseKey, configured, false, machine.record());
    }

    void stop() {
        scheduler.stop();
        reconciler.stop();
        publication.stop();
    }

    /** A {@link Clock} service replaces the system clock for everything (null: back to the system clock). */
    void useClock(Clock replacement) {
        clock.use(replacement);
        publication.run(machine::republish);
    }

    /** Tells a newly added listener the license as it stands, on the thread that tells it the changes. */
    void welcome(LicenseListener listener) {
        publication.welcome(listener);
    }

    // ---- reads: no lock

    LicenseDTO license() {
        LicenseDTO dto = publication.dto();
        Settings settings = link.settings();
        if (dto.reason == null && settings != null && settings.problem != null) {
            dto.reason = settings.problem;
        }
        return dto;
    }

    boolean isFeatureAvailable(String featureId) {
        return featureId != null && publication.state().available.contains(featureId);
    }

    ReasonDTO whyUnavailable(String featureId) {
        return publication.state().why(featureId);
    }

    String licenseKey() {
        return publication.state().key;
    }

    /** The client and verifier the catalog shares with the license. */
    VendorChannel.Connection connection() throws LicenseException {
        return link.connection();
    }

    private void scheduledCheck() {
        drainReleases();
        LicenseStateMachine.Ticket ticket = machine.ticket();
        if (ticket.key == null) {
            return;
        }
        try {
            operations.refresh();
        } catch (LicenseException e) {
            machine.unreachable(ticket, e.reason().message.get("en"), link.settings());
        }
    }

    private void drainReleases() {
        if (!releases.drain().isEmpty()) {
            // A key released while back in use: checking it binds it again.
            scheduler.schedule(0);
        }
        if (releases.waiting()) {
            machine.checkLater(link.settings().retryMax.toMillis());
        }
    }

    private void useSettings(Settings settings) {
        Settings previous = link.settings();
        link.reconfigure(settings);
        publication.cabinetUrl(settings.cabinetUrl());
        if (settings.problem != null && (previous == null || !settings.problem.code.equals(
                previous.problem == null ? null : previous.problem.code))) {
            log.log(Level.WARN, settings.problem.message.get("en"));
        }
    }

    /** Brings the configuration's key in line with the stored one, or acts on an admin's change. */
    private void reconcile(String configuredKey, boolean configured, boolean starting, LicenseStore.Record record) {
        reconciler.reconcile(configuredKey, configured, starting, record, operations::unregister, operations::activateKey);
    }

}
