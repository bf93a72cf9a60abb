package org.pbx.marketplace.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.LicenseStatus;
import org.pbx.marketplace.api.ModuleCatalog;
import org.pbx.marketplace.api.dto.LicenseDTO;
import org.pbx.marketplace.api.dto.OperationDTO;

/**
 * Issue 18, "no I/O under the lock": a vendor that holds the license check for the PBX's whole
 * request timeout delays nothing else. While it hangs, the license page's GET /license, a feature
 * check, a coupon (its own request through the same server, answered at once) and a free module's
 * install all finish; and the check's late failure, when the PBX gives up on it, does not overwrite
 * the newer state the coupon made.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HangingVendorIT extends MarketplaceTestSupport {

    private static final String API = "/api/marketplace/v1";
    private static final String CALLBACK = "org.pbx.demo.callback";
    /** The PBX's whole-answer timeout, the time the hanging vendor holds the check. */
    private static final int HANG_SECONDS = 15;
    /**
     * What each operation may take at most while the check hangs: well under the hang, so one that
     * waits for the check (done when the PBX gives up on it) fails here, even on a busy machine.
     */
    private static final long BUDGET_MS = 9_000;

    @Inject
    LicenseService license;

    @Inject
    ModuleCatalog catalog;

    @Test
    public void aVendorHangingOnTheCheckDelaysNothingElse() throws Exception {
        registeredWithTrial("Hanging Co", "hanging@example.com");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        AtomicBoolean armed = new AtomicBoolean();
        ExecutorService pool = Executors.newCachedThreadPool();
        try (TamperingProxy vendor = new TamperingProxy(baseUrl() + "/vendor")) {
            // Only the first check after arming hangs; everything else passes through to the real server at once.
            vendor.rewrite = (path, body) -> {
                if (path.contains("/licenses/validate") && armed.getAndSet(false)) {
                    held.countDown();
                    try {
                        letGo.await(3L * HANG_SECONDS, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return body;
            };
            useServer(vendor.url(), HANG_SECONDS);
            assertEquals("before the hang", LicenseStatus.ACTIVE, license.refresh().status);
            armed.set(true);

            long checkStart = System.nanoTime();
            Future<LicenseDTO> check = pool.submit(() -> license.refresh());
            assertTrue("the vendor holds the check", held.await(30, TimeUnit.SECONDS));
            long hangStart = System.nanoTime();

            Map<String, Future<Long>> operations = new LinkedHashMap<>();
            operations.put("GET /license", pool.submit(timed(hangStart, () ->
                    assertEquals(200, get(API + "/license").statusCode()))));
            operations.put("isFeatureAvailable", pool.submit(timed(hangStart, () ->
                    assertTrue(license.isFeatureAvailable("call-recording")))));
            operations.put("a coupon", pool.submit(timed(hangStart, () ->
                    assertEquals(LicenseStatus.ACTIVE, license.applyCoupon("MKTC-DEMO1-RECPR-0365D-00001").status))));
            operations.put("a free module's install", pool.submit(timed(hangStart, () -> {
                OperationDTO install = awaitDone(catalog.install(CALLBACK, null));
                assertEquals(install.error == null ? "" : install.error.code + " " + install.error.message,
                        "SUCCEEDED", install.state);
            })));
            List<String> took = new ArrayList<>();
            for (Map.Entry<String, Future<Long>> operation : operations.entrySet()) {
                long remaining = BUDGET_MS - (System.nanoTime() - hangStart) / 1_000_000;
                try {
                    took.add(operation.getKey() + " " + operation.getValue().get(Math.max(1, remaining), TimeUnit.MILLISECONDS) + " ms");
                } catch (TimeoutException e) {
                    throw new AssertionError(operation.getKey() + " did not finish within " + BUDGET_MS
                            + " ms of the hang's start: it waits for the hanging vendor (finished so far: " + took + ")");
                }
            }
            assertFalse("the check still hangs while all of them finished: " + took, check.isDone());

            LicenseDTO late = check.get(HANG_SECONDS + 30, TimeUnit.SECONDS);
            long checkMs = (System.nanoTime() - checkStart) / 1_000_000;
            System.out.println("HangingVendorIT: check held " + checkMs + " ms (request timeout " + HANG_SECONDS
                    + " s); meanwhile, from the hang's start: " + took);
            assertTrue("the check hung for the whole timeout, " + checkMs + " ms", checkMs >= HANG_SECONDS * 1000L - 500);
            LicenseDTO now = license.license();
            assertEquals("the check's late failure did not overwrite the coupon's newer state: " + now.reason,
                    LicenseStatus.ACTIVE, now.status);
            assertNull("no reason on an active license after the late failure", now.reason);
            assertEquals("the check answered with the state as it stands", LicenseStatus.ACTIVE, late.status);
        } finally {
            letGo.countDown();
            pool.shutdownNow();
            useServer(baseUrl() + "/vendor", 10);
            if (installedBundle(CALLBACK) != null) {
                awaitDone(catalog.uninstall(CALLBACK));
            }
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    /** The step, returning how long after {@code since} it finished, in ms. */
    private static Callable<Long> timed(long since, Step step) {
        return () -> {
            step.run();
            return (System.nanoTime() - since) / 1_000_000;
        };
    }

    private OperationDTO awaitDone(OperationDTO started) {
        await("operation " + started.kind + " " + started.moduleId + " to finish",
                () -> !"RUNNING".equals(catalog.operation(started.id).state));
        return catalog.operation(started.id);
    }

    /** Points the license at {@code url}; retries far apart, so only the test's own checks run. */
    private void useServer(String url, int requestTimeoutSeconds) throws Exception {
        useLicenseServer(url, Map.of("connectTimeoutSeconds", 1, "requestTimeoutSeconds", requestTimeoutSeconds,
                "retryMinSeconds", 300));
    }
}
