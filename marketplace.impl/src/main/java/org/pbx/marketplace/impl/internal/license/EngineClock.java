package org.pbx.marketplace.impl.internal.license;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The license's one clock: the state's evaluation, the token checks, the trust root's expiry and the
 * schedule all read it, so a test or a simulation that replaces it (a {@code Clock} service) moves
 * them together. The replacement can change at any moment, hence a delegate rather than a field in each.
 */
final class EngineClock extends Clock {

    private volatile Clock delegate = Clock.systemUTC();

    /** Uses {@code replacement}, or the system clock again when null. */
    void use(Clock replacement) {
        delegate = replacement == null ? Clock.systemUTC() : replacement;
    }

    @Override
    public long millis() {
        return delegate.millis();
    }

    @Override
    public Instant instant() {
        return delegate.instant();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return delegate.withZone(zone);
    }
}
