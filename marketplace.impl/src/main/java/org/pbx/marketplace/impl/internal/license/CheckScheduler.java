package org.pbx.marketplace.impl.internal.license;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * When the next license check runs: at half the token's lifetime after a good answer, with
 * doubling, jittered back-off after failures. The checks run on this scheduler's own thread, the
 * only one that waits for the vendor on the scheduler's behalf; nothing else queues behind them.
 */
final class CheckScheduler {

    private final ScheduledThreadPoolExecutor executor;
    private final Runnable check;
    private final DoubleSupplier jitter;
    private ScheduledFuture<?> next;

    CheckScheduler(Runnable check) {
        this(check, () -> ThreadLocalRandom.current().nextDouble(0.8, 1.2));
    }

    /** @param jitter a factor the back-off is multiplied with (tests pass a fixed one) */
    CheckScheduler(Runnable check, DoubleSupplier jitter) {
        this.check = check;
        this.jitter = jitter;
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "marketplace-license-check");
            thread.setDaemon(true);
            return thread;
        });
        // Each answer reschedules the next check; a cancelled one must not wait in the queue for hours.
        executor.setRemoveOnCancelPolicy(true);
    }

    /** The delay after {@code failures} failed checks in a row: retryMin doubled each time, at most retryMax, ±20 %. */
    long backOff(int failures, Duration retryMin, Duration retryMax) {
        long base = retryMin.toMillis() << Math.min(20, Math.max(0, failures - 1));
        long delay = Math.min(retryMax.toMillis(), base);
        // Jitter, so that PBXs that lost the server together don't all come back in the same second.
        return (long) (delay * jitter.getAsDouble());
    }

    /** The next check after a good answer: at half the token's lifetime, at least a second from now. */
    static long afterAnswer(Token token) {
        return Math.max(1000, (token.expiresAt - token.issuedAt) / 2);
    }

    /** Replaces the pending check with one in {@code delayMillis}. */
    synchronized void schedule(long delayMillis) {
        cancel();
        try {
            next = executor.schedule(check, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Stopped: no more checks.
        }
    }

    /** Runs a task on the check thread soon, leaving the pending check as it is. */
    void runSoon(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // Stopped.
        }
    }

    /** Whether a check is waiting to run (the one running now does not count). */
    synchronized boolean pending() {
        return next != null && !next.isDone() && next.getDelay(TimeUnit.MILLISECONDS) > 0;
    }

    synchronized void cancel() {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
    }

    void stop() {
        executor.shutdownNow();
    }
}
