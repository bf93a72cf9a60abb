package org.pbx.marketplace.web.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows a password guesser down per client address: the first {@value #FREE_FAILURES} wrong
 * passwords are only refused; each one after that locks the address out for twice as long as the
 * one before (1 s, 2 s, 4 s … at most {@link #MAX_LOCKOUT}), and while it is locked out no password,
 * not even the right one, is checked. The lockout ends by itself; a right password clears the count.
 * Requests without credentials (a browser's first request) never count.
 */
final class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final Duration MAX_LOCKOUT = Duration.ofMinutes(15);
    /** Addresses remembered at most; the least recently seen is forgotten first. */
    static final int MAX_CLIENTS = 10_000;
    /** A client whose last failure is this old starts again from zero. */
    static final Duration FORGET_AFTER = Duration.ofHours(1);

    private final Clock clock;
    private final Map<String, Failures> clients = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the client must still wait before a password of its is checked; zero if it may try now. */
    synchronized Duration wait(String client) {
        Failures failures = clients.get(client);
        if (failures == null) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        if (now.isAfter(failures.last.plus(FORGET_AFTER))) {
            clients.remove(client);
            return Duration.ZERO;
        }
        return now.isBefore(failures.lockedUntil) ? Duration.between(now, failures.lockedUntil) : Duration.ZERO;
    }

    /** Counts a wrong password; returns the lockout it earns (zero for the free ones). */
    synchronized Duration failed(String client) {
        Instant now = clock.instant();
        Failures failures = clients.computeIfAbsent(client, c -> new Failures());
        if (failures.count > 0 && now.isAfter(failures.last.plus(FORGET_AFTER))) {
            failures.count = 0;
        }
        failures.count++;
        failures.last = now;
        Duration lockout = lockout(failures.count);
        failures.lockedUntil = now.plus(lockout);
        return lockout;
    }

    synchronized void succeeded(String client) {
        clients.remove(client);
    }

    /** The lockout after the n-th wrong password in a row. */
    static Duration lockout(int failures) {
        if (failures <= FREE_FAILURES) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - FREE_FAILURES - 1, 30);
        Duration lockout = Duration.ofSeconds(1L << doublings);
        return lockout.compareTo(MAX_LOCKOUT) > 0 ? MAX_LOCKOUT : lockout;
    }

    private static final class Failures {
        int count;
        Instant last = Instant.EPOCH;
        Instant lockedUntil = Instant.EPOCH;
    }
}
