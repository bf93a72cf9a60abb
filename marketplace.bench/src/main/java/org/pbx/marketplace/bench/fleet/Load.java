package org.pbx.marketplace.bench.fleet;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The two ways the fleet loads the nodes. Closed loop: a fixed number of connections, each sending
 * its next request as soon as the last is answered, for a bounded time (saturation). Open loop:
 * request i is due at start + i / rate whatever happened before, and its latency is counted from
 * that due time, so a stalled server shows as late answers instead of fewer requests
 * (no coordinated omission). Connection i goes to node i mod nodes.
 */
final class Load {
    /** One request on a connection; true if the answer is the one expected. */
    @FunctionalInterface
    interface Task {
        boolean call(Wire wire, long index) throws IOException;
    }

    /** Counts of a closed-loop run. */
    record Closed(long ok, long failed, double seconds) {
        double perSecond() {
            return ok / seconds;
        }
    }

    /** Latencies (ns, from the due time) of the answered requests of an open-loop run, sorted. */
    record Open(long[] latencies, long failed, long scheduled) {
        double percentileMillis(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100 * latencies.length);
            return latencies[Math.max(0, Math.min(latencies.length - 1, rank - 1))] / 1e6;
        }
    }

    static final int TIMEOUT_MILLIS = 15_000; // the PBX's request timeout (LicenseConfiguration)

    private Load() {
    }

    static Closed closed(List<InetSocketAddress> nodes, int clients, long millis, Task task) throws InterruptedException {
        AtomicLong index = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long end = start + millis * 1_000_000;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            InetSocketAddress node = nodes.get(c % nodes.size());
            threads.add(daemon("fleet-closed-" + c, () -> {
                try (Wire wire = new Wire(node, null, TIMEOUT_MILLIS)) {
                    while (System.nanoTime() < end) {
                        count(task, wire, index.getAndIncrement(), ok, failed);
                    }
                }
            }));
        }
        joinAll(threads, millis + TIMEOUT_MILLIS + 5_000);
        return new Closed(ok.get(), failed.get(), (System.nanoTime() - start) / 1e9);
    }

    static Open open(List<InetSocketAddress> nodes, double rate, long millis, int workers, Task task) throws InterruptedException {
        long count = (long) (rate * millis / 1000.0);
        long[] latencies = new long[(int) count];
        Arrays.fill(latencies, -1);
        AtomicLong next = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime() + 50_000_000; // every worker connected and waiting at the first due time
        double interval = 1e9 / rate;
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            InetSocketAddress node = nodes.get(w % nodes.size());
            threads.add(daemon("fleet-open-" + w, () -> {
                try (Wire wire = new Wire(node, null, TIMEOUT_MILLIS)) {
                    for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long due = start + (long) (i * interval);
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                        }
                        boolean good;
                        try {
                            good = task.call(wire, i);
                        } catch (IOException | RuntimeException e) {
                            wire.close();
                            good = false;
                        }
                        if (good) {
                            latencies[(int) i] = System.nanoTime() - due;
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                }
            }));
        }
        joinAll(threads, millis + TIMEOUT_MILLIS + 5_000);
        return new Open(Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray(), failed.get(), count);
    }

    private static void count(Task task, Wire wire, long i, AtomicLong ok, AtomicLong failed) {
        try {
            if (task.call(wire, i)) {
                ok.incrementAndGet();
                return;
            }
        } catch (IOException | RuntimeException e) {
            wire.close();
        }
        failed.incrementAndGet();
    }

    static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Every load thread ends by its own deadline; waiting longer than that is a bug worth a loud failure. */
    static void joinAll(List<Thread> threads, long millis) throws InterruptedException {
        threads.forEach(Thread::start);
        long deadline = System.currentTimeMillis() + millis;
        for (Thread t : threads) {
            t.join(Math.max(1, deadline - System.currentTimeMillis()));
            if (t.isAlive()) {
                throw new IllegalStateException(t.getName() + " still running " + millis + " ms after its end");
            }
        }
    }
}
