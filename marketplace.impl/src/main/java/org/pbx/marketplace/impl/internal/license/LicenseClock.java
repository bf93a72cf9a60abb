package org.pbx.marketplace.impl.internal.license;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The one clock of the license: the state, the scheduler, the token checks and the request
 * signatures all read it, so a test (or a simulation) that replaces it moves all of them at once.
 * The system clock until a {@link Clock} service replaces it.
 */
final class LicenseClock extends Clock {

    private volatile Clock delegate = Clock.systemUTC();

    /** @param replacement the clock to use from now on; null for the system clock */
    void use(Clock replacement) {
        delegate = replacement == null ? Clock.systemUTC() : replacement;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the license clock is UTC");
    }

    @Override
    public Instant instant() {
        return delegate.instant();
    }

    @Override
    public long millis() {
        return delegate.millis();
    }
}
