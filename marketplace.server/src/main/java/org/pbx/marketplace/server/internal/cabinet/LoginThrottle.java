package org.pbx.marketplace.server.internal.cabinet;

import java.time.Clock;
import org.pbx.marketplace.server.internal.store.Database;
import org.pbx.marketplace.server.internal.store.RateStore;

/**
 * Wrong cabinet logins per client address, counted in the database across nodes: after MAX_FAILURES
 * within WINDOW seconds every login from that address is refused until the oldest failure leaves the
 * window. Successes do not reset the count, so one valid key cannot be used to keep guessing.
 */
final class LoginThrottle {
    static final int MAX_FAILURES = 5;
    static final long WINDOW = 600;
    private static final String BUCKET = "cabinet.login";

    private final Database db;
    private final Clock clock;

    LoginThrottle(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Seconds until the address may try again; 0 when it may now. */
    long blockedFor(String address) {
        return db.tx(c -> RateStore.retryAfter(c, BUCKET, address, MAX_FAILURES, WINDOW, now()));
    }

    void failed(String address) {
        db.tx(c -> {
            RateStore.record(c, BUCKET, address, MAX_FAILURES, WINDOW, now());
            return null;
        });
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
