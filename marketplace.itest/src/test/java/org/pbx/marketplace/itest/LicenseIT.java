package org.pbx.marketplace.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.pbx.marketplace.api.LicenseConditions;
import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.LicenseStatus;
import org.pbx.marketplace.api.LicensedFeature;
import org.pbx.marketplace.api.ModuleCatalog;
import org.pbx.marketplace.api.dto.LicenseDTO;
import org.pbx.marketplace.api.dto.ReasonDTO;

/**
 * The license lifecycle against the reference vendor server inside the runtime, over real HTTP,
 * with modules' components gated on it through conditions.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class LicenseIT extends MarketplaceTestSupport {

    private static final String RECORDING = "org.pbx.marketplace.itest.gated.RecordingFeature";
    private static final String LICENSED_ONLY = "org.pbx.marketplace.itest.gated.LicensedOnly";
    private static final String CONDITION = "org.osgi.service.condition.Condition";

    @Inject
    LicenseService license;

    @Inject
    ConfigurationAdmin configAdmin;

    @Inject
    ModuleCatalog catalog;

    @Test
    public void registerTrialCouponUnregister() throws Exception {
        assertEquals(LicenseStatus.UNREGISTERED, license.license().status);
        assertEquals("NOT_REGISTERED", license.whyUnavailable("call-recording").code);
        assertAbsent(LICENSED_ONLY);

        LicenseDTO registered = license.register(registration("ООО «Ромашка»", "owner@example.com"));
        assertEquals(LicenseStatus.ACTIVE, registered.status);
        assertEquals("ООО «Ромашка»", registered.owner.companyName);
        assertTrue(registered.maskedKey.matches("MKT-\\*{5}-\\*{5}-\\*{5}-[A-Z0-9]{5}"));
        assertTrue(revealedKey().endsWith(registered.maskedKey.substring(registered.maskedKey.length() - 5)));
        assertPresent(LICENSED_ONLY);
        assertAbsent(RECORDING);
        assertEquals("FEATURE_NOT_LICENSED", license.whyUnavailable("call-recording").code);
        catalog.refresh(); // the features' names come from the catalog (issue 20, item 9)
        ReasonDTO why = license.whyUnavailable("call-recording");
        assertEquals("Лицензия не включает функцию «Запись разговоров Pro». Купите её или начните пробный период в маркетплейсе.",
                why.message.get("ru"));
        assertEquals("The license does not include the feature \"Call Recording Pro\". Buy it or start a trial in the marketplace.",
                why.message.get("en"));
        assertEquals("feature call-recording", why.technical);
        await("the key stored in Config Admin", () -> revealedKey().equals(configuredKey()));

        license.startTrial("call-recording-pro");
        assertTrue(license.isFeatureAvailable("call-recording"));
        assertPresent(RECORDING);
        assertNull(license.whyUnavailable("call-recording"));

        license.applyCoupon("MKTC-DEMO2-CRMCO-0090D-00002");
        assertTrue(license.isFeatureAvailable("crm-connector"));
        awaitService(LicensedFeature.class, "(" + LicenseConditions.FEATURE_ID_PROPERTY + "=crm-connector)");

        String key = revealedKey();
        license.unregister();
        assertEquals(LicenseStatus.UNREGISTERED, license.license().status);
        assertFalse(license.isFeatureAvailable("call-recording"));
        assertAbsent(RECORDING);
        assertAbsent(LICENSED_ONLY);
        assertNull(revealedKey());
        await("the key removed from Config Admin", () -> "".equals(configuredKey()));

        // The same key again, with its trial: the conditions and the components gated on them are up
        // by the time activateKey returns, in its own call (looked at once, no waiting).
        assertEquals(LicenseStatus.ACTIVE, license.activateKey(key).status);
        assertRegisteredNow("the license condition", CONDITION, "(osgi.condition.id=" + LicenseConditions.LICENSED + ")");
        assertRegisteredNow("the call-recording condition", CONDITION, LicenseConditions.featureFilter("call-recording"));
        assertRegisteredNow("the component gated on the license", LICENSED_ONLY, null);
        assertRegisteredNow("the component gated on call-recording", RECORDING, null);
    }

    @Test
    public void keyBoundElsewhereIsRefusedUntilReleased() throws Exception {
        OtherInstallation other = new OtherInstallation(vendorUrl());
        String key = other.register("Other Co", "other@example.com");

        LicenseException refused = expectRefusal(LicenseException.class, () -> license.activateKey(key));
        assertEquals("E_BOUND_ELSEWHERE", refused.reason().code);
        assertTrue(refused.reason().message.get("ru").length() > 10);
        assertEquals("a refusal of a new key leaves the license as it was", LicenseStatus.UNREGISTERED, license.license().status);

        other.release(key);
        assertEquals(LicenseStatus.ACTIVE, license.activateKey(key).status);
        assertEquals(key, revealedKey());
    }

    @Test
    public void malformedInputIsRefusedWithReasons() throws Exception {
        assertEquals("KEY_FORMAT", expectRefusal(LicenseException.class, () -> license.activateKey("not a key")).reason().code);
        assertEquals("NOT_REGISTERED", expectRefusal(LicenseException.class, () -> license.applyCoupon("MKTC-DEMO1-RECPR-0365D-00001")).reason().code);
        assertEquals("FORM_INVALID", expectRefusal(LicenseException.class, () -> license.register(registration("", "x@example.com"))).reason().code);
        assertEquals("E_EMAIL_SYNTAX", expectRefusal(LicenseException.class, () -> license.register(registration("Acme", "not-an-email"))).reason().code);
        assertEquals(LicenseStatus.UNREGISTERED, license.license().status);
    }

    @Test
    public void keySetThroughConfigAdminActivatesIt() throws Exception {
        OtherInstallation other = new OtherInstallation(vendorUrl());
        String key = other.register("Config Co", "config@example.com");
        other.release(key);

        Configuration configuration = configAdmin.getConfiguration("org.pbx.marketplace.license", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("licenseKey", key.toLowerCase());
        configuration.update(props);

        await("the configured key to be activated", () -> license.license().status == LicenseStatus.ACTIVE);
        assertEquals(key, revealedKey());
        assertPresent(LICENSED_ONLY);
    }

    @Test
    public void restartWithoutServerKeepsLicenseThenGraceThenExpiry() throws Exception {
        license.register(registration("Offline Co", "offline@example.com"));
        license.startTrial("call-recording-pro");
        assertPresent(RECORDING);
        switchVendorServer(false);

        Bundle impl = installedBundle("marketplace.impl");
        impl.stop();
        assertAbsent(RECORDING);
        impl.start();
        LicenseService restarted = awaitService(LicenseService.class, null);
        assertEquals("ACTIVE from the stored token, without the server", LicenseStatus.ACTIVE, restarted.license().status);
        assertPresent(RECORDING);

        LicenseDTO grace = restarted.refresh();
        assertEquals(LicenseStatus.GRACE, grace.status);
        assertEquals("SERVER_UNREACHABLE", grace.reason.code);
        assertTrue("gated modules stay up in grace", restarted.isFeatureAvailable("call-recording"));
        assertPresent(RECORDING);

        ServiceRegistration<Clock> clock = context.registerService(Clock.class,
                Clock.fixed(Instant.ofEpochMilli(grace.offlineUntil).plus(Duration.ofMinutes(1)), ZoneOffset.UTC),
                new Hashtable<>(java.util.Map.of("marketplace.clock", "test")));
        try {
            await("EXPIRED after offlineUntil", () -> restarted.license().status == LicenseStatus.EXPIRED);
            assertEquals("OFFLINE_TOO_LONG", restarted.license().reason.code);
            assertAbsent(RECORDING);
            assertAbsent(LICENSED_ONLY);
        } finally {
            clock.unregister();
        }
    }

    @Test
    public void signedRevocationTakesTheLicenseAndItsModulesAway() throws Exception {
        Configuration server = configAdmin.getConfiguration("org.pbx.marketplace.server", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("adminToken", "itest-vendor-admin");
        server.update(props);
        // The admin path exists once the server runs with its new configuration.
        await("the vendor's admin API", () -> revoke("MKT-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ").body().contains("E_UNKNOWN_KEY"));

        license.register(registration("Revoked Co", "revoked@example.com"));
        license.startTrial("call-recording-pro");
        assertPresent(RECORDING);

        assertEquals(204, revoke(revealedKey()).statusCode());

        LicenseDTO after = license.refresh();
        assertEquals(LicenseStatus.REVOKED, after.status);
        assertEquals("E_KEY_REVOKED", after.reason.code);
        assertFalse(license.isFeatureAvailable("call-recording"));
        assertAbsent(RECORDING);
        assertAbsent(LICENSED_ONLY);
        assertEquals("E_KEY_REVOKED", license.whyUnavailable("call-recording").code);
    }

    @Test
    public void concurrentRegistrationsEndWithOneKey() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<String>> calls = IntStream.range(0, 20).<Callable<String>>mapToObj(i -> () -> {
                license.register(registration("Parallel Co", "parallel@example.com"));
                return revealedKey();
            }).collect(Collectors.toList());
            Set<String> keys = new HashSet<>();
            for (Future<String> result : pool.invokeAll(calls)) {
                keys.add(result.get());
            }
            assertEquals("one key for 20 concurrent registrations: " + keys, 1, keys.size());
            assertEquals(LicenseStatus.ACTIVE, license.license().status);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- helpers

    private HttpResponse<String> revoke(String key) {
        return sendRaw(HttpRequest.newBuilder(URI.create(vendorUrl() + "/admin/licenses/revoke"))
                .header("Authorization", "Bearer itest-vendor-admin").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"licenseKey\":\"" + key + "\"}")));
    }

    private String vendorUrl() {
        return baseUrl() + "/vendor";
    }

    private void switchVendorServer(boolean enabled) throws Exception {
        Configuration server = configAdmin.getConfiguration("org.pbx.marketplace.server", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("enabled", enabled);
        server.update(props);
        await("the vendor server " + (enabled ? "on" : "off"),
                () -> get("/vendor/v1/keys").statusCode() == (enabled ? 200 : 503));
    }

    /** Registered at this moment: one look at the registry, no wait. */
    private void assertRegisteredNow(String what, String service, String filter) throws Exception {
        assertNotNull(what + " registered when activateKey returned (" + service + " " + filter + ")",
                context.getServiceReferences(service, filter));
    }

    private void assertPresent(String componentService) {
        await(componentService + " to be registered", () -> context.getServiceReference(componentService) != null);
    }

    private void assertAbsent(String componentService) {
        await(componentService + " to be gone", () -> context.getServiceReference(componentService) == null);
    }

}
