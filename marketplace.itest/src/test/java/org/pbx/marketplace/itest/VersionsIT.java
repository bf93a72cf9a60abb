package org.pbx.marketplace.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.ModuleCatalog;
import org.pbx.marketplace.api.dto.OperationDTO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Earlier releases installed back as a downgrade, and the check of another PBX version against the
 * installed modules: over real HTTP to the product's REST API, the demo catalog from the reference
 * server, the modules' bundles in the real framework.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class VersionsIT extends MarketplaceTestSupport {

    private static final String API = "/api/marketplace/v1";
    private static final String CALLBACK = "org.pbx.demo.callback";
    private static final String WEATHER = "org.pbx.demo.weather";
    private static final String RECORDING = "org.pbx.demo.recording";
    private static final String CRM = "org.pbx.demo.crm";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ModuleCatalog catalog;

    @Inject
    LicenseService license;

    @Test
    public void anEarlierReleaseGoesBackInAsADowngrade() throws Exception {
        catalog.refresh();
        assertEquals("SUCCEEDED", follow(send("POST", "/modules/" + CALLBACK + "/install", Map.of())));
        assertEquals("1.1.0", installedBundle(CALLBACK).getVersion().toString());

        JsonNode releases = json(get(API + "/modules/" + CALLBACK)).path("releases");
        assertEquals("1.1.0", releases.get(0).path("version").asText());
        assertFalse("the installed release is not an earlier one", releases.get(0).path("earlier").asBoolean());
        assertEquals("1.0.0", releases.get(1).path("version").asText());
        assertTrue("1.0.0 is offered to go back to", releases.get(1).path("earlier").asBoolean());
        // The demo catalog's advisory PBXSA-DEMO-001 covers callback 1.0.0: going back to it is marked.
        assertEquals("[\"PBXSA-DEMO-001\"]", releases.get(1).path("advisoryIds").toString());
        assertEquals(0, releases.get(0).path("advisoryIds").size());

        // A cross-site request (no API header) changes nothing.
        HttpResponse<String> crossSite = sendRaw(HttpRequest.newBuilder(URI.create(baseUrl() + API + "/modules/" + CALLBACK + "/downgrade"))
                .header("Authorization", ADMIN_AUTHORIZATION).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"version\":\"1.0.0\"}")));
        assertEquals(crossSite.body(), 403, crossSite.statusCode());
        assertEquals("1.1.0", installedBundle(CALLBACK).getVersion().toString());

        LicenseRestIT.assertProblem(send("POST", "/modules/" + CALLBACK + "/downgrade", Map.of("version", "1.1.0")), 409, "NOT_EARLIER");
        LicenseRestIT.assertProblem(send("POST", "/modules/" + CALLBACK + "/downgrade", Map.of("version", "0.5.0")), 404, "RELEASE_UNKNOWN");
        LicenseRestIT.assertProblem(send("POST", "/modules/" + WEATHER + "/downgrade", Map.of("version", "0.5.0")), 409, "NOT_INSTALLED");

        // Not without the admin's confirmation: the refusal names the advisory, and nothing changed.
        HttpResponse<String> unconfirmed = send("POST", "/modules/" + CALLBACK + "/downgrade", Map.of("version", "1.0.0"));
        LicenseRestIT.assertProblem(unconfirmed, 409, "ADVISORY_CONFIRM");
        assertTrue(unconfirmed.body(), unconfirmed.body().contains("PBXSA-DEMO-001"));
        assertEquals("1.1.0", installedBundle(CALLBACK).getVersion().toString());

        HttpResponse<String> started = send("POST", "/modules/" + CALLBACK + "/downgrade",
                Map.of("version", "1.0.0", "confirmAdvisories", true));
        assertEquals(started.body(), 202, started.statusCode());
        assertEquals("DOWNGRADE", json(started).path("kind").asText());
        assertEquals("SUCCEEDED", follow(started));
        Bundle bundle = installedBundle(CALLBACK);
        assertEquals("1.0.0", bundle.getVersion().toString());
        assertEquals(Bundle.ACTIVE, bundle.getState());
        await("the module's page of 1.0.0", () -> get("/pbx/modules/callback/").body().contains("1.0.0"));
        JsonNode module = json(get(API + "/modules/" + CALLBACK));
        assertEquals("1.0.0", module.path("installedVersion").asText());
        assertTrue(module.path("updateAvailable").asBoolean());
        assertFalse("nothing earlier than the first release", module.path("releases").get(1).path("earlier").asBoolean());

        // An install that names an earlier release is a downgrade too, so it is refused the same way
        // (an install has no confirmation: the downgrade does).
        assertEquals("SUCCEEDED", awaitDone(catalog.update(CALLBACK)).state);
        try {
            catalog.install(CALLBACK, "1.0.0");
            org.junit.Assert.fail("an install back to 1.0.0 under PBXSA-DEMO-001 started without confirmation");
        } catch (org.pbx.marketplace.api.CatalogException e) {
            assertEquals("ADVISORY_CONFIRM", e.reason().code);
        }
        assertEquals("1.1.0", installedBundle(CALLBACK).getVersion().toString());
    }

    @Test
    public void upgradeCheckForPbx8NamesEachModule() throws Exception {
        catalog.refresh();
        license.register(registration("Upgrade Co", "upgrade@example.com"));
        license.applyCoupon("MKTC-DEMO1-RECPR-0365D-00001");
        license.applyCoupon("MKTC-DEMO2-CRMCO-0090D-00002");
        assertEquals("SUCCEEDED", awaitDone(catalog.install(CALLBACK, "1.0.0")).state);
        for (String id : new String[] {WEATHER, RECORDING, CRM}) {
            OperationDTO op = awaitDone(catalog.install(id, null));
            assertEquals(id + ": " + (op.error == null ? "" : op.error.code), "SUCCEEDED", op.state);
        }

        HttpResponse<String> answer = get(API + "/catalog/upgrade-check?pbxVersion=8.0.0");
        assertEquals(answer.body(), 200, answer.statusCode());
        JsonNode report = json(answer);
        assertEquals("8.0.0", report.path("pbxVersion").asText());
        assertEquals(System.getProperty("pbx.host.version"), report.path("hostVersion").asText());
        Map<String, JsonNode> byId = new HashMap<>();
        report.path("modules").forEach(m -> byId.put(m.path("moduleId").asText(), m));
        assertEquals(byId.keySet().toString(), 4, byId.size());
        assertEquals("UPDATE_NEEDED", byId.get(CALLBACK).path("outcome").asText());
        assertEquals("1.1.0", byId.get(CALLBACK).path("release").asText());
        assertEquals("1.0.0", byId.get(CALLBACK).path("installedVersion").asText());
        assertEquals("COMPATIBLE", byId.get(WEATHER).path("outcome").asText());
        assertEquals("COMPATIBLE", byId.get(CRM).path("outcome").asText());
        assertEquals("INCOMPATIBLE", byId.get(RECORDING).path("outcome").asText());
        assertTrue(byId.get(RECORDING).path("reason").path("message").path("en").asText().contains("≤ 7.99.99"));
        assertTrue(byId.get(RECORDING).path("release").isNull());
        String text = report.path("text").path("en").asText();
        assertTrue(text, text.contains(CALLBACK + " 1.0.0: compatible after updating to 1.1.0 — "));
        assertTrue(text, text.contains(RECORDING + " 1.0.0: incompatible — "));
        assertTrue(report.path("text").path("ru").asText().contains(WEATHER + " 1.0.0: совместим — "));

        // The same PBX version as now: everything installed runs.
        JsonNode same = json(get(API + "/catalog/upgrade-check?pbxVersion=" + System.getProperty("pbx.host.version")));
        same.path("modules").forEach(m -> assertEquals(m.toString(), "COMPATIBLE", m.path("outcome").asText()));
        assertEquals("a check changes nothing", "1.0.0", catalog.module(CALLBACK).installedVersion);
    }

    @Test
    public void aMalformedPbxVersionIsAPlainError() throws Exception {
        JsonNode en = LicenseRestIT.assertProblem(get(API + "/catalog/upgrade-check?pbxVersion=8.x"), 400, "PBX_VERSION_MALFORMED");
        assertEquals("\"8.x\" is not a PBX version. Write it as major.minor.micro, digits only, e.g. 8.0.0.", en.path("detail").asText());
        JsonNode ru = LicenseRestIT.assertProblem(send(HttpRequest.newBuilder(URI.create(baseUrl() + API + "/catalog/upgrade-check?pbxVersion="))
                .header("Accept-Language", "ru").GET()), 400, "PBX_VERSION_MALFORMED");
        assertTrue(ru.path("detail").asText(), ru.path("detail").asText().startsWith("«» — не версия АТС."));
    }

    // ---- helpers

    private HttpResponse<String> send(String method, String path, Object body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + API + path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    }

    /** Follows the operation a 202 started to its end; its final state. */
    private String follow(HttpResponse<String> started) throws Exception {
        assertEquals(started.body(), 202, started.statusCode());
        String id = json(started).path("id").asText();
        await("operation " + id + " to finish", () -> !"RUNNING".equals(catalog.operation(id).state));
        OperationDTO done = catalog.operation(id);
        return done.error == null ? done.state : done.state + " " + done.error.code;
    }

    private OperationDTO awaitDone(OperationDTO started) {
        await("operation " + started.kind + " " + started.moduleId + " to finish",
                () -> !"RUNNING".equals(catalog.operation(started.id).state));
        return catalog.operation(started.id);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
