package org.pbx.marketplace.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The license part of the admin REST API over real HTTP: success and refusal of each row, the
 * refusals as RFC 9457 problems in the request's language, and the strict JSON rules.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class LicenseRestIT extends MarketplaceTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/marketplace/v1";

    @Inject
    ConfigurationAdmin configAdmin;

    @Test
    public void registerRevealTrialCouponRefreshUnregister() throws Exception {
        JsonNode unregistered = json(get(API + "/license"));
        assertEquals("UNREGISTERED", unregistered.path("status").asText());
        assertEquals(baseUrl() + "/vendor/cabinet/", unregistered.path("cabinetUrl").asText());
        assertProblem(get(API + "/license/key"), 404, "NOT_REGISTERED");

        HttpResponse<String> created = send("POST", "/registration", Map.of("companyName", "ООО «Ромашка»",
                "email", "rest@example.com", "contactName", "Ivan", "companyId", "7707083893", "language", "ru"));
        assertEquals(created.body(), 201, created.statusCode());
        assertEquals("ACTIVE", json(created).path("status").asText());
        assertEquals("ООО «Ромашка»", json(created).path("owner").path("companyName").asText());
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith(API + "/license"));

        HttpResponse<String> key = get(API + "/license/key");
        assertEquals(200, key.statusCode());
        assertTrue(key.headers().firstValue("Cache-Control").orElse("").contains("no-store"));
        assertTrue(json(key).path("key").asText().matches("MKT-[A-Z0-9]{5}(-[A-Z0-9]{5}){3}"));

        assertProblem(send("POST", "/registration", Map.of("companyName", "Other", "email", "other@example.com",
                "contactName", "Ann")), 409, "ALREADY_REGISTERED");
        assertEquals(200, send("POST", "/license/trials", Map.of("productId", "call-recording-pro")).statusCode());
        assertProblem(send("POST", "/license/trials", Map.of("productId", "no-such-product")), 404, "E_UNKNOWN_PRODUCT");
        assertProblem(send("POST", "/license/trials", Map.of("productId", "pbx-marketplace")), 409, "E_NO_TRIAL");
        HttpResponse<String> coupon = send("POST", "/license/coupons", Map.of("coupon", "MKTC-DEMO1-RECPR-0365D-00001"));
        assertEquals(coupon.body(), 200, coupon.statusCode());
        assertEquals("the same coupon again on the same key changes nothing", 200,
                send("POST", "/license/coupons", Map.of("coupon", "MKTC-DEMO1-RECPR-0365D-00001")).statusCode());
        assertProblem(send("POST", "/license/coupons", Map.of("coupon", "MKTC-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ")), 404, "E_UNKNOWN_COUPON");
        JsonNode badCoupon = assertProblem(sendIn("ru", "POST", "/license/coupons", Map.of("coupon", "nonsense")), 400, "COUPON_FORMAT");
        assertTrue("Russian detail for Accept-Language ru: " + badCoupon, badCoupon.path("detail").asText().contains("Купон"));
        assertTrue(assertProblem(sendIn("en-US,en;q=0.8", "POST", "/license/coupons", Map.of("coupon", "nonsense")), 400,
                "COUPON_FORMAT").path("detail").asText().contains("coupon"));
        assertEquals("ACTIVE", json(send("POST", "/license/refresh", null)).path("status").asText());

        assertEquals(204, send("DELETE", "/license", null).statusCode());
        assertEquals("UNREGISTERED", json(get(API + "/license")).path("status").asText());
        assertEquals("cancelling twice is fine", 204, send("DELETE", "/license", null).statusCode());
        assertProblem(send("POST", "/license/refresh", null), 409, "NOT_REGISTERED");
        assertProblem(send("POST", "/license/coupons", Map.of("coupon", "MKTC-DEMO2-CRMCO-0090D-00002")), 409, "NOT_REGISTERED");
    }

    @Test
    public void registrationErrorsNameTheirFields() throws Exception {
        JsonNode missing = assertProblem(sendIn("ru", "POST", "/registration", Map.of("phone", "+7 495 000-00-00")), 400, "FORM_INVALID");
        assertEquals(3, missing.path("errors").size());
        assertEquals("companyName", missing.path("errors").get(0).path("field").asText());
        assertEquals("email", missing.path("errors").get(1).path("field").asText());
        assertEquals("contactName", missing.path("errors").get(2).path("field").asText());
        assertTrue(missing.path("errors").get(1).path("message").asText().contains("почты"));

        JsonNode email = assertProblem(send("POST", "/registration", Map.of("companyName", "Acme", "email", "not-an-email",
                "contactName", "Ann")), 400, "E_EMAIL_SYNTAX");
        assertEquals("email", email.path("errors").get(0).path("field").asText());
        JsonNode companyId = assertProblem(send("POST", "/registration", Map.of("companyName", "Acme", "email", "a@example.com",
                "contactName", "Ann", "companyId", "1234567895")), 400, "E_COMPANY_ID_CHECK");
        assertEquals("companyId", companyId.path("errors").get(0).path("field").asText());
        assertEquals("UNREGISTERED", json(get(API + "/license")).path("status").asText());
    }

    @Test
    public void activateKeyRefusesMalformedAndUnknownKeysAndTakesAFreeOne() throws Exception {
        assertProblem(send("PUT", "/license/key", Map.of("key", "12345")), 400, "KEY_FORMAT");
        assertProblem(send("PUT", "/license/key", Map.of("key", "MKT-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ")), 404, "E_UNKNOWN_KEY");
        assertEquals("UNREGISTERED", json(get(API + "/license")).path("status").asText());

        OtherInstallation other = new OtherInstallation(baseUrl() + "/vendor");
        String key = other.register("Key Co", "key@example.com");
        assertProblem(send("PUT", "/license/key", Map.of("key", key)), 409, "E_BOUND_ELSEWHERE");
        other.release(key);
        HttpResponse<String> activated = send("PUT", "/license/key", Map.of("key", key));
        assertEquals(activated.body(), 200, activated.statusCode());
        assertEquals("ACTIVE", json(activated).path("status").asText());
        assertEquals(key, json(get(API + "/license/key")).path("key").asText());
    }

    @Test
    public void requestBodiesAreReadStrictly() throws Exception {
        JsonNode unknown = assertProblem(sendJson("PUT", "/license/key", "{\"key\":\"MKT-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ\",\"admin\":true}"),
                400, "UNKNOWN_FIELD");
        assertEquals("admin", unknown.path("errors").get(0).path("field").asText());
        assertProblem(sendJson("PUT", "/license/key", "{\"key\":\"a\",\"key\":\"MKT-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ\"}"), 400, "DUPLICATE_FIELD");
        assertProblem(sendJson("POST", "/license/coupons", "{\"coupon\": "), 400, "MALFORMED_JSON");
        assertProblem(sendJson("POST", "/license/coupons", "{\"coupon\": {\"a\": 1}}"), 400, "JSON_TYPE");
        assertProblem(sendJson("POST", "/registration", "{\"companyName\":\"" + "x".repeat(20 * 1024) + "\"}"),
                400, "JSON_LIMITS");
        assertProblem(sendJson("POST", "/registration", "{\"companyName\":\"" + "x".repeat(70 * 1024) + "\"}"), 413, "BODY_TOO_LARGE");
        assertProblem(send(HttpRequest.newBuilder(URI.create(baseUrl() + API + "/license/coupons"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("coupon"))), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(get(API + "/no-such-thing"), 404, "NOT_FOUND");
        assertEquals("UNREGISTERED", json(get(API + "/license")).path("status").asText());
    }

    @Test
    public void unreachableServerIs503NotAWrongKey() throws Exception {
        // The demo vendor's root is pinned (MarketplaceTestSupport); without it the answer would be NO_TRUST_ROOT.
        assertProblem(send("PUT", "/license/key", Map.of("key", "MKT-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ")), 404, "E_UNKNOWN_KEY");
        Configuration server = configAdmin.getConfiguration("org.pbx.marketplace.server", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("enabled", false);
        server.update(props);
        await("the vendor server to be off", () -> get("/vendor/v1/keys").statusCode() == 503);

        JsonNode down = assertProblem(send("POST", "/registration", Map.of("companyName", "Acme", "email", "a@example.com",
                "contactName", "Ann")), 503, "SERVER_DOWN");
        // A vendor that is switched off still answers (503): not the "check the network" advice.
        assertTrue(down.path("detail").asText(), down.path("detail").asText().startsWith("The marketplace server answered with an error."));
        assertProblem(send("PUT", "/license/key", Map.of("key", "MKT-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ")), 503, "SERVER_DOWN");
        assertEquals("UNREGISTERED", json(get(API + "/license")).path("status").asText());
    }

    // ---- helpers

    private HttpResponse<String> send(String method, String path, Object body) throws Exception {
        return sendIn("en", method, path, body);
    }

    private HttpResponse<String> sendIn(String language, String method, String path, Object body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + API + path))
                .header("Content-Type", "application/json")
                .header("Accept-Language", language)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    }

    private HttpResponse<String> sendJson(String method, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + API + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Asserts an RFC 9457 problem with the status and code; returns its body. */
    static JsonNode assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
        assertEquals(response.body(), status, response.statusCode());
        assertTrue("problem+json: " + response.headers().map(),
                response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertEquals(response.body(), code, problem.path("code").asText());
        assertEquals(status, problem.path("status").asInt());
        assertEquals("urn:pbx-marketplace:problem:" + code, problem.path("type").asText());
        assertTrue(problem.path("title").asText().length() > 3);
        assertTrue(problem.path("detail").asText().length() > 10);
        return problem;
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
