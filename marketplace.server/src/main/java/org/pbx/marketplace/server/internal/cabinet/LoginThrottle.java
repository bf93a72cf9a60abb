package org.pbx.marketplace.server.internal.cabinet;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wrong cabinet logins per client address: after MAX_FAILURES within WINDOW seconds every login
 * from that address is refused until the oldest failure leaves the window. Successes do not
 * reset the count, so one valid key cannot be used to keep guessing.
 */
final class LoginThrottle {
    static final int MAX_FAILURES = 5;
    static final long WINDOW = 600;

    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    boolean blocked(String address) {
        Deque<Long> times = failures.get(address);
        if (times == null) {
            return false;
        }
        synchronized (times) {
            prune(times);
            return times.size() >= MAX_FAILURES;
        }
    }

    void failed(String address) {
        if (failures.size() > 10_000) {
            failures.values().removeIf(times -> {
                synchronized (times) {
                    prune(times);
                    return times.isEmpty();
                }
            });
        }
        Deque<Long> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (times) {
            prune(times);
            times.addLast(clock.instant().getEpochSecond());
        }
    }

    private void prune(Deque<Long> times) {
        long oldest = clock.instant().getEpochSecond() - WINDOW;
        while (!times.isEmpty() && times.peekFirst() <= oldest) {
            times.removeFirst();
        }
    }
}
