package org.pbx.marketplace.impl.internal.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.api.LicenseStatus;
import org.pbx.marketplace.impl.internal.gating.GatingPublisher;

/**
 * The ticket rules that let vendor calls run outside the state lock: a late answer never
 * overwrites a newer state, a key change that lost the race is refused, a replay is still a replay.
 */
class LicenseStateMachineTest {

    static final String K1 = "MKT-AAAAA-AAAAA-AAAAA-AAAAA";
    static final String K2 = "MKT-BBBBB-BBBBB-BBBBB-BBBBB";

    @TempDir
    Path data;

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private LicenseStore store;
    private CheckScheduler scheduler;
    private Publication publication;
    private LicenseStateMachine machine;
    private final Settings settings = SettingsTest.settings(c -> { });

    @BeforeEach
    void machine() {
        BundleContext context = mock(BundleContext.class);
        doReturn(mock(ServiceRegistration.class)).when(context).registerService(any(Class.class), (Object) any(), any(Dictionary.class));
        LicenseEngine.Log log = (level, message) -> logged.add(level + " " + message);
        store = new LicenseStore(data.resolve("license.json"));
        scheduler = new CheckScheduler(() -> { }, () -> 1.0);
        publication = new Publication(new GatingPublisher(context), List.of(), "installation", log);
        machine = new LicenseStateMachine(store, new LicenseClock(), publication, scheduler, log);
        machine.load(record -> null);
    }

    @AfterEach
    void stop() {
        scheduler.stop();
        publication.stop();
    }

    @Test
    void aVerifiedAnswerIsStoredThenPublished() throws Exception {
        assertEquals(LicenseStateMachine.Effect.KEY_CHANGED, machine.accept(machine.ticket(), K1, token(K1, 1), true));
        assertEquals(K1, store.load().key, "stored");
        assertEquals(LicenseStatus.ACTIVE, publication.state().status, "published");
        assertTrue(publication.state().available.contains("call-recording"));
        assertTrue(scheduler.pending(), "the next check is scheduled");
    }

    @Test
    void aLateAnswerForAKeyNoLongerInUseIsDropped() throws Exception {
        machine.accept(machine.ticket(), K1, token(K1, 1), true);
        LicenseStateMachine.Ticket refreshOfK1 = machine.ticket();
        machine.accept(machine.ticket(), K2, token(K2, 1), true);

        assertEquals(LicenseStateMachine.Effect.DROPPED, machine.accept(refreshOfK1, K1, token(K1, 2), false));
        assertEquals(K2, publication.state().key);
        assertEquals(K2, store.load().key);
    }

    @Test
    void anOlderTokenThatArrivesAfterANewerOneIsDroppedNotCalledAReplay() throws Exception {
        machine.accept(machine.ticket(), K1, token(K1, 1), true);
        LicenseStateMachine.Ticket slow = machine.ticket();
        LicenseStateMachine.Ticket fast = machine.ticket();
        machine.accept(fast, K1, token(K1, 3), false);

        assertEquals(LicenseStateMachine.Effect.DROPPED, machine.accept(slow, K1, token(K1, 2), false));
        assertEquals(3, store.load().serial, "the newer token stays");
    }

    @Test
    void anOlderTokenWithNothingNewerMeanwhileIsAReplay() throws Exception {
        machine.accept(machine.ticket(), K1, token(K1, 5), true);
        LicenseException replay = assertThrows(LicenseException.class,
                () -> machine.accept(machine.ticket(), K1, token(K1, 4), false));
        assertEquals("ANSWER_UNTRUSTED", replay.reason().code);
    }

    @Test
    void aKeyChangeThatLostTheRaceToAnotherIsRefusedAndChangesNothing() throws Exception {
        LicenseStateMachine.Ticket first = machine.ticket();
        LicenseStateMachine.Ticket second = machine.ticket();
        machine.accept(first, K1, token(K1, 1), true);

        LicenseException lost = assertThrows(LicenseException.class, () -> machine.accept(second, K2, token(K2, 1), true));
        assertEquals("CHANGED_MEANWHILE", lost.reason().code);
        assertEquals(K1, store.load().key);
    }

    @Test
    void aKeyChangeKeepsThePreviousKeyForTheCrashRuleAndQueuesItsRelease() throws Exception {
        machine.accept(machine.ticket(), K1, token(K1, 1), true);
        machine.accept(machine.ticket(), K2, token(K2, 1), true);
        LicenseStore.Record record = store.load();
        assertEquals(K1, record.previousKey);
        assertEquals(List.of(K1), record.pendingRelease);
    }

    @Test
    void aFailureThatComesAfterANewerAnswerChangesNothingButKeepsACheckScheduled() throws Exception {
        machine.accept(machine.ticket(), K1, token(K1, 1), true);
        LicenseStateMachine.Ticket hanging = machine.ticket();
        machine.accept(machine.ticket(), K1, token(K1, 2), false);
        scheduler.cancel();

        machine.unreachable(hanging, "timed out", settings);
        assertEquals(LicenseStatus.ACTIVE, publication.state().status);
        assertTrue(scheduler.pending(), "no check lost");

        machine.unreachable(machine.ticket(), "timed out", settings);
        assertEquals(LicenseStatus.GRACE, publication.state().status, "a failure with nothing newer counts");
    }

    @Test
    void aRefusalThatComesAfterANewerAnswerChangesNothing() throws Exception {
        machine.accept(machine.ticket(), K1, token(K1, 1), true);
        LicenseStateMachine.Ticket late = machine.ticket();
        machine.accept(machine.ticket(), K1, token(K1, 2), false);
        assertFalse(machine.refuse(late, refusal()));
        assertNull(store.load().refusalStatus);

        assertTrue(machine.refuse(machine.ticket(), refusal()));
        assertEquals(LicenseStatus.REVOKED, publication.state().status);
    }

    @Test
    void unregisteringStoresFirstAndQueuesTheRelease() throws Exception {
        machine.accept(machine.ticket(), K1, token(K1, 1), true);
        LicenseStateMachine.Ticket before = machine.ticket();
        assertEquals(K1, machine.unregister());
        LicenseStore.Record record = store.load();
        assertNull(record.key);
        assertEquals(K1, record.previousKey);
        assertEquals(List.of(K1), record.pendingRelease);
        assertEquals(LicenseStatus.UNREGISTERED, publication.state().status);
        assertFalse(scheduler.pending());
        assertEquals(LicenseStateMachine.Effect.DROPPED, machine.accept(before, K1, token(K1, 2), false),
                "a check that was out when the PBX unregistered does not register it again");
        assertNull(machine.unregister(), "twice: nothing to do");
    }

    static Token token(String key, long serial) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String claims = "{\"iat\":" + now + ",\"exp\":" + (now + 86400) + ",\"offlineUntil\":" + (now + 7 * 86400)
                + ",\"nonce\":\"n\",\"installationId\":\"installation\",\"licenseKey\":\"" + key + "\",\"serial\":" + serial
                + ",\"owner\":{\"email\":\"a@example.com\"},\"products\":[{\"id\":\"p\",\"expiresAt\":0}]"
                + ",\"features\":[{\"id\":\"call-recording\",\"expiresAt\":0,\"seats\":1}]}";
        return Token.of("jws-" + key + "-" + serial, LicenseStore.MAPPER.readTree(claims));
    }

    private static LicenseProtocol.Outcome refusal() {
        return LicenseProtocol.Outcome.refusal(LicenseStatus.REVOKED, "E_REVOKED", Map.of("en", "revoked", "ru", "отозван"));
    }

    static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
