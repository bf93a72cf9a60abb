package org.pbx.marketplace.impl.internal.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.api.LicenseStatus;
import org.pbx.marketplace.impl.internal.gating.GatingPublisher;

/** The state machine alone (a real store, no vendor): tickets keep late answers from overwriting newer states; one clock. */
class LicenseMachineTest {

    private static final long T = 1_800_000_000_000L;

    @TempDir
    Path data;

    private final Fixtures vendor = new Fixtures();
    private final EngineClock clock = new EngineClock();
    private final KeyConfig keyConfig = mock(KeyConfig.class);
    private final List<Runnable> releases = new java.util.ArrayList<>();
    private Publication publication;
    private CheckScheduler scheduler;
    private LicenseMachine machine;
    private LicenseStore store;
    private Settings settings;

    @BeforeEach
    void start() {
        clock.use(Clock.fixed(Instant.ofEpochMilli(T), ZoneOffset.UTC));
        publication = new Publication(Fixtures.INSTALLATION, mock(GatingPublisher.class), List.of(), (level, message) -> { }, id -> null);
        scheduler = new CheckScheduler(() -> { });
        store = new LicenseStore(data.resolve("license.json"));
        machine = new LicenseMachine(store, keyConfig, publication, scheduler, clock, (level, message) -> { },
                () -> releases.add(() -> { }));
        machine.start((jws, key) -> null);
        settings = vendor.settings("", "");
    }

    @AfterEach
    void stop() {
        scheduler.stop();
        publication.stop();
    }

    @Test
    void aLateFailureDoesNotOverwriteTheNewerAnswer() throws Exception {
        assertTrue(machine.accept(machine.ticket(), Fixtures.KEY, vendor.token(Fixtures.KEY, 1, T), true));
        Ticket check = machine.ticket(); // a check goes out and hangs
        assertTrue(machine.accept(machine.ticket(), Fixtures.KEY, vendor.token(Fixtures.KEY, 2, T), false)); // a coupon meanwhile
        assertFalse(machine.unreachable(check, "timed out", settings), "the check's failure came after the coupon's answer");
        assertEquals(LicenseStatus.ACTIVE, publication.state().status);
        assertNull(publication.license().reason);
        assertEquals(2, store.load().serial);
        Ticket next = machine.ticket();
        assertTrue(machine.unreachable(next, "timed out", settings), "a failure with nothing newer counts");
        assertEquals(LicenseStatus.GRACE, publication.state().status);
    }

    @Test
    void anAnswerAboutTheOldKeyIsDroppedAfterAKeyChange() throws Exception {
        machine.accept(machine.ticket(), Fixtures.KEY, vendor.token(Fixtures.KEY, 1, T), true);
        Ticket coupon = machine.ticket();
        assertTrue(machine.accept(machine.ticket(), Fixtures.OTHER_KEY, vendor.token(Fixtures.OTHER_KEY, 1, T), true), "the admin's key change");
        assertFalse(machine.accept(coupon, Fixtures.KEY, vendor.token(Fixtures.KEY, 9, T), false));
        assertEquals(Fixtures.OTHER_KEY, publication.state().key);
        assertEquals(Fixtures.OTHER_KEY, store.load().key);
        assertEquals(List.of(Fixtures.KEY), store.load().pendingRelease, "the old key's binding is queued for release");
        assertEquals(1, releases.size(), "and its release asked for");
        verify(keyConfig).store(Fixtures.OTHER_KEY);
    }

    @Test
    void anOlderTokenIsAReplayUnlessANewerOneOvertookIt() throws Exception {
        machine.accept(machine.ticket(), Fixtures.KEY, vendor.token(Fixtures.KEY, 5, T), true);
        Ticket late = machine.ticket();
        machine.accept(machine.ticket(), Fixtures.KEY, vendor.token(Fixtures.KEY, 6, T), false);
        assertFalse(machine.accept(late, Fixtures.KEY, vendor.token(Fixtures.KEY, 5, T), false), "overtaken: dropped quietly");
        LicenseException replay = assertThrows(LicenseException.class,
                () -> machine.accept(machine.ticket(), Fixtures.KEY, vendor.token(Fixtures.KEY, 4, T), false));
        assertEquals("ANSWER_UNTRUSTED", replay.reason().code);
        assertEquals(6, store.load().serial);
    }

