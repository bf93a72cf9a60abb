package org.pbx.marketplace.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.LicenseStatus;
import org.pbx.marketplace.api.ModuleCatalog;
import org.pbx.marketplace.api.dto.OperationDTO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 15 end to end on the real runtime and the in-process reference server: the vendor revokes its
 * leaked license and catalog keys with the admin API; the PBX walks to the new root, refuses its token
 * and its stored catalog signed with those keys, fetches fresh ones, and keeps its license, the gated
 * module and the installed module. Then a restart of the Marketplace bundle in the middle, and a third
 * root version.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class TrustRotationIT extends MarketplaceTestSupport {
    private static final String TOKEN = "trust-rotation-it-admin-token-0123456789";
    private static final String RECORDING = "org.pbx.marketplace.itest.gated.RecordingFeature";
    private static final String CALLBACK = "org.pbx.demo.callback";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    LicenseService license;

    @Inject
    ModuleCatalog catalog;

    @Inject
    ConfigurationAdmin configAdmin;

    @Inject
    LogReaderService logReader;

    private final List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final LogListener listener = (LogEntry entry) -> logged.add(entry.getMessage());

    @After
    public void stopListening() {
        logReader.removeLogListener(listener);
    }

    @Test
    public void aCompromisedKeyIsRevokedAndTheLicenseAndModulesStay() throws Exception {
        switchOnAdmin();
        license.register(registration("Rotate Co", "rotate@example.com"));
        license.startTrial("call-recording-pro");
        String key = revealedKey();
        await(RECORDING + " to be registered", () -> context.getServiceReference(RECORDING) != null);
        Object recording = context.getService(context.getServiceReference(RECORDING));
        OperationDTO install = awaitDone(catalog.install(CALLBACK, "1.0.0"));
        assertEquals(install.error == null ? "" : install.error.code, "SUCCEEDED", install.state);
        Bundle callback = installedBundle(CALLBACK);
        long catalogBefore = catalog.catalog(null).version;
        // The Marketplace tells what it trusts at INFO, which the log service drops by default (WARN).
        awaitService(org.osgi.service.log.admin.LoggerAdmin.class, null).getLoggerContext("marketplace.impl")
                .setLogLevels(java.util.Map.of(org.osgi.service.log.Logger.ROOT_LOGGER_NAME, org.osgi.service.log.LogLevel.INFO));
        logReader.addLogListener(listener);

        // The vendor revokes both keys, as after a leak: root version 2, then 3.
        JsonNode root1 = admin("GET", "/root", null);
        String licenseKid = root1.at("/roles/license/keyids/0").asText();
        String catalogKid = root1.at("/roles/catalog/keyids/0").asText();
        assertEquals(2, admin("POST", "/root/revoke", "{\"keyId\":\"" + licenseKid + "\"}").path("version").asInt());
        assertEquals(3, admin("POST", "/root/revoke", "{\"keyId\":\"" + catalogKid + "\"}").path("version").asInt());

        assertEquals(LicenseStatus.ACTIVE, license.refresh().status);
        assertEquals("the same license", key, revealedKey());
        assertTrue(logged.toString(), logged.stream().anyMatch(m -> m.contains("Trusting root version 3")));
        assertTrue("the token signed by the revoked key was refused: " + logged,
                logged.stream().anyMatch(m -> m.contains("no longer trusts; getting a fresh one")));
        long after = catalog.refresh().version;
        assertTrue("a catalog re-signed with the new key: " + after + " > " + catalogBefore, after > catalogBefore);
        assertTrue("the stored catalog signed by the revoked key was refused: " + logged,
                logged.stream().anyMatch(m -> m.contains("does not verify under trust root version 3")));
        assertEquals("the gated module never went down", recording, context.getService(context.getServiceReference(RECORDING)));
        assertEquals("the installed module stays", Bundle.ACTIVE, installedBundle(CALLBACK).getState());
        assertEquals(callback.getBundleId(), installedBundle(CALLBACK).getBundleId());

        // A restart in the middle: the PBX resumes from root version 3, then follows a rotation to version 4.
        Bundle impl = installedBundle("marketplace.impl");
        impl.stop();
        impl.start();
        await("the license after the restart", () -> awaitLicense().status == LicenseStatus.ACTIVE);
        assertEquals(key, revealedKey());
        logged.clear();
        assertEquals(4, admin("POST", "/root/rotate", "{\"role\":\"license\"}").path("version").asInt());
        assertEquals(LicenseStatus.ACTIVE, license().refresh().status);
        assertTrue("walked from the stored version 3, not from version 1: " + logged,
                logged.stream().anyMatch(m -> m.contains("Trusting root version 4") && m.contains("(was 3)")));
        await(RECORDING + " after the rotation", () -> context.getServiceReference(RECORDING) != null);
        assertEquals(Bundle.ACTIVE, installedBundle(CALLBACK).getState());
    }

    private LicenseService license() {
        return awaitService(LicenseService.class, null);
    }

    private org.pbx.marketplace.api.dto.LicenseDTO awaitLicense() {
        return license().license();
    }

    /** The in-process server with an admin token (docs/vendor-admin.md §1): it restarts with it. */
    private void switchOnAdmin() throws Exception {
        Configuration server = configAdmin.getConfiguration("org.pbx.marketplace.server", "?");
        Dictionary<String, Object> props = server.getProperties() == null ? new Hashtable<>() : server.getProperties();
        props.put("adminToken", TOKEN);
        server.update(props);
        await("the vendor's admin API", () -> adminStatus("/root") == 200);
    }

    private int adminStatus(String path) {
        return sendRaw(HttpRequest.newBuilder(URI.create(baseUrl() + "/vendor/admin" + path))
                .header("Authorization", "Bearer " + TOKEN).GET()).statusCode();
    }

    private JsonNode admin(String method, String path, String json) throws Exception {
        HttpResponse<String> answer = sendRaw(HttpRequest.newBuilder(URI.create(baseUrl() + "/vendor/admin" + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
        assertTrue(answer.statusCode() + " " + answer.body(), answer.statusCode() / 100 == 2);
        return JSON.readTree(answer.body());
    }

    private OperationDTO awaitDone(OperationDTO started) {
        await("operation " + started.kind + " " + started.moduleId + " to finish",
                () -> !"RUNNING".equals(catalog.operation(started.id).state));
        return catalog.operation(started.id);
    }
}
