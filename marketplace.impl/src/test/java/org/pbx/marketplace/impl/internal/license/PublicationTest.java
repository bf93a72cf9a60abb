package org.pbx.marketplace.impl.internal.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pbx.marketplace.api.LicenseListener;
import org.pbx.marketplace.api.LicenseStatus;
import org.pbx.marketplace.impl.internal.gating.GatingPublisher;

/** A state made public: the registry's gating, listeners in order on their own thread, the settings' problem. */
class PublicationTest {

    private static final long T = 1_800_000_000_000L;

    private final Fixtures vendor = new Fixtures();
    private final GatingPublisher gating = mock(GatingPublisher.class);
    private final List<String> told = new CopyOnWriteArrayList<>();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final CountDownLatch twoTold = new CountDownLatch(2);
    private final LicenseListener failing = license -> {
        throw new IllegalStateException("a broken module");
    };
    private final LicenseListener recording = license -> {
        told.add(license.status + " on " + Thread.currentThread().getName());
        twoTold.countDown();
    };
    private final Publication publication = new Publication(Fixtures.INSTALLATION, gating, List.of(failing, recording),
            (level, message) -> logged.add(level + " " + message), id -> null);

    @AfterEach
    void stop() {
        publication.stop();
    }

    @Test
    void aStateIsGatedAndToldInOrderOnTheListenersThread() throws Exception {
        LicenseStore.Record record = new LicenseStore.Record();
        record.key = Fixtures.KEY;
        publication.publish(LicenseState.evaluate(record, vendor.token(Fixtures.KEY, 1, T), null, T, 0), T, () -> { });
        verify(gating).publish(eq(true), eq("ACTIVE"), anyCollection());
        publication.publish(LicenseState.unregistered(), T, () -> { });
        assertTrue(twoTold.await(10, TimeUnit.SECONDS), "both changes told: " + told);
        assertEquals(List.of("ACTIVE on marketplace-license-events", "UNREGISTERED on marketplace-license-events"), told);
        assertTrue(logged.stream().anyMatch(line -> line.startsWith("WARN A license listener failed")), logged.toString());
        assertNotEquals("marketplace-license-check", Thread.currentThread().getName());
    }

    @Test
    void theHotPathReadsTheFeaturesOfTheStateJustPublished() throws Exception {
        LicenseStore.Record record = new LicenseStore.Record();
        record.key = Fixtures.KEY;
        assertFalse(publication.licensed.contains("call-recording"), "nothing licensed before a state");
        publication.publish(LicenseState.evaluate(record, vendor.token(Fixtures.KEY, 1, T), null, T, 0), T, () -> { });
        assertTrue(publication.licensed.contains("call-recording"), "licensed once the state is published");
        assertFalse(publication.licensed.contains(null), "a null id");
        publication.publish(LicenseState.unregistered(), T, () -> { });
        assertFalse(publication.licensed.contains("call-recording"), "withdrawn with the license");
    }

    @Test
    void afterStopALateStateReachesNoRegistry() throws Exception {
        publication.stop();
        verify(gating).withdrawAll();
        LicenseStore.Record record = new LicenseStore.Record();
        record.key = Fixtures.KEY;
        publication.publish(LicenseState.evaluate(record, vendor.token(Fixtures.KEY, 1, T), null, T, 0), T, () -> { });
        verify(gating, never()).publish(anyBoolean(), anyString(), anyCollection());
    }

    @Test
    void theSettingsProblemIsTheReasonWhenTheStateHasNone() {
        publication.settings(Settings.of(Fixtures.config("htp:/ x", ""), null, "none", "http://127.0.0.1:9/v"));
        assertEquals("SERVER_URL_INVALID", publication.license().reason.code);
        assertEquals(LicenseStatus.UNREGISTERED, publication.license().status);
        publication.settings(Settings.of(Fixtures.config("", ""), null, "none", "http://127.0.0.1:9/v"));
        assertEquals(null, publication.license().reason);
        assertEquals("http://127.0.0.1:9/v/cabinet/", publication.license().cabinetUrl);
    }

    @Test
    void aTimeBoundaryWakesTheStateMachine() throws Exception {
        CountDownLatch woken = new CountDownLatch(1);
        LicenseStore.Record record = new LicenseStore.Record();
        record.key = Fixtures.KEY;
        long now = System.currentTimeMillis();
        // Issued a day minus 50 ms ago: its exp is the next boundary.
        Token token = vendor.token(Fixtures.KEY, 1, now - Fixtures.DAY + 1050);
        publication.publish(LicenseState.evaluate(record, token, null, now, 0), now, woken::countDown);
        assertTrue(woken.await(10, TimeUnit.SECONDS), "re-evaluated at the token's exp");
    }
}