    @Test
    void movingTheClockExpiresTheToken() throws Exception {
        machine.accept(machine.ticket(), Fixtures.KEY, vendor.token(Fixtures.KEY, 1, T), true);
        assertEquals(LicenseStatus.ACTIVE, publication.state().status);
        assertTrue(publication.state().available.contains("call-recording"));
        clock.use(Clock.fixed(Instant.ofEpochMilli(T + Fixtures.DAY + 1000), ZoneOffset.UTC));
        machine.publishNow();
        assertEquals(LicenseStatus.GRACE, publication.state().status, "past the token's exp, no check since");
        clock.use(Clock.fixed(Instant.ofEpochMilli(T + 8 * Fixtures.DAY), ZoneOffset.UTC));
        machine.publishNow();
        assertEquals(LicenseStatus.EXPIRED, publication.state().status);
        assertEquals("OFFLINE_TOO_LONG", publication.state().reason.code);
        assertFalse(publication.state().available.contains("call-recording"));
    }

    @Test
    void unregisteringQueuesTheReleaseAndStopsTheChecks() throws Exception {
        machine.accept(machine.ticket(), Fixtures.KEY, vendor.token(Fixtures.KEY, 1, T), true);
        assertTrue(scheduler.nextCheckAt() > T);
        assertEquals(Fixtures.KEY, machine.unregister());
        assertNull(machine.unregister(), "twice: nothing to do");
        LicenseStore.Record stored = store.load();
        assertNull(stored.key);
        assertEquals(Fixtures.KEY, stored.previousKey);
        assertEquals(List.of(Fixtures.KEY), stored.pendingRelease);
        assertEquals(LicenseStatus.UNREGISTERED, publication.state().status);
        assertEquals(0, scheduler.nextCheckAt());
        verify(keyConfig).store(null);
        assertEquals("NOT_REGISTERED", assertThrows(LicenseException.class, machine::requireKey).reason().code);
    }

    /** Issue 20 item 10: a seat released in the cabinet switches paid modules off, and no restart takes it back. */
    @Test
    void aReleasedSeatIsKeptUntilTheAdminAsks() throws Exception {
        Token token = vendor.token(Fixtures.KEY, 1, T);
        machine.accept(machine.ticket(), Fixtures.KEY, token, true);
        org.pbx.marketplace.api.dto.ReasonDTO released = Reason.SEAT_RELEASED.dto("2026-03-01 10:00 UTC");
        assertTrue(machine.refuse(machine.ticket(),
                LicenseProtocol.Outcome.refused(LicenseStatus.INVALID, released.code, released.message)));
        assertEquals(LicenseStatus.INVALID, publication.state().status);
        assertEquals("SEAT_RELEASED", publication.license().reason.code);
        assertFalse(publication.state().available.contains("call-recording"), "paid features off");
        CheckScheduler again = new CheckScheduler(() -> { });
        Publication published = new Publication(Fixtures.INSTALLATION, mock(GatingPublisher.class), List.of(), (level, message) -> { }, id -> null);
        try {
            new LicenseMachine(store, keyConfig, published, again, clock, (level, message) -> { }, () -> { })
                    .start((jws, key) -> jws.equals(token.jws) && key.equals(Fixtures.KEY) ? token : null);
            assertEquals(LicenseStatus.INVALID, published.state().status);
            assertTrue(published.license().reason.message.get("en").contains("released in the vendor's license cabinet"));
            assertEquals(0, again.nextCheckAt(), "no check at start: that would take the seat back unasked");
        } finally {
            again.stop();
            published.stop();
        }
    }

    @Test
    void aRestartRestoresTheStoredTokenAndSchedulesTheCheck() throws Exception {
        Token token = vendor.token(Fixtures.KEY, 1, T);
        machine.accept(machine.ticket(), Fixtures.KEY, token, true);
        CheckScheduler again = new CheckScheduler(() -> { });
        Publication published = new Publication(Fixtures.INSTALLATION, mock(GatingPublisher.class), List.of(), (level, message) -> { }, id -> null);
        try {
            new LicenseMachine(store, keyConfig, published, again, clock, (level, message) -> { }, () -> { })
                    .start((jws, key) -> jws.equals(token.jws) && key.equals(Fixtures.KEY) ? token : null);
            assertEquals(LicenseStatus.ACTIVE, published.state().status);
            assertEquals(T + Fixtures.DAY / 2, again.nextCheckAt(), "at half the token's life");
        } finally {
            again.stop();
            published.stop();
        }
    }

    @Test
    void registeringTwiceWithTheSameEmailIsNoChange() throws Exception {
        assertTrue(machine.toRegister("x@example.com") != null);
        machine.accept(machine.toRegister("ann@example.com"), Fixtures.KEY, vendor.token(Fixtures.KEY, 1, T), true);
        assertNull(machine.toRegister("ANN@example.com"));
        assertEquals("ALREADY_REGISTERED", assertThrows(LicenseException.class, () -> machine.toRegister("bob@example.com")).reason().code);
    }
}
