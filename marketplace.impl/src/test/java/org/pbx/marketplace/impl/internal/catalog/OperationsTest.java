package org.pbx.marketplace.impl.internal.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.Logger;
import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.api.dto.OperationDTO;

/** Operations: one at a time per module, their endings kept with their reasons, the oldest forgotten. */
class OperationsTest {

    private final Logger logger = mock(Logger.class);
    private final Operations operations = new Operations(logger);

    @AfterEach
    void stop() {
        operations.stop();
    }

    @Test
    void aSecondOperationOnTheSameModuleIsRefusedWhileTheFirstRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        OperationDTO first = operations.start("m", "INSTALL", "1.0.0", op -> await(release));
        assertEquals("RUNNING", first.state);
        assertEquals("BUSY", assertThrows(CatalogException.class,
                () -> operations.start("m", "UNINSTALL", null, op -> { })).reason().code);
        operations.start("other", "INSTALL", "1.0.0", op -> { });
        release.countDown();
        assertEquals("SUCCEEDED", ended(first.id).state);
        assertEquals(100, ended(first.id).percent);
        operations.start("m", "UNINSTALL", null, op -> { });
    }

    @Test
    void aFailureIsKeptOnTheOperationAndLoggedWithItsDetail() throws Exception {
        OperationDTO op = operations.start("m", "INSTALL", "1.0.0", o -> {
            throw CatalogReason.DOWNLOAD_FAILED.exception("HTTP 503");
        });
        OperationDTO ended = ended(op.id);
        assertEquals("FAILED", ended.state);
        assertEquals("DOWNLOAD_FAILED", ended.error.code);
        assertEquals("HTTP 503", ended.error.technical);
        verify(logger).warn(argThat((String text) -> text.contains("DOWNLOAD_FAILED") && text.contains("HTTP 503")));
    }

    @Test
    void aRuntimeFailureIsAStartFailureNotALostOperation() throws Exception {
        OperationDTO op = operations.start("m", "INSTALL", "1.0.0", o -> {
            throw new IllegalStateException("framework stopping");
        });
        assertEquals("START_FAILED", ended(op.id).error.code);
    }

    @Test
    void onlyTheNewestEndedOperationsAreKept() throws Exception {
        String first = operations.start("m0", "INSTALL", "1.0.0", op -> { }).id;
        ended(first);
        String last = null;
        for (int i = 1; i <= Operations.ENDED_KEPT + 1; i++) {
            last = operations.start("m" + i, "INSTALL", "1.0.0", op -> { }).id;
            ended(last);
        }
        assertNull(operations.get(first), "the oldest is forgotten");
        assertNotNull(operations.get(last));
    }

    private OperationDTO ended(String id) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            OperationDTO op = operations.get(id);
            if (!"RUNNING".equals(op.state)) {
                return op;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("operation " + id + " still running after 10 s");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "the test's release of the operation");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
