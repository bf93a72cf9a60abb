package org.pbx.marketplace.impl.internal.license;

import java.io.IOException;
import java.time.Clock;
import java.util.Objects;

import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.impl.internal.license.KeyReconciliation.Action;

/**
 * The license's state machine: the stored record, the verified token and the last failure, changed
 * under one lock that is never held while talking to the vendor. A vendor call takes a
 * {@link Ticket} first and hands its verified answer back with it; an answer that was overtaken
 * meanwhile (the key changed, or a newer answer or failure came first) is dropped, never applied
 * over the newer state. Each change is stored before it counts, then published.
 */
final class LicenseMachine {

    /** Verifies a stored token against the trusted root, or null ({@link VendorLink#restore}). */
    interface Restorer {
        Token restore(String jws, String key);
    }

    private final Object lock = new Object();
    private final LicenseStore store;
    private final KeyConfig keyConfig;
    private final Publication publication;
    private final CheckScheduler scheduler;
    private final Clock clock;
    private final LicenseEngine.Log log;
    /** Asks for the release queue to be worked off (outside the lock). */
    private final Runnable releaseSoon;

    // Guarded by lock.
    private LicenseStore.Record record = new LicenseStore.Record();
    private Token token;
    private String unreachable;
    private int failures;
    /** Moves with every applied change: what a ticket is checked against. */
    private long version;

    LicenseMachine(LicenseStore store, KeyConfig keyConfig, Publication publication, CheckScheduler scheduler,
                   Clock clock, LicenseEngine.Log log, Runnable releaseSoon) {
        this.store = store;
        this.keyConfig = keyConfig;
        this.publication = publication;
        this.scheduler = scheduler;
        this.clock = clock;
        this.log = log;
        this.releaseSoon = releaseSoon;
    }

    /** Reads the store, restores its token, and schedules the first check (half the token's life). */
    void start(Restorer restorer) {
        synchronized (lock) {
            try {
                record = store.load();
            } catch (IOException e) {
                log.log(LicenseEngine.Level.ERROR, "The stored license could not be read (" + e.getMessage() + "); starting unregistered");
            }
            token = restorer.restore(record.token, record.key);
            publish();
            // A released seat is taken back only when the admin asks (a check now, the key again), not by a restart.
            boolean released = Reason.SEAT_RELEASED.name().equals(record.refusalCode);
            if (record.key != null && !released || !record.pendingRelease.isEmpty()) {
                long due = token == null ? now() : token.issuedAt + (token.expiresAt - token.issuedAt) / 2;
                scheduler.checkIn(Math.max(0, due - now()), now());
            }
        }
    }

    /** The trusted root was reopened (configured anew): the token is verified again against it. */
    void trustReopened(Restorer restorer) {
        synchronized (lock) {
            token = restorer.restore(record.token, record.key);
            publish();
            if (record.key != null && token == null) {
                scheduler.checkIn(0, now());
            }
        }
    }

    /** The vendor's newer root may not trust the token's key (revoked, rotated away): then a fresh one is fetched. */
    void rootChanged(Restorer restorer) {
        synchronized (lock) {
            if (token != null && restorer.restore(record.token, record.key) == null) {
                log.log(LicenseEngine.Level.INFO, "The license token was signed by a key the new root no longer trusts; getting a fresh one");
                // Not published yet: the fresh token normally follows at once, and the gated features must not
                // flap; if it can't be had, the next publish drops them.
                token = null;
                scheduler.checkIn(0, now());
            }
        }
    }

    /** What the configured key asks for, against the store (crash rules in {@link KeyReconciliation}). */
    Action reconcile(Settings settings, boolean configured, boolean starting) {
        synchronized (lock) {
            Action action = KeyReconciliation.decide(settings, configured, starting, record);
            if (action == Action.RESTORE_CONFIGURATION) {
                if (record.key != null) {
                    log.log(LicenseEngine.Level.INFO, "Restoring license key " + Keys.mask(record.key) + " into the configuration");
                }
                publication.run(() -> {
                    synchronized (lock) {
                        syncConfig();
                    }
                });
            }
            return action;
        }
    }

    Ticket ticket() {
        synchronized (lock) {
            return new Ticket(record.key, version);
        }
    }

    /** A ticket for the current key; refused when there is none. */
    Ticket requireKey() throws LicenseException {
        synchronized (lock) {
            if (record.key == null) {
                throw new LicenseException(Reason.NOT_REGISTERED.dto());
            }
            return new Ticket(record.key, version);
        }
    }

    /** A ticket to register, or null when this PBX is registered to {@code email} already. */
    Ticket toRegister(String email) throws LicenseException {
        synchronized (lock) {
            if (record.key == null) {
                return new Ticket(null, version);
            }
            if (token != null && email.equalsIgnoreCase(token.owner.email)) {
                return null;
            }
            throw new LicenseException(Reason.ALREADY_REGISTERED.dto());
        }
    }

