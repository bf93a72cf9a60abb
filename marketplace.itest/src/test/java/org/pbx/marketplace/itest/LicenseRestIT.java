package org.pbx.marketplace.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The license part of the admin REST API over real HTTP: success and refusal of each call.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class LicenseRestIT extends MarketplaceTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/marketplace/v1";

    @Test
    public void registerRevealTrialCouponRefreshUnregister() throws Exception {
        await("the license resource", () -> get(API + "/license").statusCode() == 200);
        assertEquals("UNREGISTERED", json(get(API + "/license")).path("status").asText());
        assertEquals(404, get(API + "/license/key").statusCode());

        HttpResponse<String> created = send("POST", "/registration", Map.of("companyName", "ООО «Ромашка»",
                "email", "rest@example.com", "contactName", "Ivan", "companyId", "7707083893", "language", "ru"));
        assertEquals(created.body(), 201, created.statusCode());
        assertEquals("ACTIVE", json(created).path("status").asText());

        HttpResponse<String> key = get(API + "/license/key");
        assertEquals(200, key.statusCode());
        assertTrue(key.headers().firstValue("Cache-Control").orElse("").contains("no-store"));
        assertTrue(json(key).path("key").asText().matches("MKT-[A-Z0-9]{5}(-[A-Z0-9]{5}){3}"));

        assertEquals(409, send("POST", "/registration", Map.of("companyName", "Other", "email", "other@example.com",
                "contactName", "Ann")).statusCode());
        assertEquals(200, send("POST", "/license/trials", Map.of("productId", "call-recording-pro")).statusCode());
        assertEquals(404, send("POST", "/license/trials", Map.of("productId", "no-such-product")).statusCode());
        assertEquals(200, send("POST", "/license/coupons", Map.of("coupon", "MKTC-DEMO1-RECPR-0365D-00001")).statusCode());
        HttpResponse<String> badCoupon = send("POST", "/license/coupons", Map.of("coupon", "nonsense"));
        assertEquals(400, badCoupon.statusCode());
        assertEquals("COUPON_FORMAT", json(badCoupon).path("code").asText());
        assertTrue(json(badCoupon).path("message").path("ru").asText().contains("Купон"));
        assertEquals("ACTIVE", json(send("POST", "/license/refresh", Map.of())).path("status").asText());

        assertEquals(204, send("DELETE", "/license", null).statusCode());
        assertEquals("UNREGISTERED", json(get(API + "/license")).path("status").asText());
    }

    @Test
    public void activateKeyRefusesMalformedAndUnknownKeys() throws Exception {
        await("the license resource", () -> get(API + "/license").statusCode() == 200);
        HttpResponse<String> malformed = send("PUT", "/license/key", Map.of("key", "12345"));
        assertEquals(400, malformed.statusCode());
        assertEquals("KEY_FORMAT", json(malformed).path("code").asText());
        HttpResponse<String> unknown = send("PUT", "/license/key", Map.of("key", "MKT-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ"));
        assertEquals(unknown.body(), 404, unknown.statusCode());
        assertEquals("E_UNKNOWN_KEY", json(unknown).path("code").asText());
        assertEquals("UNREGISTERED", json(get(API + "/license")).path("status").asText());
    }

    private HttpResponse<String> send(String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + API + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        return send(request);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
