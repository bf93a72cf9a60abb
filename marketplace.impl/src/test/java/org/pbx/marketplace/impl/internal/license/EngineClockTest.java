package org.pbx.marketplace.impl.internal.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** The one clock: a replacement moves every reader at once; none means the system clock again. */
class EngineClockTest {

    @Test
    void followsItsReplacement() {
        EngineClock clock = new EngineClock();
        Clock seen = clock; // what the parts were given once, at construction
        clock.use(Clock.fixed(Instant.ofEpochSecond(1_000_000), ZoneOffset.UTC));
        assertEquals(1_000_000_000L, seen.millis());
        assertEquals(Instant.ofEpochSecond(1_000_000), seen.instant());
        clock.use(null);
        assertTrue(Math.abs(seen.millis() - System.currentTimeMillis()) < 60_000);
        assertEquals(ZoneOffset.UTC, seen.getZone());
    }
}