    /**
     * Applies a verified token for {@code key}.
     *
     * @param keyChange the caller asked for this key (registration, activation): applied even if the key changed
     *        meanwhile; a check, coupon or trial is about the ticket's key only
     * @return false when the answer was overtaken and dropped
     * @throws LicenseException an older token for the same key replayed, or the store failed
     */
    boolean accept(Ticket ticket, String key, Token accepted, boolean keyChange) throws LicenseException {
        synchronized (lock) {
            if (!keyChange && !Objects.equals(ticket.key, record.key)) {
                return false;
            }
            if (key.equals(record.key) && accepted.serial < record.serial) {
                if (version != ticket.version) {
                    return false; // a newer token came while this one was on its way
                }
                throw new LicenseException(Reason.ANSWER_UNTRUSTED.dto("an older token was replayed"));
            }
            String old = record.key;
            save(KeyReconciliation.accepted(record, key, accepted, now()));
            token = accepted;
            unreachable = null;
            failures = 0;
            if (!Objects.equals(old, key)) {
                syncConfig();
            }
            scheduler.checkIn(Math.max(1000, (accepted.expiresAt - accepted.issuedAt) / 2), now());
            publish();
            if (!record.pendingRelease.isEmpty()) {
                releaseSoon.run();
            }
            return true;
        }
    }

    /** Applies a verified refusal of the ticket's key, unless something newer came first. */
    boolean refuse(Ticket ticket, LicenseProtocol.Outcome outcome) throws LicenseException {
        synchronized (lock) {
            if (version != ticket.version || !Objects.equals(ticket.key, record.key)) {
                return false;
            }
            LicenseStore.Record next = record.copy();
            next.refusalStatus = outcome.refusedAs.name();
            next.refusalCode = outcome.refusalCode;
            next.refusalMessage = outcome.refusalMessage;
            next.lastCheckAt = now();
            save(next);
            unreachable = null;
            log.log(LicenseEngine.Level.WARN, "The vendor refused license key " + Keys.mask(record.key) + ": " + outcome.refusalCode);
            publish();
            return true;
        }
    }

    /** A check that got no verified answer: said once, retried with back-off; dropped if something newer came. */
    boolean unreachable(Ticket ticket, String why, Settings settings) {
        synchronized (lock) {
            if (version != ticket.version || record.key == null) {
                return false;
            }
            if (unreachable == null) {
                log.log(LicenseEngine.Level.WARN, "The marketplace server can't be reached (" + why + "); retrying with back-off");
            }
            unreachable = why;
            failures++;
            version++;
            scheduler.checkIn(CheckScheduler.backoff(settings.retryMin, settings.retryMax, failures), now());
            publish();
            return true;
        }
    }

    /** Forgets the key (its release is queued); returns it, or null when there was none. */
    String unregister() {
        synchronized (lock) {
            String key = record.key;
            if (key == null) {
                return null;
            }
            LicenseStore.Record next = KeyReconciliation.unregistered(record);
            try {
                save(next);
            } catch (LicenseException e) {
                // Forgotten in memory all the same (the admin asked); the next start reads the old file.
                log.log(LicenseEngine.Level.ERROR, "Unregistered, but the data folder could not be written: " + e.reason().technical);
                record = next;
                version++;
            }
            token = null;
            unreachable = null;
            failures = 0;
            syncConfig();
            scheduler.cancel();
            publish();
            log.log(LicenseEngine.Level.INFO, "Unregistered from the marketplace (key " + Keys.mask(key) + ")");
            return key;
        }
    }

    /** Changes the stored record outside the token's flow (offline activation's request). */
    void update(java.util.function.UnaryOperator<LicenseStore.Record> change) throws LicenseException {
        synchronized (lock) {
            save(change.apply(record.copy()));
        }
    }

    /** A copy of the stored record, for reading. */
    LicenseStore.Record record() {
        synchronized (lock) {
            return record.copy();
        }
    }

    /** Evaluates and publishes the state at the clock's time (after a new clock, or at a time boundary). */
    void publishNow() {
        synchronized (lock) {
            publish();
        }
    }

    private void save(LicenseStore.Record next) throws LicenseException {
        next.lastSeen = Math.max(next.lastSeen, clock.millis());
        try {
            store.save(next);
        } catch (IOException e) {
            throw new LicenseException(Reason.STORAGE_FAILED.dto(e.getMessage()), e);
        }
        record = next;
        version++;
    }

    private void syncConfig() {
        try {
            keyConfig.store(record.key);
        } catch (IOException | RuntimeException e) {
            log.log(LicenseEngine.Level.WARN, "The license key could not be written to the configuration: " + e.getMessage());
        }
    }

    private void publish() {
        long now = now();
        publication.publish(LicenseState.evaluate(record, token, unreachable, now, scheduler.nextCheckAt()), now, this::publishNow);
    }

    private long now() {
        return Math.max(clock.millis(), record.lastSeen);
    }
}
