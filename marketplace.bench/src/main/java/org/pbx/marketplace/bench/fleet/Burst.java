package org.pbx.marketplace.bench.fleet;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server comes back after an outage and every PBX's retry comes due within the back-off
 * window: LicenseEngine waits retryMinSeconds (300) × a jitter of 0.8–1.2 after the first failure,
 * so the whole fleet arrives spread over 240–360 s, a 120 s window. Each PBX sends when due (open
 * loop); a failed answer retries after the next back-off step (600 s × jitter), as the PBX does.
 * The window and the back-off are divided by {@code scale} along with the number of PBXs, which
 * keeps the arrival rate of the full fleet. Every token is checked as the PBX checks it.
 */
final class Burst {
    static final double WINDOW_SECONDS = 300 * 0.4;
    private static final double SECOND_STEP_SECONDS = 600;
    private static final int CONNECTIONS = 64;

    record Result(int pbxs, double windowSeconds, double allAnsweredSeconds, double p99WaitSeconds,
                  double maxWaitSeconds, int valid, int refused, int unanswered, int retries) {
    }

    private static final class Due implements Delayed {
        final Pbx pbx;
        final long atNanos;
        final int attempt;
        final Requests.Signed request;

        Due(Pbx pbx, long atNanos, int attempt, Requests.Signed request) {
            this.pbx = pbx;
            this.atNanos = atNanos;
            this.attempt = attempt;
            this.request = request;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(atNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(atNanos, ((Due) o).atNanos);
        }
    }

    private Burst() {
    }

    static Result run(List<Pbx> pbxs, double scale, List<InetSocketAddress> nodes, Requests requests, TokenCheck check)
            throws InterruptedException {
        for (int i = 0; i < pbxs.size(); i++) {
            if (pbxs.get(i).index != i) {
                throw new IllegalArgumentException("the burst takes the fleet's first PBXs, in order");
            }
        }
        double window = WINDOW_SECONDS / scale;
        long signedEpoch = System.currentTimeMillis() / 1000;
        double[] offsets = new double[pbxs.size()];
        List<Requests.Signed> signed = new ArrayList<>(pbxs.size());
        // Signed ahead with the due time's timestamp, so the load generator's signing is not in the burst.
        for (Pbx pbx : pbxs) {
            offsets[pbx.index] = ThreadLocalRandom.current().nextDouble(window);
            signed.add(requests.validate(pbx, signedEpoch + (long) offsets[pbx.index]));
        }
        long startNanos = System.nanoTime() + 200_000_000L;
        DelayQueue<Due> queue = new DelayQueue<>();
        for (Pbx pbx : pbxs) {
            queue.add(new Due(pbx, startNanos + (long) (offsets[pbx.index] * 1e9), 1, signed.get(pbx.index)));
        }
        long capNanos = startNanos + (long) ((window + 2 * SECOND_STEP_SECONDS * 1.2 / scale + 60) * 1e9);
        String[] tokens = new String[pbxs.size()];
        String[] nonces = new String[pbxs.size()];
        long[] firstDue = new long[pbxs.size()];
        long[] answeredAt = new long[pbxs.size()];
        boolean[] refusedBy = new boolean[pbxs.size()];
        for (Due d : queue) {
            firstDue[d.pbx.index] = d.atNanos;
        }
        AtomicInteger open = new AtomicInteger(pbxs.size());
        AtomicInteger retries = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            InetSocketAddress node = nodes.get(c % nodes.size());
            threads.add(Load.daemon("fleet-burst-" + c, () -> {
                try (Wire wire = new Wire(node, null, Load.TIMEOUT_MILLIS)) {
                    while (open.get() > 0 && System.nanoTime() < capNanos) {
                        Due due;
                        try {
                            due = queue.poll(100, TimeUnit.MILLISECONDS);
                        } catch (InterruptedException e) {
                            return;
                        }
                        if (due == null) {
                            continue;
                        }
                        int i = due.pbx.index;
                        Wire.Answer answer = null;
                        try {
                            answer = wire.exchange(due.request.bytes());
                        } catch (IOException e) {
                            wire.close();
                        }
                        if (answer != null && answer.status() == 200 && answer.contentType().startsWith("application/jose")) {
                            tokens[i] = answer.text();
                            nonces[i] = due.request.nonce();
                            answeredAt[i] = System.nanoTime();
                            open.decrementAndGet();
                        } else if (answer != null && answer.status() == 403 && answer.contentType().startsWith("application/jose")) {
                            refusedBy[i] = true; // a signed refusal: this PBX loses its license
                            answeredAt[i] = System.nanoTime();
                            open.decrementAndGet();
                        } else {
                            retries.incrementAndGet();
                            double step = (due.attempt == 1 ? SECOND_STEP_SECONDS : 2 * SECOND_STEP_SECONDS) / scale;
                            long at = System.nanoTime() + (long) (step * ThreadLocalRandom.current().nextDouble(0.8, 1.2) * 1e9);
                            long epoch = System.currentTimeMillis() / 1000 + (at - System.nanoTime()) / 1_000_000_000L;
                            queue.add(new Due(due.pbx, at, due.attempt + 1, requests.validate(due.pbx, epoch)));
                        }
                    }
                }
            }));
        }
        Load.joinAll(threads, (capNanos - System.nanoTime()) / 1_000_000 + Load.TIMEOUT_MILLIS + 5_000);
        long now = System.currentTimeMillis() / 1000;
        int valid = 0;
        int refused = 0;
        int unanswered = 0;
        long last = startNanos;
        double[] waits = new double[pbxs.size()];
        int answered = 0;
        for (int i = 0; i < pbxs.size(); i++) {
            if (refusedBy[i]) {
                refused++;
            } else if (tokens[i] == null) {
                unanswered++;
                continue;
            } else if (check.valid(tokens[i], pbxs.get(i), nonces[i], now)) {
                valid++;
            }
            last = Math.max(last, answeredAt[i]);
            waits[answered++] = (answeredAt[i] - firstDue[i]) / 1e9;
        }
        double[] sorted = Arrays.copyOf(waits, answered);
        Arrays.sort(sorted);
        double p99 = sorted.length == 0 ? Double.NaN : sorted[Math.max(0, (int) Math.ceil(0.99 * sorted.length) - 1)];
        double max = sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
        return new Result(pbxs.size(), window, (last - startNanos) / 1e9, p99, max, valid, refused, unanswered, retries.get());
    }
}
