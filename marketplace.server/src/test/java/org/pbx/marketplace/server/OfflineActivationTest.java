package org.pbx.marketplace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.testsupport.TestInstallation;

/** docs/protocol.md, "Offline activation": the request file in, a token for its installation out, over HTTP. */
class OfflineActivationTest {
    @TempDir
    Path dir;
    Harness h;
    TestInstallation online;
    String key;

    @BeforeEach
    void start() {
        h = Harness.start(dir);
        online = new TestInstallation();
        key = h.register(online, "offline@example.com", "Offline Ltd");
        assertEquals(204, h.post("/v1/licenses/release", online, Harness.body("licenseKey", key)).status());
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private Harness.Resp offline(String requestFile) {
        return h.send("POST", "/v1/licenses/offline", requestFile.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/jose"));
    }

    @Test
    void aGoodRequestGetsATokenForItsInstallationAndBindsIt() {
        TestInstallation closed = new TestInstallation();
        String nonce = TestInstallation.nonce();
        JsonNode token = h.token(offline(closed.activationRequest(key, nonce, h.clock.epochSeconds())));
        assertEquals(nonce, token.get("nonce").asText(), "nonce echoed");
        assertEquals(closed.id, token.get("installationId").asText());
        assertEquals(key, token.get("licenseKey").asText());
        // Bound now: the installation that registered the key is refused, signed, as any other.
        assertEquals("BOUND_ELSEWHERE", h.refusal(h.validate(online, key)).get("reason").asText());
        assertEquals(2005, offline(closed.activationRequest(key, nonce, h.clock.epochSeconds())).errorCode(409),
                "one answer per nonce");
    }

    @Test
    void aRequestSignedWithAnotherKeyIsRefused() {
        TestInstallation closed = new TestInstallation();
        String forged = closed.activationRequest(key, TestInstallation.nonce(), h.clock.epochSeconds(),
                closed.id, new TestInstallation().keys);
        assertEquals(2003, offline(forged).errorCode(401));
    }

    @Test
    void anInstallationIdNotDerivedFromTheKeyIsRefused() {
        TestInstallation closed = new TestInstallation();
        String posing = closed.activationRequest(key, TestInstallation.nonce(), h.clock.epochSeconds(),
                online.id, closed.keys);
        Harness.Resp resp = offline(posing);
        assertEquals(1015, resp.errorCode(400));
        assertEquals("installationId", resp.json().get("field").asText());
    }

    @Test
    void anUnknownKeyIsANumberedError() {
        String unknown = new TestInstallation().activationRequest("MKT-AAAAA-BBBBB-CCCCC-DDDDD",
                TestInstallation.nonce(), h.clock.epochSeconds());
        assertEquals(3002, offline(unknown).errorCode(404));
    }

    @Test
    void aKeyBoundElsewhereIsANumberedErrorAndBindsNothing() {
        h.token(h.validate(online, key));
        TestInstallation closed = new TestInstallation();
        Harness.Resp resp = offline(closed.activationRequest(key, TestInstallation.nonce(), h.clock.epochSeconds()));
        assertEquals(3005, resp.errorCode(403));
        h.token(h.validate(online, key));
    }

    @Test
    void staleFutureAndMalformedRequestsAreRefused() {
        TestInstallation closed = new TestInstallation();
        long now = h.clock.epochSeconds();
        assertEquals(1016, offline(closed.activationRequest(key, TestInstallation.nonce(), now - 31 * 86_400L))
                .errorCode(400));
        assertEquals(2004, offline(closed.activationRequest(key, TestInstallation.nonce(), now + 3600)).errorCode(401));
        assertEquals(1015, offline("not a request").errorCode(400));
        assertEquals(1010, offline(closed.activationRequest("MKT-SHORT", TestInstallation.nonce(), now)).errorCode(400));
    }

    @Test
    void theCabinetAnswersOnlyTheKeyItIsLoggedInWith() {
        Harness.Resp login = ErrorCodesTest.cabinetLogin(h, key);
        assertEquals(303, login.status(), login.text());
        String cookie = login.header("Set-Cookie").split(";")[0];
        Harness.Resp page = h.send("GET", "/cabinet/offline?lang=ru", new byte[0], Map.of("Cookie", cookie));
        assertEquals(200, page.status());
        assertTrue(page.text().contains("Офлайн-активация"), page.text());

        TestInstallation closed = new TestInstallation();
        String other = closed.activationRequest("MKT-AAAAA-BBBBB-CCCCC-DDDDD", TestInstallation.nonce(),
                h.clock.epochSeconds());
        assertEquals(403, paste(cookie, other).status());

        String nonce = TestInstallation.nonce();
        Harness.Resp file = paste(cookie, closed.activationRequest(key, nonce, h.clock.epochSeconds()));
        assertTrue(file.header("Content-Disposition").contains("pbx-license-" + closed.id + ".jws"));
        assertEquals(nonce, h.token(file).get("nonce").asText());

        Harness.Resp bad = paste(cookie, "garbage");
        assertEquals(400, bad.status());
        assertTrue(bad.text().contains("1015"), bad.text());
    }

    private Harness.Resp paste(String cookie, String requestFile) {
        return h.cabinetForm("/cabinet/offline", cookie, "request=" + URLEncoder.encode(requestFile, StandardCharsets.UTF_8),
                Map.of());
    }
}
