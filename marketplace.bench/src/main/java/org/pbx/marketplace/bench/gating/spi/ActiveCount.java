package org.pbx.marketplace.bench.gating.spi;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * How many gated components are active right now. The system bundle exports this package, so
 * the components inside the test bundle and the bench outside count on the same class.
 */
public final class ActiveCount {

    private static final AtomicInteger ACTIVE = new AtomicInteger();
    private static volatile Thread waiter;
    private static volatile int target = -1;

    private ActiveCount() {
    }

    public static void activated() {
        wake(ACTIVE.incrementAndGet());
    }

    public static void deactivated() {
        wake(ACTIVE.decrementAndGet());
    }

    public static int get() {
        return ACTIVE.get();
    }

    /** Parks until exactly {@code count} components are active; false on timeout. */
    public static boolean await(int count, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        target = count;
        waiter = Thread.currentThread();
        try {
            while (ACTIVE.get() != count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(left);
            }
            return true;
        } finally {
            waiter = null;
            target = -1;
        }
    }

    private static void wake(int now) {
        Thread thread = waiter;
        if (thread != null && now == target) {
            LockSupport.unpark(thread);
        }
    }
}
