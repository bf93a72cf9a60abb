package org.pbx.marketplace.impl.internal.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.pbx.marketplace.impl.internal.license.LicenseStateMachineTest.K1;
import static org.pbx.marketplace.impl.internal.license.LicenseStateMachineTest.K2;
import static org.pbx.marketplace.impl.internal.license.LicenseStateMachineTest.token;

import java.nio.file.Path;
import java.util.Dictionary;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.pbx.marketplace.impl.internal.gating.GatingPublisher;
import org.pbx.marketplace.impl.internal.protocol.VendorUnreachableException;

/** Bindings released at the vendor outside the state lock; what fails stays queued on disk. */
class ReleaseQueueTest {

    @TempDir
    Path data;

    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final List<String> released = new java.util.concurrent.CopyOnWriteArrayList<>();
    private LicenseStore store;
    private CheckScheduler scheduler;
    private Publication publication;
    private LicenseStateMachine machine;
    private ReleaseQueue queue;
    /** What happens at the PBX while the vendor releases a key. */
    private volatile Step reactivate;

    private interface Step {
        void run() throws Exception;
    }

    @BeforeEach
    void queue() {
        BundleContext context = mock(BundleContext.class);
        doReturn(mock(ServiceRegistration.class)).when(context).registerService(any(Class.class), (Object) any(), any(Dictionary.class));
        LicenseEngine.Log log = (level, message) -> { };
        store = new LicenseStore(data.resolve("license.json"));
        scheduler = new CheckScheduler(() -> { }, () -> 1.0);
        publication = new Publication(new GatingPublisher(context), List.of(), "installation", log);
        machine = new LicenseStateMachine(store, new LicenseClock(), publication, scheduler, log);
        machine.load(record -> null);
        queue = new ReleaseQueue(machine, key -> {
            if (down.contains(key)) {
                throw new VendorUnreachableException("connection refused");
            }
            if (reactivate != null) {
                try {
                    reactivate.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            released.add(key);
        }, log);
    }

    @AfterEach
    void stop() {
        scheduler.stop();
        publication.stop();
    }

    @Test
    void aKeyEnteredAgainWhileItsReleaseWasOnItsWayIsReportedSoItIsBoundAgain() throws Exception {
        machine.accept(machine.ticket(), K1, token(K1, 1), true);
        machine.unregister();
        reactivate = () -> machine.accept(machine.ticket(), K1, token(K1, 2), true);
        assertEquals(List.of(K1), queue.drain());
        assertEquals(List.of(), store.load().pendingRelease);
        assertEquals(K1, store.load().key);
    }

    @Test
    void releasedKeysLeaveTheQueueFailedOnesStay() throws Exception {
        machine.accept(machine.ticket(), K1, token(K1, 1), true);
        machine.accept(machine.ticket(), K2, token(K2, 1), true);
        machine.unregister();
        assertEquals(List.of(K1, K2), store.load().pendingRelease);

        down.add(K2);
        assertEquals(List.of(), queue.drain());
        assertEquals(List.of(K1), released);
        assertEquals(List.of(K2), store.load().pendingRelease, "the one the vendor did not hear of stays, on disk");
        assertTrue(queue.waiting());

        down.clear();
        queue.drain();
        assertEquals(List.of(), store.load().pendingRelease);
        assertFalse(queue.waiting());
    }
}
