package org.pbx.marketplace.bench.fleet;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Samples the vendor database's connections every 250 ms while a phase runs; keeps the highest. */
final class ConnectionWatch {
    private final AtomicInteger max = new AtomicInteger(-1);
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    ConnectionWatch(PgStats pg) {
        if (pg == null) {
            thread = null;
            return;
        }
        thread = Load.daemon("fleet-pg-connections", () -> {
            while (!stop.get()) {
                try {
                    max.accumulateAndGet(pg.vendorConnections(), Math::max);
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    FleetBench.log("pg_stat_activity failed: " + e);
                    return;
                }
            }
        });
        thread.start();
    }

    void stop() throws InterruptedException {
        stop.set(true);
        if (thread != null) {
            thread.join(5_000);
        }
    }

    int max() {
        return max.get();
    }
}
