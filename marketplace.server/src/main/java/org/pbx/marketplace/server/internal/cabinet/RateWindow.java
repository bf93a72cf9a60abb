package org.pbx.marketplace.server.internal.cabinet;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most MAX events per key within a sliding window, in memory (a restart forgets, which only
 * ever lets more through once). Used by the lost-key page per address and per client.
 */
final class RateWindow {
    private final Map<String, Deque<Long>> events = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int max;
    private final long windowSeconds;

    RateWindow(Clock clock, int max, long windowSeconds) {
        this.clock = clock;
        this.max = max;
        this.windowSeconds = windowSeconds;
    }

    /** Counts one event and says whether it is within the limit; refused events are not counted. */
    boolean tryAcquire(String key) {
        long now = clock.instant().getEpochSecond();
        if (events.size() > 10_000) {
            events.values().removeIf(times -> {
                synchronized (times) {
                    prune(times, now);
                    return times.isEmpty();
                }
            });
        }
        Deque<Long> times = events.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times, now);
            if (times.size() >= max) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }

    private void prune(Deque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - windowSeconds) {
            times.removeFirst();
        }
    }
}
