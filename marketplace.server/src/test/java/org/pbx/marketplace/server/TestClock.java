package org.pbx.marketplace.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock the test moves forward, so expiry is tested without waiting. */
final class TestClock extends Clock {
    private final AtomicReference<Instant> now;
    private final boolean live;

    TestClock() {
        this(Instant.parse("2026-03-01T10:00:00Z"), false);
    }

    private TestClock(Instant start, boolean live) {
        this.now = new AtomicReference<>(start);
        this.live = live;
    }

    TestClock(Instant start) {
        this(start, false);
    }

    /** The real clock, for signing requests to a server in another process. */
    static TestClock live() {
        return new TestClock(Instant.now(), true);
    }

    void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    long epochSeconds() {
        return instant().getEpochSecond();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return live ? Instant.now() : now.get();
    }
}
