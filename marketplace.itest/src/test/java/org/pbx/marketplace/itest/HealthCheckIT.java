package org.pbx.marketplace.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.execution.HealthCheckExecutionOptions;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.service.cm.ConfigurationAdmin;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.ModuleCatalog;
import org.pbx.marketplace.api.dto.OperationDTO;
import org.pbx.marketplace.api.dto.RegistrationDTO;

/**
 * The Marketplace license health check (tags marketplace, license) through the real Felix Health
 * Checks executor and through its servlet at /system/health over real HTTP.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class HealthCheckIT extends MarketplaceTestSupport {

    private static final String HEALTH_JSON = "/system/health.json?tags=marketplace&forceInstantExecution=true";

    @Inject
    HealthCheckExecutor executor;

    @Inject
    LicenseService license;

    @Inject
    ModuleCatalog catalog;

    @Inject
    ConfigurationAdmin configurationAdmin;

    @Test
    public void unregisteredWithoutPaidModulesIsOkAlsoOverHttp() {
        await("the license health check to answer OK", () -> status("marketplace") == Result.Status.OK);
        assertEquals("the license tag selects it too", Result.Status.OK, status("license"));

        HttpResponse<String> answer = awaitServlet();
        assertEquals(answer.body(), 200, answer.statusCode());
        assertOverall(answer, "OK");
    }

    @Test
    public void productExpiringWithinTheWarningWindowIsWarn() throws Exception {
        license.register(registration());
        license.startTrial("call-recording-pro");
        await("OK with a 30-day trial and the 14-day window", () -> status("marketplace") == Result.Status.OK);

        configureWarningDays(31);
        await("WARN once the 30-day trial falls in a 31-day window", () -> status("marketplace") == Result.Status.WARN);
        HttpResponse<String> answer = awaitServlet();
        assertEquals("WARN answers 200 (the servlet's default mapping)", 200, answer.statusCode());
        assertOverall(answer, "WARN");
        assertTrue(answer.body(), answer.body().contains("call-recording-pro"));
    }

    @Test
    public void installedPaidModuleThatLostItsLicenseIsCritical() throws Exception {
        catalog.refresh();
        license.register(registration());
        OperationDTO install = catalog.install("org.pbx.demo.recording", null);
        await("the paid sample to be installed (with its trial)",
                () -> !"RUNNING".equals(catalog.operation(install.id).state));
        assertEquals("SUCCEEDED", catalog.operation(install.id).state);
        await("OK while the trial licenses it", () -> status("marketplace") == Result.Status.OK);

        license.unregister();
        await("CRITICAL once the installed paid module lost its license",
                () -> status("marketplace") == Result.Status.CRITICAL);
        HttpResponse<String> answer = awaitServlet();
        assertEquals(answer.body(), 503, answer.statusCode());
        assertOverall(answer, "CRITICAL");
        assertTrue(answer.body(), answer.body().contains("org.pbx.demo.recording"));
        assertTrue("the key never leaves the PBX through monitoring", !answer.body().contains("MKT-"));
    }

    private Result.Status status(String tag) {
        List<HealthCheckExecutionResult> results = executor.execute(HealthCheckSelector.tags(tag),
                new HealthCheckExecutionOptions().setForceInstantExecution(true));
        // The advisories check is tagged marketplace too (AdvisoryIT tests it): only the license check's status here.
        List<HealthCheckExecutionResult> license = new java.util.ArrayList<>();
        results.stream().filter(r -> "Marketplace license".equals(r.getHealthCheckMetadata().getTitle())).forEach(license::add);
        assertEquals("one license check tagged " + tag + ": " + results, 1, license.size());
        return license.get(0).getHealthCheckResult().getStatus();
    }

    /** The servlet comes up once the Configurator applied marketplace.shell's configuration; until then the path is 404. */
    private HttpResponse<String> awaitServlet() {
        await("the health check servlet at /system/health", () -> get(HEALTH_JSON).statusCode() != 404);
        return get(HEALTH_JSON);
    }

    private static void assertOverall(HttpResponse<String> answer, String status) {
        assertTrue(answer.body(), Pattern.compile("\"overallResult\"\\s*:\\s*\"" + status + "\"").matcher(answer.body()).find());
    }

    private void configureWarningDays(int days) {
        try {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("expiryWarningDays", days);
            configurationAdmin.getConfiguration("org.pbx.marketplace.health", "?").update(props);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RegistrationDTO registration() {
        RegistrationDTO form = new RegistrationDTO();
        form.companyName = "Health Co";
        form.email = "health@example.com";
        form.contactName = "Ann";
        form.language = "en";
        return form;
    }
}
