package org.pbx.marketplace.server.internal.mail;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.pbx.marketplace.server.VendorServerSettings;
import org.pbx.marketplace.server.internal.crypto.KeyVault;
import org.pbx.marketplace.server.internal.license.Entitlements;
import org.pbx.marketplace.server.internal.store.Database;
import org.pbx.marketplace.server.internal.store.LicenseStore;
import org.pbx.marketplace.server.internal.store.LicenseStore.Recoverable;
import org.pbx.marketplace.server.internal.store.OutboxStore;
import org.pbx.marketplace.server.internal.store.OutboxStore.Entry;
import org.pbx.marketplace.server.internal.store.RateStore;

/**
 * Letters are queued in the same transaction as what caused them, so a registration never waits
 * for, or fails because of, the mail server; one background thread delivers them and retries with
 * exponential backoff. A letter is rendered only when it is sent, from the license rows and the
 * sealed key, so the outbox itself holds no readable key.
 */
public final class MailOutbox implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MailOutbox.class.getName());
    private static final long POLL_SECONDS = 30;
    private static final int BATCH = 20;
    /** How long a node's claim on a letter lasts: far longer than one SMTP delivery may take (SmtpMailer's timeouts). */
    static final long CLAIM_SECONDS = 600;
    /** Limit bucket shared with registration: letters (and registrations) per e-mail address per day. */
    public static final String LETTERS_PER_ADDRESS = "letters.address";

    private record Pending(Entry entry, Letter letter) {
    }

    private final Database db;
    private final KeyVault vault;
    private final Letters letters;
    private final SmtpMailer mailer;
    private final Clock clock;
    private final VendorServerSettings settings;
    private final ScheduledExecutorService worker;
    /** This node's name on the letters it claims (random: nodes need no configured identity). */
    private final String node = java.util.UUID.randomUUID().toString();
    private final java.util.concurrent.locks.ReentrantLock pass = new java.util.concurrent.locks.ReentrantLock();

    /** @param mailer null when mail is off: nothing is queued and nothing runs */
    public MailOutbox(Database db, KeyVault vault, Letters letters, SmtpMailer mailer, VendorServerSettings settings) {
        this.db = db;
        this.vault = vault;
        this.letters = letters;
        this.mailer = mailer;
        this.clock = settings.clock();
        this.settings = settings;
        if (mailer == null) {
            this.worker = null;
        } else {
            this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "vendor-mail-outbox");
                t.setDaemon(true);
                return t;
            });
            worker.scheduleWithFixedDelay(this::deliverQuietly, 1, POLL_SECONDS, TimeUnit.SECONDS);
        }
    }

    public boolean enabled() {
        return mailer != null;
    }

    /** Inside the caller's transaction: the letter exists exactly when the registration does. */
    public void queueRegistration(Connection c, long licenseId, String email, String language, long now)
            throws SQLException {
        if (enabled()) {
            OutboxStore.enqueue(c, OutboxStore.REGISTRATION, licenseId, email, language, now);
        }
    }

    /**
     * Queues the lost-key letter when the address holds mailable keys and is below its letters per day;
     * says nothing either way.
     */
    public void queueLostKeys(Connection c, String emailNorm, String language, long now) throws SQLException {
        // The same statements whether or not the address holds keys, so the answer's timing tells nothing
        // either: which keys (if any) is found when the letter is rendered, after the answer.
        if (enabled() && (settings.lettersPerAddressPerDay() == 0 || RateStore.acquire(c, LETTERS_PER_ADDRESS, emailNorm,
                settings.lettersPerAddressPerDay(), RateStore.LONGEST_WINDOW, now) == 0)) {
            OutboxStore.enqueue(c, OutboxStore.LOST_KEYS, null, emailNorm, language, now);
        }
    }

    /** Asks the background thread to look now; call after the queuing transaction committed. */
    public void wake() {
        if (worker != null) {
            try {
                worker.execute(this::deliverQuietly);
            } catch (RejectedExecutionException e) {
                // Closing: the letter stays queued for the next start.
            }
        }
    }

    /**
     * One delivery pass over every due letter; returns how many this node sent. Letters are claimed
     * in the database before they are sent, so this thread, a caller (tests, operators) and other
     * nodes never send the same letter twice; the claim is committed before the SMTP conversation,
     * which holds no database connection. One pass at a time per node: a caller's pass waits for the
     * background one and then sees what it did.
     */
    public int deliverDue() {
        if (!enabled()) {
            return 0;
        }
        pass.lock();
        try {
            return deliverClaimed();
        } finally {
            pass.unlock();
        }
    }

    private int deliverClaimed() {
        int sent = 0;
        List<Pending> batch;
        do {
            batch = db.tx(c -> {
                long now = clock.instant().getEpochSecond();
                return render(c, OutboxStore.claimDue(c, node, now, now + CLAIM_SECONDS, BATCH));
            });
            for (Pending p : batch) {
                sent += deliver(p) ? 1 : 0;
            }
        } while (batch.size() == BATCH);
        return sent;
    }

    public OutboxStore.Counts counts() {
        return db.tx(OutboxStore::counts);
    }

    private boolean deliver(Pending p) {
        if (p.letter() == null && OutboxStore.LOST_KEYS.equals(p.entry().kind())) {
            // No key is registered to the address: nothing to send, and nothing to keep about it.
            db.tx(c -> {
                OutboxStore.delete(c, p.entry().id());
                return null;
            });
            return false;
        }
        String error;
        try {
            if (p.letter() == null) {
                error = "nothing to send: the key can no longer be read";
            } else {
                mailer.send(p.letter());
                db.tx(c -> {
                    OutboxStore.sent(c, p.entry().id(), clock.instant().getEpochSecond());
                    return null;
                });
                return true;
            }
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.log(System.Logger.Level.WARNING, "letter " + p.entry().id() + " not sent (attempt "
                    + (p.entry().attempts() + 1) + "): " + error);
        }
        String finalError = error;
        Long next = p.letter() == null ? null : nextAttempt(p.entry().attempts() + 1);
        db.tx(c -> {
            OutboxStore.failed(c, p.entry().id(), finalError, next);
            return null;
        });
        return false;
    }

    /** base * 2^(attempts-1), capped at max; null once the attempts are used up. */
    Long nextAttempt(int attemptsMade) {
        if (attemptsMade >= settings.mailMaxAttempts()) {
            return null;
        }
        long base = settings.mailRetryBase().toSeconds();
        long delay = Math.min(settings.mailRetryMax().toSeconds(), base << Math.min(attemptsMade - 1, 30));
        return clock.instant().getEpochSecond() + delay;
    }

    private List<Pending> render(Connection c, List<Entry> due) throws SQLException {
        List<Pending> out = new ArrayList<>();
        for (Entry e : due) {
            List<Letters.KeyInfo> keys = new ArrayList<>();
            List<Recoverable> rows = OutboxStore.REGISTRATION.equals(e.kind())
                    ? single(LicenseStore.recoverable(c, e.licenseId()))
                    : LicenseStore.recoverableOfEmail(c, e.recipient());
            for (Recoverable r : rows) {
                String key = vault.open(r.keySealed(), r.keyHash());
                if (key != null) {
                    keys.add(new Letters.KeyInfo(r.license().owner().companyName(), r.license().owner().contactName(),
                            r.license().owner().email(), key, Entitlements.of(c, r.license().id()).products()));
                }
            }
            Letter letter = keys.isEmpty() ? null : OutboxStore.REGISTRATION.equals(e.kind())
                    ? letters.registration(keys.get(0), e.language()) : letters.lostKeys(keys, e.language());
            out.add(new Pending(e, letter));
        }
        return out;
    }

    private static List<Recoverable> single(Recoverable r) {
        return r == null ? List.of() : List.of(r);
    }

    private void deliverQuietly() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "mail outbox pass failed", e);
        }
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.shutdownNow();
            try {
                worker.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
