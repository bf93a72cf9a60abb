package org.pbx.marketplace.impl.internal.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;

import java.util.Dictionary;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.condition.Condition;
import org.pbx.marketplace.api.LicenseListener;
import org.pbx.marketplace.api.LicenseStatus;
import org.pbx.marketplace.impl.internal.gating.GatingPublisher;

/**
 * Publication: gating in the same call, listeners told of changes only, on their own thread, in
 * order, a failing listener logged and the others still told; nothing published after stop.
 */
class PublicationTest {

    private final BundleContext context = mock(BundleContext.class);
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    private final List<LicenseListener> listeners = new CopyOnWriteArrayList<>();
    private Publication publication;

    @BeforeEach
    void publication() {
        doReturn(mock(ServiceRegistration.class)).when(context).registerService(any(Class.class), (Object) any(), any(Dictionary.class));
        publication = new Publication(new GatingPublisher(context), listeners, "installation",
                (level, message) -> logged.add(level + " " + message));
    }

    @AfterEach
    void stop() {
        publication.stop();
    }

    @Test
    void listenersHearChangesOnlyAndAFailingOneDoesNotStopTheOthers() throws Exception {
        listeners.add(dto -> {
            throw new IllegalStateException("broken listener");
        });
        listeners.add(dto -> heard.add(dto.status.name() + (dto.features.isEmpty() ? "" : " " + dto.features.get(0).id)));

        LicenseState active = state(LicenseStateMachineTest.token(LicenseStateMachineTest.K1, 1));
        publication.publish(active, System.currentTimeMillis(), () -> { });
        assertEquals(LicenseStatus.ACTIVE, publication.state().status, "readers see it at once");
        org.mockito.Mockito.verify(context, org.mockito.Mockito.atLeastOnce()).registerService(org.mockito.ArgumentMatchers.eq(Condition.class), (Condition) any(), any(Dictionary.class));
        assertEquals("ACTIVE call-recording", heard.poll(10, TimeUnit.SECONDS));

        publication.publish(active, System.currentTimeMillis(), () -> { });
        publication.publish(LicenseState.unregistered(), System.currentTimeMillis(), () -> { });
        assertEquals("UNREGISTERED", heard.poll(10, TimeUnit.SECONDS), "the same state twice is told once");
        assertTrue(logged.stream().anyMatch(line -> line.contains("broken listener")), logged.toString());
    }

    @Test
    void aNewListenerIsToldTheLicenseAsItStands() throws Exception {
        publication.publish(state(LicenseStateMachineTest.token(LicenseStateMachineTest.K1, 1)), System.currentTimeMillis(), () -> { });
        publication.welcome(dto -> heard.add(dto.status.name()));
        assertEquals("ACTIVE", heard.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void nothingIsPublishedAfterStop() throws Exception {
        publication.stop();
        publication.publish(state(LicenseStateMachineTest.token(LicenseStateMachineTest.K1, 1)), System.currentTimeMillis(), () -> { });
        assertEquals(LicenseStatus.UNREGISTERED, publication.state().status);
        org.mockito.Mockito.verify(context, org.mockito.Mockito.never()).registerService(any(Class.class), (Object) any(), any(Dictionary.class));
    }

    private static LicenseState state(Token token) {
        LicenseStore.Record record = new LicenseStore.Record();
        record.key = token.licenseKey;
        return LicenseState.evaluate(record, token, null, System.currentTimeMillis(), 0);
    }

}
