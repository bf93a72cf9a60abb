package org.pbx.marketplace.impl.internal.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.impl.internal.gating.GatingPublisher;
import org.pbx.marketplace.impl.internal.protocol.VendorUnreachableException;

/** Releases at the vendor with no lock held: what was released is struck, the rest stays queued in the store. */
class ReleaseQueueTest {

    @TempDir
    Path data;

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private Publication publication;
    private CheckScheduler scheduler;
    private LicenseMachine machine;
    private LicenseStore store;

    @BeforeEach
    void start() throws Exception {
        store = new LicenseStore(data.resolve("license.json"));
        LicenseStore.Record record = new LicenseStore.Record();
        record.pendingRelease = new java.util.ArrayList<>(List.of(Fixtures.KEY, Fixtures.OTHER_KEY));
        store.save(record);
        publication = new Publication(Fixtures.INSTALLATION, mock(GatingPublisher.class), List.of(), (level, message) -> { }, id -> null);
        scheduler = new CheckScheduler(() -> { });
        machine = new LicenseMachine(store, mock(KeyConfig.class), publication, scheduler, new EngineClock(),
                (level, message) -> { }, () -> { });
        machine.start((jws, key) -> null);
    }

    @AfterEach
    void stop() {
        scheduler.stop();
        publication.stop();
    }

    @Test
    void whatTheVendorReleasedIsStruckTheRestStays() throws Exception {
        ReleaseQueue queue = new ReleaseQueue(machine, key -> {
            if (key.equals(Fixtures.OTHER_KEY)) {
                throw new VendorUnreachableException("connection refused");
            }
        }, (level, message) -> logged.add(message));
        assertEquals(List.of(Fixtures.OTHER_KEY), queue.releasePending());
        assertEquals(List.of(Fixtures.OTHER_KEY), store.load().pendingRelease);
        assertTrue(logged.stream().anyMatch(line -> line.contains("MKT-*****-*****-*****-WWWWW")
                && line.contains("connection refused")), "said with the masked key: " + logged);
        assertTrue(logged.stream().noneMatch(line -> line.contains(Fixtures.OTHER_KEY)), "never the full key");
    }

    @Test
    void aKeyQueuedWhileReleasingStaysAndASecondRoundDoesNotWait() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        ReleaseQueue queue = new ReleaseQueue(machine, key -> {
            inside.countDown();
            try {
                letGo.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, (level, message) -> { });
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<List<String>> round = pool.submit(queue::releasePending);
            assertTrue(inside.await(10, TimeUnit.SECONDS));
            assertNull(queue.releasePending(), "another round is under way: this caller doesn't wait for the vendor");
            // The state machine is free meanwhile: a key change queues a third key.
            machine.update(next -> {
                next.pendingRelease.add("MKT-QQQQQ-QQQQQ-QQQQQ-QQQQQ");
                return next;
            });
            letGo.countDown();
            assertEquals(List.of(), round.get(20, TimeUnit.SECONDS));
            assertEquals(List.of("MKT-QQQQQ-QQQQQ-QQQQQ-QQQQQ"), store.load().pendingRelease);
        } finally {
            pool.shutdownNow();
        }
    }
}
