package org.pbx.marketplace.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The admin login in front of every page and API path, the cross-site rules for requests that
 * change state, and the security headers, over real HTTP.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WebSecurityIT extends MarketplaceTestSupport {

    private static final String API = "/api/marketplace/v1";

    @Test
    public void withoutCredentialsEverythingAsksForTheLogin() throws Exception {
        for (String path : new String[] {API + "/license", API + "/license/key", API + "/about", API + "/no-such-thing",
                "/marketplace/", "/marketplace/js/main.js", "/marketplace/no/such/page.html"}) {
            HttpResponse<String> response = sendRaw(request(path));
            assertEquals(path, 401, response.statusCode());
            assertTrue(path, response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="));
            assertEquals(path, "nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
            assertTrue(path + " leaks nothing: " + response.body(), !response.body().contains("MKT-"));
        }
        LicenseRestIT.assertProblem(sendRaw(request(API + "/license").header("Accept-Language", "ru")), 401, "LOGIN_REQUIRED");
        String wrong = "Basic " + Base64.getEncoder().encodeToString("admin:guess".getBytes(StandardCharsets.UTF_8));
        assertEquals(401, sendRaw(request(API + "/license").header("Authorization", wrong)).statusCode());
        String otherUser = "Basic " + Base64.getEncoder().encodeToString(("root:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertEquals(401, sendRaw(request(API + "/license").header("Authorization", otherUser)).statusCode());
        assertEquals(401, sendRaw(request(API + "/license/refresh").POST(HttpRequest.BodyPublishers.noBody())
                .header("X-Requested-With", "marketplace")).statusCode());
    }

    @Test
    public void stateChangesNeedTheHeaderAndTheSameOrigin() throws Exception {
        LicenseRestIT.assertProblem(sendRaw(loggedIn(API + "/license/refresh").POST(HttpRequest.BodyPublishers.noBody())),
                403, "HEADER_MISSING");
        LicenseRestIT.assertProblem(sendRaw(loggedIn(API + "/license").DELETE()), 403, "HEADER_MISSING");
        // A form another site posts: no custom header possible, the browser names the other origin.
        LicenseRestIT.assertProblem(sendRaw(loggedIn(API + "/registration")
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "https://evil.example")
                .header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString("companyName=x&email=x@example.com&contactName=x"))), 403, "HEADER_MISSING");
        LicenseRestIT.assertProblem(send(request(API + "/license/refresh").header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.noBody())), 403, "CROSS_SITE");
        LicenseRestIT.assertProblem(send(request(API + "/license/refresh").header("Origin", "null")
                .POST(HttpRequest.BodyPublishers.noBody())), 403, "CROSS_SITE");
        LicenseRestIT.assertProblem(send(request(API + "/license/refresh").header("Sec-Fetch-Site", "same-site")
                .POST(HttpRequest.BodyPublishers.noBody())), 403, "CROSS_SITE");

        // The page's own requests pass the guard (and reach the license: not registered here).
        LicenseRestIT.assertProblem(send(request(API + "/license/refresh").header("Origin", baseUrl())
                .header("Sec-Fetch-Site", "same-origin").POST(HttpRequest.BodyPublishers.noBody())), 409, "NOT_REGISTERED");
        // A script sends neither Origin nor Sec-Fetch-Site, only the header.
        LicenseRestIT.assertProblem(send(request(API + "/license/refresh").POST(HttpRequest.BodyPublishers.noBody())),
                409, "NOT_REGISTERED");
        assertEquals("reads need no header", 200, sendRaw(loggedIn(API + "/license")).statusCode());
    }

    @Test
    public void answersCarryNosniffAndAPolicyWithoutInlineScript() {
        for (String path : new String[] {"/marketplace/", "/marketplace/js/main.js", API + "/license", API + "/no-such-thing"}) {
            HttpResponse<String> response = get(path);
            assertEquals(path, "nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
            String policy = response.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(path + ": " + policy, policy.contains("default-src 'none'"));
            assertTrue(path + ": " + policy, !policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"));
        }
        String page = get("/marketplace/").body();
        assertTrue("no inline script on the page", !page.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"));
    }

    @Test
    public void generatedPasswordFileIsOwnerReadableOnly() throws Exception {
        Path file = Paths.get(context.getProperty("pbx.data"), "marketplace-admin.password");
        assertTrue("generated on first start: " + file, Files.exists(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(Files.readString(file).trim().length() >= 16);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path));
    }

    private HttpRequest.Builder loggedIn(String path) {
        return request(path).header("Authorization", ADMIN_AUTHORIZATION);
    }
}
