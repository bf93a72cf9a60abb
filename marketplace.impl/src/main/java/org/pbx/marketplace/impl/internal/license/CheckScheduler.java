package org.pbx.marketplace.impl.internal.license;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * When the PBX next asks the vendor, and the thread that asks: the scheduled check, the releases
 * and the key taken over from the configuration run here, outside the state's lock, so a vendor
 * that hangs delays only them. Failures back off exponentially with jitter.
 */
final class CheckScheduler {

    private final ScheduledThreadPoolExecutor executor;
    private final Runnable check;
    private ScheduledFuture<?> task;
    private volatile long nextCheckAt;

    /** @param check what a due check runs (on the scheduler's thread) */
    CheckScheduler(Runnable check) {
        this.check = check;
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "marketplace-license-check");
            thread.setDaemon(true);
            return thread;
        });
        // Each answer reschedules the next check; a cancelled one must not wait in the queue for hours.
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Checks {@code delayMillis} after {@code now} (the engine's clock). */
    synchronized void checkIn(long delayMillis, long now) {
        if (task != null) {
            task.cancel(false);
        }
        nextCheckAt = now + delayMillis;
        try {
            task = executor.schedule(check, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Stopping: no more checks.
        }
    }

    /** No check is due (unregistered). */
    synchronized void cancel() {
        if (task != null) {
            task.cancel(false);
        }
        nextCheckAt = 0;
    }

    /** When the next check is due, epoch millis of the engine's clock; 0 when none is. */
    long nextCheckAt() {
        return nextCheckAt;
    }

    /** Runs {@code work} that talks to the vendor on the scheduler's thread, soon. */
    void execute(Runnable work) {
        try {
            executor.execute(work);
        } catch (RejectedExecutionException e) {
            // Stopping: the work is redone at the next start (it is kept in the store).
        }
    }

    void stop() {
        executor.shutdownNow();
    }

    /** The wait after {@code failures} failures in a row: retryMin doubled each time, up to retryMax, ±20 %. */
    static long backoff(Duration retryMin, Duration retryMax, int failures) {
        return backoff(retryMin, retryMax, failures, ThreadLocalRandom.current().nextDouble(0.8, 1.2));
    }

    /** @param jitter 0.8–1.2, so that PBXs that lost the server together don't all come back in the same second */
    static long backoff(Duration retryMin, Duration retryMax, int failures, double jitter) {
        long base = retryMin.toMillis() << Math.min(20, Math.max(0, failures - 1));
        return (long) (Math.min(retryMax.toMillis(), base) * jitter);
    }
}
