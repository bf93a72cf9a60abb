package org.pbx.marketplace.impl.internal.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Back-off and the single pending check. */
class CheckSchedulerTest {

    @Test
    void backOffDoublesUpToTheCapWithJitter() {
        CheckScheduler fixed = new CheckScheduler(() -> { }, () -> 1.0);
        Duration min = Duration.ofSeconds(300);
        Duration max = Duration.ofSeconds(21600);
        assertEquals(300_000, fixed.backOff(1, min, max));
        assertEquals(600_000, fixed.backOff(2, min, max));
        assertEquals(1_200_000, fixed.backOff(3, min, max));
        assertEquals(21_600_000, fixed.backOff(10, min, max));
        assertEquals(21_600_000, fixed.backOff(1000, min, max), "no overflow after many failures");
        CheckScheduler jittered = new CheckScheduler(() -> { }, () -> 1.2);
        assertEquals(360_000, jittered.backOff(1, min, max));
        fixed.stop();
        jittered.stop();
    }

    @Test
    void aNewScheduleReplacesThePendingCheck() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        CheckScheduler scheduler = new CheckScheduler(ran::countDown, () -> 1.0);
        try {
            scheduler.schedule(TimeUnit.HOURS.toMillis(1));
            assertTrue(scheduler.pending());
            scheduler.schedule(0);
            assertTrue(ran.await(10, TimeUnit.SECONDS), "the replacement ran");
            scheduler.cancel();
            assertFalse(scheduler.pending());
        } finally {
            scheduler.stop();
        }
    }
}
