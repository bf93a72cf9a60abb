package org.pbx.marketplace.impl.internal.license;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;

import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.impl.internal.license.LicenseEngine.Level;
import org.pbx.marketplace.impl.internal.license.LicenseEngine.Log;

/**
 * The license's state machine: the stored record, the verified token and the last check's
 * outcome, changed only under one lock that is never held across vendor I/O. An operation takes
 * a {@link Ticket} (what it saw), talks to the vendor without the lock, and then commits the
 * verified answer here; the commit checks the ticket, so a late answer never overwrites a newer
 * state: an answer for a key no longer in use is dropped, a key change that lost the race to
 * another is refused ({@link Reason#CHANGED_MEANWHILE}), and a failure or refusal that comes after
 * a newer answer changes nothing. Each commit is stored before it is published.
 */
final class LicenseStateMachine implements VendorLink.KeyPinning {

    /** What an operation saw before it went to the vendor. */
    static final class Ticket {
        final long version;
        final long keyVersion;
        final String key;
        final String ownerEmail;

        private Ticket(long version, long keyVersion, String key, String ownerEmail) {
            this.version = version;
            this.keyVersion = keyVersion;
            this.key = key;
            this.ownerEmail = ownerEmail;
        }
    }

    /** What changed besides the state, for the caller to act on outside the lock. */
    enum Effect { NONE, KEY_CHANGED, DROPPED }

    private final Object lock = new Object();
    private final LicenseStore store;
    private final LicenseClock clock;
    private final Publication publication;
    private final CheckScheduler scheduler;
    private final Log log;

    // Guarded by lock.
    private LicenseStore.Record record = new LicenseStore.Record();
    private Token token;
    private String unreachable;
    private int failures;
    private long nextCheckAt;
    /** Bumped by every commit that changes what the license says. */
    private long version;
    /** Bumped when the key changes (a new key, unregistering). */
    private long keyVersion;

    LicenseStateMachine(LicenseStore store, LicenseClock clock, Publication publication, CheckScheduler scheduler, Log log) {
        this.store = store;
        this.clock = clock;
        this.publication = publication;
        this.scheduler = scheduler;
        this.log = log;
    }

    /** Loads the stored record; {@code restore} verifies its token (null: none usable). */
    LicenseStore.Record load(java.util.function.Function<LicenseStore.Record, Token> restore) {
        synchronized (lock) {
            try {
                record = store.load();
            } catch (IOException e) {
                log.log(Level.ERROR, "The stored license could not be read (" + e.getMessage() + "); starting unregistered");
            }
            token = record.token == null || record.key == null ? null : restore.apply(record);
            if (record.key != null || !record.pendingRelease.isEmpty()) {
                long due = token == null ? now() : token.issuedAt + (token.expiresAt - token.issuedAt) / 2;
                nextCheckAt = now() + Math.max(0, due - now());
                scheduler.schedule(Math.max(0, due - now()));
            }
            publish();
            return record.copy();
        }
    }

    Ticket ticket() {
        synchronized (lock) {
            return new Ticket(version, keyVersion, record.key, token == null ? null : token.owner.email);
        }
    }

    /** The record as it stands (a copy). */
    LicenseStore.Record record() {
        synchronized (lock) {
            return record.copy();
        }
    }

