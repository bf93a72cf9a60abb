package org.pbx.marketplace.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.LicenseStatus;
import org.pbx.marketplace.api.ModuleCatalog;
import org.pbx.marketplace.api.dto.LicenseDTO;
import org.pbx.marketplace.api.dto.OperationDTO;

/**
 * Issue 18: a vendor that hangs for its whole timeout holds nothing else up. While a license
 * check hangs on the vendor (a proxy in front of the real reference server that never answers
 * {@code /v1/licenses/validate}), the page's GET /license, a feature check, a coupon (on a second,
 * healthy connection through the same proxy) and a free module's install all finish; the check
 * is still hanging when they are done. Each one's time is printed.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HangingVendorIT extends MarketplaceTestSupport {

    private static final String PID = "org.pbx.marketplace.license";
    private static final String WEATHER = "org.pbx.demo.weather";
    /** The whole-answer timeout the hanging check runs into. */
    private static final int REQUEST_TIMEOUT_SECONDS = 12;

    @Inject
    LicenseService license;

    @Inject
    ModuleCatalog catalog;

    @Inject
    ConfigurationAdmin configAdmin;

    @Test
    public void aHangingVendorCheckHoldsUpNothingElse() throws Exception {
        license.register(registration("Hanging Co", "hanging@example.com"));
        license.startTrial("call-recording-pro");
        await("the key in the configuration", () -> String.valueOf(license.licenseKey()).equals(configuredKey()));
        catalog.refresh();

        try (TamperingProxy proxy = new TamperingProxy(baseUrl() + "/vendor")) {
            proxy.hangPath = "/v1/licenses/validate";
            useServer(proxy.url());

            long hangStart = System.nanoTime();
            CompletableFuture<LicenseDTO> hangingCheck = CompletableFuture.supplyAsync(() -> {
                try {
                    return license.refresh();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await("the license check to hang on the vendor", () -> proxy.hanging.get() == 1);

            // All four at once, each on its own thread, each timed from the same start.
            List<String> timings = new java.util.concurrent.CopyOnWriteArrayList<>();
            long t = System.nanoTime();
            CompletableFuture<Integer> page = timed(timings, "GET /license", t, () ->
                    send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/marketplace/v1/license")).GET()).statusCode());
            CompletableFuture<Boolean> feature = timed(timings, "isFeatureAvailable", t,
                    () -> license.isFeatureAvailable("call-recording"));
            CompletableFuture<LicenseDTO> coupon = timed(timings, "coupon", t,
                    () -> license.applyCoupon("MKTC-DEMO4-RECPR-0030D-00004"));
            CompletableFuture<OperationDTO> install = timed(timings, "free module install", t, () -> {
                OperationDTO started = catalog.install(WEATHER, null);
                await("the install of " + WEATHER + " to finish", () -> !"RUNNING".equals(catalog.operation(started.id).state));
                return catalog.operation(started.id);
            });
            CompletableFuture.allOf(page, feature, coupon, install).get(TIMEOUT.getSeconds(), TimeUnit.SECONDS);
            boolean stillHanging = !hangingCheck.isDone() && proxy.hanging.get() == 1;
            long allDone = millis(hangStart);
            assertEquals("GET /license", 200, (int) page.get());
            assertTrue("the trial's feature", feature.get());
            assertEquals("the coupon's answer, on a healthy connection", LicenseStatus.ACTIVE, coupon.get().status);
            OperationDTO installed = install.get();
            assertEquals(installed.error == null ? "" : installed.error.code + " " + installed.error.message,
                    "SUCCEEDED", installed.state);
            assertEquals(Bundle.ACTIVE, installedBundle(WEATHER).getState());
            LicenseDTO afterHang = hangingCheck.get(REQUEST_TIMEOUT_SECONDS + TIMEOUT.getSeconds(), TimeUnit.SECONDS);
            long hangEnded = millis(hangStart);
            System.out.println("HangingVendorIT: " + String.join(", ", timings) + "; all done " + allDone
                    + " ms after the check started hanging, which ended after " + hangEnded + " ms (timeout "
                    + REQUEST_TIMEOUT_SECONDS + " s)");
            assertTrue("everything finished while the vendor check was still hanging (" + String.join(", ", timings)
                    + "; the hang ended after " + hangEnded + " ms)", stillHanging);
            assertTrue("the check did hang for its timeout: " + hangEnded + " ms",
                    hangEnded >= TimeUnit.SECONDS.toMillis(REQUEST_TIMEOUT_SECONDS) - 500);
            // The coupon's answer came after the check was sent: the check's late failure does not overwrite it.
            assertEquals("the late failure leaves the newer state: " + afterHang.reason, LicenseStatus.ACTIVE, afterHang.status);
            assertEquals(LicenseStatus.ACTIVE, license.license().status);
        }
        useServer(baseUrl() + "/vendor");
        assertEquals(LicenseStatus.ACTIVE, license.refresh().status);
    }

    private interface Call<T> {
        T run() throws Exception;
    }

    /** Runs the call on its own thread and notes how long it took from {@code start}. */
    private static <T> CompletableFuture<T> timed(List<String> timings, String what, long start, Call<T> call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call.run();
            } catch (Exception e) {
                throw new IllegalStateException(what + " failed", e);
            } finally {
                timings.add(what + " " + millis(start) + " ms");
            }
        }, runnable -> {
            Thread thread = new Thread(runnable, "hanging-vendor-it " + what);
            thread.setDaemon(true);
            thread.start();
        });
    }

    private static long millis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** Points the license at the server, with a long whole-answer timeout; waits until the engine has it. */
    private void useServer(String url) throws Exception {
        Configuration configuration = configAdmin.getConfiguration(PID, "?");
        Dictionary<String, Object> props = configuration.getProperties() == null ? new Hashtable<>() : configuration.getProperties();
        props.put("serverUrl", url);
        props.put("licenseKey", license.licenseKey() == null ? "" : license.licenseKey());
        props.put("connectTimeoutSeconds", 2);
        props.put("requestTimeoutSeconds", REQUEST_TIMEOUT_SECONDS);
        configuration.update(props);
        await("the license to use " + url, () -> String.valueOf(license.license().cabinetUrl).startsWith(url + "/"));
    }

    private String configuredKey() {
        try {
            Dictionary<String, Object> props = configAdmin.getConfiguration(PID, "?").getProperties();
            return props == null ? null : (String) props.get("licenseKey");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
