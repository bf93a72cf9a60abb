package org.pbx.marketplace.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.ModuleCatalog;
import org.pbx.marketplace.api.dto.CatalogDTO;
import org.pbx.marketplace.api.dto.ModuleDTO;
import org.pbx.marketplace.api.dto.ModuleQueryDTO;
import org.pbx.marketplace.api.dto.OperationDTO;

/**
 * The signed catalog from the reference server inside the runtime, and modules installed,
 * updated and removed while the framework runs.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class CatalogIT extends MarketplaceTestSupport {

    private static final String CALLBACK = "org.pbx.demo.callback";
    private static final String RECORDING = "org.pbx.demo.recording";
    private static final String CRM = "org.pbx.demo.crm";

    @Inject
    ModuleCatalog catalog;

    @Inject
    LicenseService license;

    @Test
    public void catalogIsFetchedVerifiedAndSearchable() throws Exception {
        CatalogDTO all = catalog.refresh();
        assertTrue("catalog version", all.version > 0);
        assertFalse(all.stale);
        assertEquals(System.getProperty("pbx.host.version"), all.hostVersion);
        assertTrue(ids(all).containsAll(List.of(CALLBACK, RECORDING, CRM)));

        ModuleQueryDTO paid = new ModuleQueryDTO();
        paid.type = "paid";
        assertTrue(catalog.catalog(paid).modules.stream().allMatch(m -> m.commercial));
        ModuleQueryDTO text = new ModuleQueryDTO();
        text.text = "CRM";
        assertEquals(List.of(CRM), ids(catalog.catalog(text)));

        ModuleDTO callback = catalog.module(CALLBACK);
        assertEquals("newest compatible release first", "1.1.0", callback.latestVersion);
        assertTrue(callback.releases.size() >= 2);
        ModuleDTO recording = catalog.module(RECORDING);
        assertTrue(recording.commercial);
        assertFalse("paid and unregistered: not licensed", recording.licensed);

        // The page's change detection over REST: GET /state fingerprints what GET /license and GET /modules
        // (with the same query) answer, and each of those answers names its own in a header.
        HttpResponse<String> free = get("/api/marketplace/v1/modules?type=free");
        HttpResponse<String> licensed = get("/api/marketplace/v1/license");
        String state = get("/api/marketplace/v1/state?type=free").body();
        String freeFingerprint = free.headers().firstValue("Marketplace-Fingerprint").orElse("none");
        assertTrue(state, state.matches("(?s).*\"modules\"\\s*:\\s*\"" + freeFingerprint + "\".*"));
        assertTrue(state, state.matches("(?s).*\"license\"\\s*:\\s*\""
                + licensed.headers().firstValue("Marketplace-Fingerprint").orElse("none") + "\".*"));
        assertFalse("the whole catalog is another list", get("/api/marketplace/v1/state").body().contains(freeFingerprint));
        HttpResponse<String> bad = get("/api/marketplace/v1/state?type=cheap");
        assertEquals(bad.body(), 400, bad.statusCode());
        assertTrue(bad.body(), bad.body().contains("BAD_QUERY"));
    }

    @Test
    public void freeModuleInstallUpdateUninstall() throws Exception {
        catalog.refresh();
        int before = context.getBundles().length;

        OperationDTO install = awaitDone(catalog.install(CALLBACK, "1.0.0"));
        assertEquals(install.error == null ? "" : install.error.code, "SUCCEEDED", install.state);
        assertEquals(100, install.percent);
        Bundle installed = installedBundle(CALLBACK);
        assertEquals(Bundle.ACTIVE, installed.getState());
        assertEquals("1.0.0", installed.getVersion().toString());
        await("the module's page", () -> get("/pbx/modules/callback/").statusCode() == 200);
        assertTrue(get("/pbx/modules/callback/").body().contains("1.0.0"));
        ModuleDTO module = catalog.module(CALLBACK);
        assertEquals("1.0.0", module.installedVersion);
        assertTrue(module.updateAvailable);

        assertEquals("BUSY or finished: a second operation is refused while one runs",
                "SUCCEEDED", awaitDone(catalog.update(CALLBACK)).state);
        assertEquals("1.1.0", installedBundle(CALLBACK).getVersion().toString());
        await("the updated module's page", () -> get("/pbx/modules/callback/").body().contains("1.1.0"));
        assertFalse(catalog.module(CALLBACK).updateAvailable);
        assertEquals("NO_UPDATE", expectRefusal(CatalogException.class, () -> catalog.update(CALLBACK)).reason().code);

        assertEquals("SUCCEEDED", awaitDone(catalog.uninstall(CALLBACK)).state);
        assertNull(catalog.module(CALLBACK).installedVersion);
        assertEquals(404, get("/pbx/modules/callback/").statusCode());
        assertEquals(before, context.getBundles().length);
        assertEquals("NOT_INSTALLED", expectRefusal(CatalogException.class, () -> catalog.uninstall(CALLBACK)).reason().code);
    }

    @Test
    public void paidModuleNeedsALicenseAndGetsATrial() throws Exception {
        catalog.refresh();
        int before = context.getBundles().length;
        OperationDTO refused = awaitDone(catalog.install(RECORDING, null));
        assertEquals("FAILED", refused.state);
        assertEquals("NO_LICENSE", refused.error.code);
        assertEquals("the bundle list is unchanged", before, context.getBundles().length);

        license.register(registration("Catalog Co", "catalog@example.com"));
        OperationDTO installed = awaitDone(catalog.install(RECORDING, null));
        assertEquals(installed.error == null ? "" : installed.error.code, "SUCCEEDED", installed.state);
        assertTrue("the trial was started for the module", license.isFeatureAvailable("call-recording"));
        assertEquals(Bundle.ACTIVE, installedBundle(RECORDING).getState());
        await("the paid module's page", () -> get("/pbx/modules/recording/").statusCode() == 200);
        await("the module's listener to see the trial's 10 seats",
                () -> get("/pbx/modules/recording-status").body().contains("licensed, 10 seats"));

        String key = revealedKey();
        license.unregister();
        await("the paid module's page gone with the license", () -> get("/pbx/modules/recording/").statusCode() == 404);
        assertTrue("the module asks in code and shows the Marketplace's reason",
                get("/pbx/modules/recording-status").body().contains("off (NOT_REGISTERED)"));
        assertEquals("the bundle stays installed, only its components stop", Bundle.ACTIVE, installedBundle(RECORDING).getState());
        license.activateKey(key);
        await("the paid module's page back with the license", () -> get("/pbx/modules/recording/").statusCode() == 200);
    }

    @Test
    public void requiredModulesComeFirstAndBlockRemoval() throws Exception {
        catalog.refresh();
        license.register(registration("Catalog Co", "catalog@example.com"));
        license.applyCoupon("MKTC-DEMO2-CRMCO-0090D-00002");
        OperationDTO crm = awaitDone(catalog.install(CRM, null));
        assertEquals(crm.error == null ? "" : crm.error.code, "SUCCEEDED", crm.state);
        assertNotNull("required module installed too", installedBundle(CALLBACK));
        CatalogException blocked = expectRefusal(CatalogException.class, () -> catalog.uninstall(CALLBACK));
        assertEquals("REQUIRED_BY", blocked.reason().code);
        assertTrue(blocked.reason().message.get("en").contains(CRM));
    }

    @Test
    public void unknownAndIncompatibleReleasesAreRefused() throws Exception {
        catalog.refresh();
        assertEquals("MODULE_UNKNOWN", expectRefusal(CatalogException.class, () -> catalog.install("no.such.module", null)).reason().code);
        assertEquals("RELEASE_UNKNOWN", expectRefusal(CatalogException.class, () -> catalog.install(CALLBACK, "9.9.9")).reason().code);
    }

    // ---- helpers

    private OperationDTO awaitDone(OperationDTO started) {
        await("operation " + started.kind + " " + started.moduleId + " to finish",
                () -> !"RUNNING".equals(catalog.operation(started.id).state));
        return catalog.operation(started.id);
    }

    private static List<String> ids(CatalogDTO catalog) {
        return catalog.modules.stream().map(m -> m.id).collect(Collectors.toList());
    }

}
