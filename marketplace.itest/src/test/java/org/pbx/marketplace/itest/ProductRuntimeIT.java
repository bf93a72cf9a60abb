package org.pbx.marketplace.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Dictionary;
import java.util.Hashtable;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;
import org.pbx.marketplace.api.LicenseStatus;
import org.pbx.marketplace.api.LicenseService;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The runtime a PBX ships (cnf/runtime.bnd), as it starts out of the box: no vendor server in it, and
 * no trust in anyone until a root is configured; it keeps working unregistered and says what to configure.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProductRuntimeIT extends MarketplaceTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/marketplace/v1";

    @Inject
    LicenseService license;

    @Inject
    ConfigurationAdmin configAdmin;

    @Override
    protected boolean inProcessVendor() {
        return false;
    }

    @Test
    public void theProductHasNoVendorServer() {
        assertNull("no marketplace.server bundle", installedBundle("marketplace.server"));
        assertEquals(404, get("/vendor/v1/keys").statusCode());
        assertEquals(404, get("/vendor/cabinet/").statusCode());
        assertEquals(200, get(API + "/about").statusCode());
    }

    @Test
    public void withoutARootNothingIsTrustedAndItSaysWhatToConfigure() throws Exception {
        JsonNode problem = LicenseRestIT.assertProblem(post(API + "/registration", "{\"companyName\":\"Acme\","
                + "\"email\":\"a@example.com\",\"contactName\":\"Ann\"}", "en"), 503, "NO_TRUST_ROOT");
        String en = problem.path("detail").asText();
        assertTrue(en, en.contains("trust root") && en.contains("pbx.marketplace.trustRoot"));
        assertTrue(en, depth(en) == 0);
        String ru = LicenseRestIT.assertProblem(post(API + "/registration", "{\"companyName\":\"Acme\","
                + "\"email\":\"a@example.com\",\"contactName\":\"Ann\"}", "ru"), 503, "NO_TRUST_ROOT").path("detail").asText();
        assertTrue(ru, ru.contains("корня доверия"));
        assertEquals(LicenseStatus.UNREGISTERED, license.license().status);

        JsonNode catalog = JSON.readTree(get(API + "/modules").body());
        assertEquals(0, catalog.path("modules").size());
        String reason = catalog.path("reason").path("message").path("en").asText();
        assertTrue(catalog.toString(), reason.startsWith("The catalog has not been received yet. This PBX trusts no vendor yet"));
        assertTrue("one reason, no nested parentheses: " + reason, depth(reason) <= 1);
    }

    /**
     * A local process answering the default server URL first used to become "the vendor": its keys were learned
     * and pinned. Now nothing is even asked of a server while no root is configured.
     */
    @Test
    public void noKeyIsEverLearnedFromAServer() throws Exception {
        try (FaultServer impostor = new FaultServer(FaultServer.status(200, "application/json",
                "{\"ed25519-0000000000000000\":\"MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE\"}"))) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("serverUrl", impostor.url());
            configAdmin.getConfiguration("org.pbx.marketplace.license", "?").update(props);
            await("the license to use " + impostor.url(), () -> String.valueOf(license.license().cabinetUrl).startsWith(impostor.url()));
            LicenseRestIT.assertProblem(post(API + "/license/key", "{\"key\":\"MKT-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ\"}", "en"),
                    503, "NO_TRUST_ROOT");
            LicenseRestIT.assertProblem(send(HttpRequest.newBuilder(URI.create(baseUrl() + API + "/catalog/refresh"))
                    .POST(HttpRequest.BodyPublishers.noBody())), 503, "NO_TRUST_ROOT");
            assertEquals("not one request reached the would-be vendor", 0, impostor.requests.get());
            assertFalse(license.license().status == LicenseStatus.ACTIVE);
        }
    }

    private HttpResponse<String> post(String path, String json, String language) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Content-Type", "application/json")
                .header("Accept-Language", language).method(path.endsWith("/key") ? "PUT" : "POST",
                        HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The deepest nesting of parentheses in a text. */
    private static int depth(String text) {
        int depth = 0;
        int deepest = 0;
        for (char c : text.toCharArray()) {
            if (c == '(') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == ')') {
                depth--;
            }
        }
        return deepest;
    }
}
