package org.pbx.marketplace.server.internal.store;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the shared tables bounded: expired nonces, sessions expired for a day, limit rows untouched for
 * a day, and sent or given-up letters older than the retention. Each table is swept in batches of
 * {@link #BATCH} rows (one short transaction each) and at most {@link #MAX_BATCHES} batches per pass, so a
 * pass never holds a long lock or an unbounded delete; what is left waits for the next pass. Every node
 * sweeps; two nodes sweeping at once only delete rows the other already deleted.
 */
public final class Sweeper implements AutoCloseable {
    public static final int BATCH = 500;
    public static final int MAX_BATCHES = 20;
    private static final long PERIOD_SECONDS = 60;
    /** Expired sessions are kept this long, so a returning owner is told the session expired. */
    private static final long SESSION_GRACE = 86_400;
    private static final System.Logger LOG = System.getLogger(Sweeper.class.getName());

    @FunctionalInterface
    private interface Batch {
        int delete(java.sql.Connection c, long now) throws java.sql.SQLException;
    }

    private final Database db;
    private final Clock clock;
    private final Duration sentRetention;
    private final ScheduledExecutorService worker;

    public Sweeper(Database db, Clock clock, Duration sentRetention, boolean background) {
        this.db = db;
        this.clock = clock;
        this.sentRetention = sentRetention;
        if (background) {
            this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "vendor-db-sweeper");
                t.setDaemon(true);
                return t;
            });
            worker.scheduleWithFixedDelay(this::sweepQuietly, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
        } else {
            this.worker = null;
        }
    }

    /** One pass now; returns the rows deleted. */
    public int sweep() {
        return table((c, now) -> NonceStore.sweep(c, now, BATCH))
                + table((c, now) -> SessionStore.sweep(c, now - SESSION_GRACE, BATCH))
                + table((c, now) -> RateStore.sweep(c, now - RateStore.LONGEST_WINDOW, BATCH))
                + table((c, now) -> OutboxStore.purge(c, now - sentRetention.toSeconds(), BATCH));
    }

    private int table(Batch batch) {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            int deleted = db.tx(c -> batch.delete(c, clock.instant().getEpochSecond()));
            total += deleted;
            if (deleted < BATCH) {
                break;
            }
        }
        return total;
    }

    private void sweepQuietly() {
        try {
            int deleted = sweep();
            if (deleted > 0) {
                LOG.log(System.Logger.Level.DEBUG, "swept " + deleted + " expired rows");
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "sweeping expired rows failed; they stay until the next pass", e);
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
