package org.pbx.marketplace.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** The login throttle on a clock the test moves: growing lockouts that end by themselves, per address. */
class LoginThrottleTest {

    private final MovableClock clock = new MovableClock();
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void fiveFreeGuessesThenLockoutsThatDoubleUpToTheCap() {
        for (int i = 1; i <= LoginThrottle.FREE_FAILURES; i++) {
            assertEquals(Duration.ZERO, throttle.failed("10.0.0.1"), "guess " + i);
        }
        Duration previous = Duration.ZERO;
        for (int i = 6; i <= 50; i++) {
            assertEquals(Duration.ZERO, throttle.wait("10.0.0.1"), "the lockout before guess " + i + " has ended by itself");
            Duration lockout = throttle.failed("10.0.0.1");
            assertTrue(lockout.compareTo(previous) >= 0, "lockouts never shrink: " + previous + " then " + lockout);
            assertTrue(lockout.compareTo(LoginThrottle.MAX_LOCKOUT) <= 0);
            assertEquals(lockout, throttle.wait("10.0.0.1"), "locked out right after guess " + i);
            previous = lockout;
            clock.advance(lockout);
        }
        assertEquals(Duration.ofSeconds(1), LoginThrottle.lockout(6));
        assertEquals(Duration.ofSeconds(2), LoginThrottle.lockout(7));
        assertEquals(LoginThrottle.MAX_LOCKOUT, previous, "50 guesses reach the cap");
    }

    @Test
    void aLockoutHoldsUntilItsEndThenTheRightPasswordClearsTheCount() {
        for (int i = 0; i < 8; i++) {
            throttle.failed("10.0.0.1");
        }
        Duration lockout = throttle.wait("10.0.0.1");
        assertEquals(Duration.ofSeconds(4), lockout);
        clock.advance(lockout.minusMillis(1));
        assertTrue(!throttle.wait("10.0.0.1").isZero(), "still locked out a millisecond before the end");
        clock.advance(Duration.ofMillis(1));
        assertEquals(Duration.ZERO, throttle.wait("10.0.0.1"));
        throttle.succeeded("10.0.0.1");
        assertEquals(Duration.ZERO, throttle.failed("10.0.0.1"), "the count starts again after a right password");
    }

    @Test
    void anotherAddressIsNotLockedOutAndAnOldCountIsForgotten() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("10.0.0.1");
        }
        assertEquals(Duration.ZERO, throttle.wait("10.0.0.2"));
        clock.advance(LoginThrottle.FORGET_AFTER.plusSeconds(1));
        assertEquals(Duration.ZERO, throttle.wait("10.0.0.1"));
        assertEquals(Duration.ZERO, throttle.failed("10.0.0.1"), "an hour later the guesser starts from zero, with 5 free guesses");
    }

    @Test
    void theMemoryIsBounded() {
        for (int i = 0; i < LoginThrottle.MAX_CLIENTS + 100; i++) {
            throttle.failed("client-" + i);
        }
        // The least recently seen were forgotten; the newest are still counted.
        assertEquals(Duration.ZERO, throttle.wait("client-0"));
        for (int i = 0; i < 5; i++) {
            throttle.failed("client-" + (LoginThrottle.MAX_CLIENTS + 99));
        }
        assertTrue(!throttle.wait("client-" + (LoginThrottle.MAX_CLIENTS + 99)).isZero());
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }
}
