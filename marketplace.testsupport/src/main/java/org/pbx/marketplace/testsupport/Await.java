package org.pbx.marketplace.testsupport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waits that fail loudly: an AssertionError naming what was waited for, never a silent sleep. */
public final class Await {

    /** How often a condition is asked again. */
    private static final long POLL_MILLIS = 20;

    private Await() {
    }

    /** Waits until the condition holds; fails naming {@code what} when it doesn't within {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, condition, () -> "");
    }

    /**
     * As {@link #until(String, Duration, BooleanSupplier)}; {@code lastSeen} is added to the failure
     * (e.g. the last answer), asked only when the wait fails.
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> lastSeen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                String seen = lastSeen.get();
                throw new AssertionError("Timed out after " + timeout.getSeconds() + " s waiting for " + what
                        + (seen.isEmpty() ? "" : "; " + seen));
            }
            try {
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what, e);
            }
        }
    }
}
