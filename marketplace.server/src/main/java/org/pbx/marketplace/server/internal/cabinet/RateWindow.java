package org.pbx.marketplace.server.internal.cabinet;

import java.time.Clock;
import org.pbx.marketplace.server.internal.store.Database;
import org.pbx.marketplace.server.internal.store.RateStore;

/**
 * At most MAX events per key within a sliding window, counted in the database so every node shares the
 * count. Used by the lost-key page per address and per client.
 */
final class RateWindow {
    private final Database db;
    private final Clock clock;
    private final String bucket;
    private final int max;
    private final long windowSeconds;

    RateWindow(Database db, Clock clock, String bucket, int max, long windowSeconds) {
        this.db = db;
        this.clock = clock;
        this.bucket = bucket;
        this.max = max;
        this.windowSeconds = windowSeconds;
    }

    /** Counts one event if within the limit: 0 then, else the seconds until it would be (refused events are not counted). */
    long tryAcquire(String key) {
        return db.tx(c -> RateStore.acquire(c, bucket, key, max, windowSeconds, clock.instant().getEpochSecond()));
    }
}