    /**
     * Commits a verified token for {@code key}.
     *
     * @param changesKey whether the operation means to put {@code key} in use (register, a key entered, an
     *                   offline import); otherwise it only renews the key the ticket saw
     * @return {@link Effect#KEY_CHANGED} when the configuration must follow, {@link Effect#DROPPED} for a late answer
     */
    Effect accept(Ticket ticket, String key, Token accepted, boolean changesKey) throws LicenseException {
        synchronized (lock) {
            boolean newKey = !Objects.equals(record.key, key);
            if (newKey && (!changesKey || keyVersion != ticket.keyVersion)) {
                if (!changesKey) {
                    return Effect.DROPPED; // an answer for a key no longer in use
                }
                throw new LicenseException(Reason.CHANGED_MEANWHILE.dto());
            }
            if (!newKey && accepted.serial < record.serial) {
                if (version != ticket.version) {
                    return Effect.DROPPED; // a newer token came in while this one was on its way
                }
                throw new LicenseException(Reason.ANSWER_UNTRUSTED.dto("an older token was replayed"));
            }
            LicenseStore.Record next = record.copy();
            String old = record.key;
            if (newKey) {
                // What the configuration holds until it is written, "none" included: a crash before the
                // configuration is written then reads as a stale configuration at the next start (and the key
                // is put back into it), not as an admin who emptied it (which would unregister the new key).
                next.previousKey = old;
                if (old != null) {
                    next.pendingRelease.add(old);
                }
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
            version++;
            if (newKey) {
                keyVersion++;
            }
            scheduleCheck(CheckScheduler.afterAnswer(accepted));
            publish();
            return newKey ? Effect.KEY_CHANGED : Effect.NONE;
        }
    }

    /** Commits a verified refusal of the ticket's key, unless a newer answer came meanwhile. */
    boolean refuse(Ticket ticket, LicenseProtocol.Outcome outcome) throws LicenseException {
        synchronized (lock) {
            if (version != ticket.version || !Objects.equals(record.key, ticket.key)) {
                return false;
            }
            LicenseStore.Record next = record.copy();
            next.refusalStatus = outcome.refusedAs.name();
            next.refusalCode = outcome.refusalCode;
            next.refusalMessage = outcome.refusalMessage;
            next.lastCheckAt = now();
            save(next);
            unreachable = null;
            version++;
            log.log(Level.WARN, "The vendor refused license key " + Keys.mask(record.key) + ": " + outcome.refusalCode);
            publish();
            return true;
        }
    }

    /** A check that could not reach the vendor: back-off, GRACE; nothing if a newer answer came meanwhile. */
    void unreachable(Ticket ticket, String why, Settings settings) {
        synchronized (lock) {
            if (version != ticket.version || record.key == null) {
                if (record.key != null && !scheduler.pending()) {
                    scheduleCheck(scheduler.backOff(1, settings.retryMin, settings.retryMax));
                }
                return;
            }
            if (unreachable == null) {
                log.log(Level.WARN, "The marketplace server can't be reached (" + why + "); retrying with back-off");
            }
            unreachable = why;
            failures++;
            version++;
            scheduleCheck(scheduler.backOff(failures, settings.retryMin, settings.retryMax));
            publish();
        }
    }

    /** Leaves the key: stored first, its binding queued for release. Answers the key left, or null if none. */
    String unregister() {
        synchronized (lock) {
            if (record.key == null) {
                return null;
            }
            String key = record.key;
            LicenseStore.Record next = record.copy();
            next.previousKey = key;
            next.key = null;
            next.token = null;
            next.serial = 0;
            next.refusalStatus = null;
            next.pendingRelease.add(key);
            try {
                save(next);
            } catch (LicenseException e) {
                record = next; // the PBX is unregistered in memory; the next start may bring the key back
                log.log(Level.ERROR, "Unregistered, but the data folder could not be written: " + e.reason().message.get("en"));
            }
            token = null;
            unreachable = null;
            failures = 0;
            version++;
            keyVersion++;
            scheduler.cancel();
            nextCheckAt = 0;
            publish();
            return key;
        }
    }

    /** A change of the record that does not change what the license says. */
    interface RecordChange<T> {
        T apply(LicenseStore.Record next);
    }

    /** Stores a change of queued releases, pinned keys or the offline request; answers what {@code change} answers. */
    <T> T update(RecordChange<T> change) throws LicenseException {
        synchronized (lock) {
            LicenseStore.Record next = record.copy();
            T result = change.apply(next);
            save(next);
            return result;
        }
    }

    /** Schedules a check unless one is already pending (pending releases with no key in use). */
    void checkLater(long delayMillis) {
        synchronized (lock) {
            if (!scheduler.pending()) {
                scheduleCheck(delayMillis);
            }
        }
    }

    @Override
    public Map<String, String> pinned() {
        synchronized (lock) {
            return Map.copyOf(record.pinnedVendorKeys);
        }
    }

    @Override
    public void pin(Map<String, String> learned) throws LicenseException {
        update(next -> next.pinnedVendorKeys = new java.util.LinkedHashMap<>(learned));
    }

    /** Evaluates and publishes the state again (a clock change, a boundary in time). */
    void republish() {
        synchronized (lock) {
            publish();
        }
    }

    long now() {
        synchronized (lock) {
            return Math.max(clock.millis(), record.lastSeen);
        }
    }

    private void scheduleCheck(long delayMillis) {
        nextCheckAt = now() + delayMillis;
        scheduler.schedule(delayMillis);
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

    private void publish() {
        long now = Math.max(clock.millis(), record.lastSeen);
        publication.publish(LicenseState.evaluate(record, token, unreachable, now, nextCheckAt), now, this::republish);
    }
}
