package org.pbx.marketplace.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.testsupport.TestInstallation;

/**
 * Requests that used to be safe only because one synchronized connection served them all, now
 * racing on a connection pool (and, for the outbox, on two servers sharing one database): the database
 * must decide each race. Every round releases its threads at one gate; waits are bounded.
 */
class ConcurrencyTest {
    private static final int THREADS = 8;

    @TempDir
    Path dir;

    /** Runs the tasks at once, after one gate; returns their results in order. */
    private static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    gate.await();
                    return task.call();
                }));
            }
            gate.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<Integer, Integer> statuses(List<Harness.Resp> answers) {
        Map<Integer, Integer> count = new TreeMap<>();
        answers.forEach(a -> count.merge(a.status(), 1, Integer::sum));
        return count;
    }

    @Test
    void oneCouponRacedByManyLicensesIsSpentOnce() throws Exception {
        try (Harness h = Harness.start(dir)) {
            String coupon = h.server.issueCoupon("call-recording-pro", 30);
            List<Callable<Harness.Resp>> tasks = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                TestInstallation pbx = new TestInstallation();
                String key = h.register(pbx, "coupon" + i + "@example.com", "Coupon " + i + " Ltd");
                tasks.add(() -> h.post("/v1/coupons/activate", pbx, Harness.body("licenseKey", key, "coupon", coupon,
                        "nonce", TestInstallation.nonce())));
            }
            List<Harness.Resp> answers = race(tasks);
            assertEquals(Map.of(200, 1, 409, THREADS - 1), statuses(answers), "one winner, the rest E_COUPON_USED");
            answers.stream().filter(a -> a.status() == 409).forEach(a -> assertEquals(5002, a.errorCode(409)));
        }
    }

    @Test
    void aReleasedKeyRacedByManyPbxsIsBoundToOne() throws Exception {
        try (Harness h = Harness.start(dir)) {
            TestInstallation first = new TestInstallation();
            String key = h.register(first, "bind@example.com", "Bind Ltd");
            assertEquals(204, h.post("/v1/licenses/release", first, Harness.body("licenseKey", key)).status());
            List<Callable<Harness.Resp>> tasks = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                TestInstallation pbx = new TestInstallation();
                tasks.add(() -> h.validate(pbx, key));
            }
            List<Harness.Resp> answers = race(tasks);
            assertEquals(Map.of(200, 1, 403, THREADS - 1), statuses(answers), "one binding; the others are refused");
            for (Harness.Resp a : answers) {
                if (a.status() == 403) {
                    assertEquals("BOUND_ELSEWHERE", h.refusal(a).get("reason").asText());
                }
            }
        }
    }

    @Test
    void oneNonceSentManyTimesAtOnceIsAnsweredOnceAndReplayedOtherwise() throws Exception {
        try (Harness h = Harness.start(dir)) {
            TestInstallation pbx = new TestInstallation();
            String key = h.register(pbx, "nonce@example.com", "Nonce Ltd");
            String nonce = TestInstallation.nonce();
            List<Callable<Harness.Resp>> tasks = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                tasks.add(() -> h.post("/v1/licenses/validate", pbx, Harness.body("licenseKey", key, "nonce", nonce)));
            }
            List<Harness.Resp> answers = race(tasks);
            assertEquals(Map.of(200, 1, 409, THREADS - 1), statuses(answers), "never a 500 for the losers");
            answers.stream().filter(a -> a.status() == 409).forEach(a -> assertEquals(2005, a.errorCode(409)));
        }
    }

    @Test
    void concurrentAnswersForOneLicenseGetDistinctSerials() throws Exception {
        try (Harness h = Harness.start(dir)) {
            TestInstallation pbx = new TestInstallation();
            String key = h.register(pbx, "serial@example.com", "Serial Ltd");
            List<Callable<Harness.Resp>> tasks = new ArrayList<>();
            for (int i = 0; i < 2 * THREADS; i++) {
                tasks.add(() -> h.validate(pbx, key));
            }
            Set<Long> serials = new HashSet<>();
            for (Harness.Resp a : race(tasks)) {
                serials.add(h.token(a).get("serial").asLong());
            }
            assertEquals(2 * THREADS, serials.size(), "every token a serial of its own: " + serials);
        }
    }

    @Test
    void twoServersOnOneDatabaseSendEachLetterOnce() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        GreenMail smtp = Harness.smtp(port);
        TestClock clock = new TestClock();
        int smtpPort = port;
        java.util.function.UnaryOperator<VendorServerSettings.Builder> mail = b -> b
                .smtp("127.0.0.1", smtpPort, VendorServerSettings.SmtpSecurity.NONE).mailFrom("licenses@vendor.test");
        try (Harness a = new Harness(dir, clock, mail); Harness b = new Harness(dir, clock, mail)) {
            // SMTP down while the letters are queued, so none goes out before the race.
            int letters = 12;
            for (int i = 0; i < letters; i++) {
                (i % 2 == 0 ? a : b).register(new TestInstallation(), "letter" + i + "@example.com", "Letter " + i);
            }
            a.server.deliverMailNow();
            b.server.deliverMailNow();
            assertArrayEquals(new int[] {0, letters, 0, 0}, a.server.mailOutboxCounts(), "all failing, none sent");
            smtp.start();
            clock.advance(java.time.Duration.ofMinutes(2));
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                VendorServer node = (i % 2 == 0 ? a : b).server;
                tasks.add(node::deliverMailNow);
            }
            // The servers' own background passes may join in; they claim like the others.
            int sent = race(tasks).stream().mapToInt(Integer::intValue).sum();
            assertTrue(sent <= letters, "the racing passes sent " + sent);
            // One more pass per server waits for that server's background pass (one pass at a time per node).
            a.server.deliverMailNow();
            b.server.deliverMailNow();
            assertArrayEquals(new int[] {0, 0, 0, letters}, b.server.mailOutboxCounts(), "every letter recorded sent");
            assertTrue(smtp.waitForIncomingEmail(10_000, letters));
            assertEquals(letters, smtp.getReceivedMessages().length, "and none twice");
        } finally {
            smtp.stop();
        }
    }
}
