package org.pbx.marketplace.impl.internal.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** When the next check runs: back-off doubling to its cap, with jitter; a new schedule replaces the old one. */
class CheckSchedulerTest {

    private static final Duration MIN = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofSeconds(8);

    @Test
    void failuresDoubleTheWaitUpToTheCap() {
        assertEquals(1000, CheckScheduler.backoff(MIN, MAX, 1, 1.0));
        assertEquals(2000, CheckScheduler.backoff(MIN, MAX, 2, 1.0));
        assertEquals(4000, CheckScheduler.backoff(MIN, MAX, 3, 1.0));
        assertEquals(8000, CheckScheduler.backoff(MIN, MAX, 4, 1.0));
        assertEquals(8000, CheckScheduler.backoff(MIN, MAX, 400, 1.0), "no overflow after many failures");
        assertEquals(800, CheckScheduler.backoff(MIN, MAX, 1, 0.8));
        assertEquals(9600, CheckScheduler.backoff(MIN, MAX, 9, 1.2));
        for (int i = 0; i < 100; i++) {
            long jittered = CheckScheduler.backoff(MIN, MAX, 4);
            assertTrue(jittered >= 6400 && jittered <= 9600, "±20 %: " + jittered);
        }
    }

    @Test
    void aNewScheduleReplacesTheOldOneAndCancelClearsIt() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch ran = new CountDownLatch(1);
        CheckScheduler scheduler = new CheckScheduler(() -> {
            runs.incrementAndGet();
            ran.countDown();
        });
        try {
            scheduler.checkIn(3_600_000, 1_000);
            assertEquals(3_601_000, scheduler.nextCheckAt());
            scheduler.checkIn(10, 5_000);
            assertEquals(5_010, scheduler.nextCheckAt());
            assertTrue(ran.await(10, TimeUnit.SECONDS), "the check ran");
            scheduler.checkIn(3_600_000, 1_000);
            scheduler.cancel();
            assertEquals(0, scheduler.nextCheckAt());
            CountDownLatch after = new CountDownLatch(1);
            scheduler.execute(after::countDown);
            assertTrue(after.await(10, TimeUnit.SECONDS), "work runs on the scheduler's thread");
            assertEquals(1, runs.get(), "the replaced hour-long check never ran");
        } finally {
            scheduler.stop();
        }
        scheduler.checkIn(1, 0); // stopped: quietly nothing
        scheduler.execute(() -> { });
    }
}
