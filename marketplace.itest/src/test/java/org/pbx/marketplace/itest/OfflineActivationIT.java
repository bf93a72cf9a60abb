package org.pbx.marketplace.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.LicenseStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Offline activation end to end (docs/protocol.md, "Offline activation"): the PBX's server URL
 * points where nothing answers, and the test is the person who carries the request file to the
 * reference server's offline endpoint over HTTP and the token file back. The PBX side is driven
 * as an admin would: REST and the console, with a restart of the license bundle in between.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class OfflineActivationIT extends MarketplaceTestSupport {

    private static final String LICENSED_ONLY = "org.pbx.marketplace.itest.gated.LicensedOnly";
    private static final String NOWHERE = "http://127.0.0.1:1/vendor";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ConfigurationAdmin configAdmin;

    @Inject
    CommandProcessor processor;

    @Test
    public void requestCarriedToTheVendorAndTokenCarriedBack() throws Exception {
        OtherInstallation other = new OtherInstallation(vendorUrl());
        String key = other.register("Closed Network Co", "closed@example.com");
        other.release(key);
        JsonNode foreignToken = other.registration("Other Co", "other@example.com");
        cutOffFromTheVendor();

        // A request whose token then no longer answers the pending one: the second export replaces it.
        String firstToken = carry(exportOverRest(key));
        Path secondRequest = Files.createTempFile("pbx-activation-request", ".jws");
        try (GogoSession shell = new GogoSession(processor, "en")) {
            awaitCommand("offline-import");
            GogoSession.Output written = shell.run("marketplace:offline-request " + key + " " + secondRequest);
            assertTrue(written.toString(), written.out.startsWith("Activation request written to "));
        }

        HttpResponse<String> stale = importOverRest(firstToken, "ru");
        assertEquals(stale.body(), 400, stale.statusCode());
        assertEquals("OFFLINE_TOKEN_OTHER_REQUEST", JSON.readTree(stale.body()).path("code").asText());
        assertTrue(stale.body(), JSON.readTree(stale.body()).path("detail").asText().contains("последнего файла запроса"));

        HttpResponse<String> foreign = importOverRest(foreignToken.path("token").asText(), "en");
        assertEquals(foreign.body(), 400, foreign.statusCode());
        assertEquals("OFFLINE_TOKEN_OTHER_PBX", JSON.readTree(foreign.body()).path("code").asText());
        assertEquals(LicenseStatus.UNREGISTERED, license().license().status);

        // The pending request survives a restart of the license bundle.
        Bundle impl = context.getServiceReference(LicenseService.class).getBundle();
        impl.stop();
        impl.start();

        Path tokenFile = Files.createTempFile("pbx-license", ".jws");
        Files.writeString(tokenFile, carry(Files.readString(secondRequest)));
        try (GogoSession shell = new GogoSession(processor, "en")) {
            awaitCommand("offline-import");
            GogoSession.Output imported = shell.run("marketplace:offline-import " + tokenFile);
            assertTrue(imported.toString(), imported.out.startsWith("Activated offline."));
            assertTrue(imported.toString(), imported.out.contains("  Status: Active\n"));
            GogoSession.Output again = shell.run("marketplace:offline-import " + tokenFile);
            assertTrue("the same token file once only: " + again, again.err.contains("[OFFLINE_NO_REQUEST]"));
        }
        assertEquals(LicenseStatus.ACTIVE, license().license().status);
        assertEquals(key, revealedKey());
        await(LICENSED_ONLY + " to be registered", () -> context.getServiceReference(LICENSED_ONLY) != null);
    }

    // ---- helpers

    /** The PBX keeps the trust root it was given (its own configuration) and a server URL where nothing listens. */
    private void cutOffFromTheVendor() throws Exception {
        Configuration configuration = configAdmin.getConfiguration("org.pbx.marketplace.license", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("serverUrl", NOWHERE);
        configuration.update(props);
        await("the license to use " + NOWHERE, () -> (NOWHERE + "/cabinet/").equals(license().license().cabinetUrl));
    }

    private String exportOverRest(String key) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl()
                + "/api/marketplace/v1/license/offline-request")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"" + key + "\"}")));
        assertEquals(response.body(), 200, response.statusCode());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("pbx-activation-request-" + license().license().installationId + ".jws",
                body.path("fileName").asText());
        return body.path("file").asText();
    }

    private HttpResponse<String> importOverRest(String token, String language) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/marketplace/v1/license/offline-token"))
                .header("Content-Type", "application/json").header("Accept-Language", language)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(java.util.Map.of("token", token)))));
    }

    /** The sneakernet: the request file to the vendor's endpoint, the token file back. */
    private String carry(String requestFile) {
        HttpResponse<String> answer = sendRaw(HttpRequest.newBuilder(URI.create(vendorUrl() + "/v1/licenses/offline"))
                .header("Content-Type", "application/jose").POST(HttpRequest.BodyPublishers.ofString(requestFile)));
        assertEquals(answer.body(), 200, answer.statusCode());
        assertEquals("application/jose", answer.headers().firstValue("Content-Type").orElse(""));
        return answer.body();
    }

    private LicenseService license() {
        return awaitService(LicenseService.class, null);
    }

    private void awaitCommand(String function) {
        await("marketplace:" + function, () -> {
            try {
                return context.getServiceReferences((String) null,
                        "(&(osgi.command.scope=marketplace)(osgi.command.function=" + function + "))") != null;
            } catch (InvalidSyntaxException e) {
                throw new AssertionError(e);
            }
        });
    }

    private String vendorUrl() {
        return baseUrl() + "/vendor";
    }
}
