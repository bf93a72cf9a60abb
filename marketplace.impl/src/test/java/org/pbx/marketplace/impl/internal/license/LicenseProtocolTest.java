package org.pbx.marketplace.impl.internal.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.api.LicenseStatus;
import org.pbx.marketplace.impl.internal.protocol.InstallationIdentity;
import org.pbx.marketplace.impl.internal.protocol.JwsVerifier;
import org.pbx.marketplace.impl.internal.protocol.VendorClient;
import org.pbx.marketplace.impl.internal.protocol.VendorUnreachableException;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/**
 * Hostile and broken answers to a validate request, over real HTTP from a local server: only a
 * verified token for our nonce, installation and key is a license, only a verified refusal for
 * them is a "no"; everything else is "unreachable" and must change nothing.
 */
class LicenseProtocolTest {

    private static final String KEY = "MKT-AAAAA-BBBBB-CCCCC-DDDDD";
    private static final String KID = "ed25519-test";

    @TempDir
    Path data;

    private HttpServer server;
    private KeyPair vendor;
    private InstallationIdentity identity;
    private LicenseProtocol protocol;
    private VendorClient client;
    /** Given the request's JSON, what to answer. */
    private volatile Function<JsonNode, Reply> responder;

    private static final class Reply {
        final int status;
        final String type;
        final byte[] body;

        Reply(int status, String type, String body) {
            this.status = status;
            this.type = type;
            this.body = body.getBytes(StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void start() throws Exception {
        vendor = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        identity = InstallationIdentity.loadOrCreate(data);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            JsonNode request = LicenseStore.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
            Reply reply = responder.apply(request);
            if (reply.type != null) {
                exchange.getResponseHeaders().add("Content-Type", reply.type);
            }
            if (reply.status == 302) {
                exchange.getResponseHeaders().add("Location", "http://example.com/");
            }
            exchange.sendResponseHeaders(reply.status, reply.body.length == 0 ? -1 : reply.body.length);
            exchange.getResponseBody().write(reply.body);
            exchange.close();
        });
        server.start();
        client = new VendorClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofSeconds(2), Duration.ofSeconds(5), 64 * 1024, identity, Clock.systemUTC());
        protocol = new LicenseProtocol(client, new JwsVerifier(Map.of(KID, vendor.getPublic())), identity.id(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void acceptsAVerifiedTokenForUs() throws Exception {
        responder = request -> jose(200, sign(KID, vendor, "pbx-license", token(request.path("nonce").asText(), identity.id(), KEY, 0)));
        LicenseProtocol.Outcome outcome = protocol.validate(KEY);
        assertEquals(KEY, outcome.token.licenseKey);
        assertEquals(List.of("call-recording"), List.copyOf(outcome.token.featureExpiry.keySet()));
    }

    /** The registration answer's optional letterSent: carried when the vendor says it, null from an older server. */
    @Test
    void aRegistrationSaysWhetherTheKeyWasMailed() throws Exception {
        org.pbx.marketplace.api.dto.RegistrationDTO form = new org.pbx.marketplace.api.dto.RegistrationDTO();
        form.companyName = "Acme";
        form.email = "owner@example.com";
        form.contactName = "Ann";
        for (String letter : new String[] {",\"letterSent\":true", ",\"letterSent\":false", ""}) {
            responder = r -> new Reply(201, "application/json", "{\"licenseKey\":\"" + KEY + "\",\"token\":\""
                    + sign(KID, vendor, "pbx-license", token(nonce(r), identity.id(), KEY, 0)) + "\"" + letter + "}");
            LicenseProtocol.Outcome outcome = protocol.register(form);
            assertEquals(KEY, outcome.token.licenseKey);
            assertEquals(letter.isEmpty() ? null : Boolean.valueOf(letter.endsWith("true")), outcome.letterSent, letter);
        }
    }

    @Test
    void rejectsTamperedForeignWrongTypeAndMisdirectedTokens() throws Exception {
        KeyPair stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Map<String, Function<JsonNode, Reply>> attacks = new LinkedHashMap<>();
        attacks.put("tampered payload", r -> jose(200, tamper(sign(KID, vendor, "pbx-license", token(nonce(r), identity.id(), KEY, 0)))));
        attacks.put("foreign kid", r -> jose(200, sign("ed25519-other", stranger, "pbx-license", token(nonce(r), identity.id(), KEY, 0))));
        attacks.put("our kid, another key", r -> jose(200, sign(KID, stranger, "pbx-license", token(nonce(r), identity.id(), KEY, 0))));
        attacks.put("catalog served as a token", r -> jose(200, sign(KID, vendor, "pbx-catalog", token(nonce(r), identity.id(), KEY, 0))));
        attacks.put("replayed (another nonce)", r -> jose(200, sign(KID, vendor, "pbx-license", token("an-old-nonce-0000000", identity.id(), KEY, 0))));
        attacks.put("expired", r -> jose(200, sign(KID, vendor, "pbx-license", token(nonce(r), identity.id(), KEY, -3 * 86400))));
        attacks.put("issued in the future", r -> jose(200, sign(KID, vendor, "pbx-license", token(nonce(r), identity.id(), KEY, 3600))));
        attacks.put("other installation", r -> jose(200, sign(KID, vendor, "pbx-license", token(nonce(r), "0123456789abcdef0123456789abcdef", KEY, 0))));
        attacks.put("other key", r -> jose(200, sign(KID, vendor, "pbx-license", token(nonce(r), identity.id(), "MKT-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ", 0))));
        attacks.put("not a JWS", r -> jose(200, "garbage"));
        attacks.put("unsigned refusal (a proxy's 403 page)", r -> new Reply(403, "text/html", "<html>Forbidden</html>"));
        attacks.put("refusal signed by a stranger", r -> jose(403, sign(KID, stranger, "pbx-refusal", refusal(nonce(r), KEY))));
        attacks.put("refusal for another nonce", r -> jose(403, sign(KID, vendor, "pbx-refusal", refusal("an-old-nonce-0000000", KEY))));
        attacks.put("HTTP 500", r -> new Reply(500, "application/json", "{}"));
        attacks.put("HTML error page", r -> new Reply(200, "text/html", "<html>Error</html>"));
        attacks.put("garbage JSON", r -> new Reply(400, "application/json", "{not json"));
        attacks.put("redirect", r -> new Reply(302, "text/plain", ""));
        attacks.put("endless body", r -> new Reply(200, "application/jose", "x".repeat(200 * 1024)));
        for (Map.Entry<String, Function<JsonNode, Reply>> attack : attacks.entrySet()) {
            responder = attack.getValue();
            assertThrows(VendorUnreachableException.class, () -> protocol.validate(KEY), attack.getKey());
        }
    }

    /** Issue 18, one clock: a token's validity is checked on the engine's clock, so moving it expires the token. */
    @Test
    void theEngineClockDecidesWhetherATokenIsValid() throws Exception {
        EngineClock clock = new EngineClock();
        LicenseProtocol onEngineClock = new LicenseProtocol(client, new JwsVerifier(Map.of(KID, vendor.getPublic())), identity.id(), clock);
        responder = request -> jose(200, sign(KID, vendor, "pbx-license", token(nonce(request), identity.id(), KEY, 0)));
        assertEquals(KEY, onEngineClock.validate(KEY).token.licenseKey);
        clock.use(Clock.offset(Clock.systemUTC(), Duration.ofDays(2))); // past the token's exp, a day after iat
        VendorUnreachableException expired = assertThrows(VendorUnreachableException.class, () -> onEngineClock.validate(KEY));
        assertTrue(expired.getMessage().contains("not valid now"), expired.getMessage());
        clock.use(null);
        assertEquals(KEY, onEngineClock.validate(KEY).token.licenseKey, "valid again on the system clock");
    }

    @Test
    void believesASignedRefusalForUs() throws Exception {
        responder = r -> jose(403, sign(KID, vendor, "pbx-refusal", refusal(nonce(r), KEY)));
        LicenseProtocol.Outcome outcome = protocol.validate(KEY);
        assertEquals(LicenseStatus.REVOKED, outcome.refusedAs);
        assertEquals("E_KEY_REVOKED", outcome.refusalCode);
        assertTrue(outcome.refusalMessage.get("ru").contains("отозван"));
    }

    /** Issue 20 item 10: a seat released in the cabinet, in the PBX's own words with the date (protocol §13). */
    @Test
    void aReleasedSeatIsSaidWithItsDate() throws Exception {
        responder = r -> {
            Map<String, Object> claims = refusal(nonce(r), KEY);
            claims.put("reason", "SEAT_RELEASED");
            claims.put("code", 3006);
            claims.put("name", "E_SEAT_RELEASED");
            claims.put("releasedAt", 1772359200L); // 2026-03-01 10:00 UTC
            return jose(403, sign(KID, vendor, "pbx-refusal", claims));
        };
        LicenseProtocol.Outcome outcome = protocol.validate(KEY);
        assertEquals(LicenseStatus.INVALID, outcome.refusedAs);
        assertEquals("SEAT_RELEASED", outcome.refusalCode);
        assertTrue(outcome.refusalMessage.get("en").contains("released in the vendor's license cabinet on 2026-03-01 10:00 UTC"),
                outcome.refusalMessage.toString());
        assertTrue(outcome.refusalMessage.get("ru").contains("освобождено в личном кабинете поставщика 2026-03-01 10:00 UTC"),
                outcome.refusalMessage.toString());
    }

    /** Issue 20 item 10: registration and checks name this PBX (host name, PBX version); nothing when unknown. */
    @Test
    void requestsNameThisPbx() throws Exception {
        java.util.List<JsonNode> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        responder = r -> {
            seen.add(r);
            return jose(200, sign(KID, vendor, "pbx-license", token(nonce(r), identity.id(), KEY, 0)));
        };
        LicenseProtocol named = new LicenseProtocol(client, new JwsVerifier(Map.of(KID, vendor.getPublic())), identity.id(),
                Clock.systemUTC(), new SelfReport("pbx-office.example.com", "3.2.1"));
        named.validate(KEY);
        named.coupon(KEY, "MKTC-AAAAA-AAAAA-AAAAA-AAAAA");
        assertEquals("pbx-office.example.com", seen.get(0).path("hostName").asText());
        assertEquals("3.2.1", seen.get(0).path("pbxVersion").asText());
        assertEquals("3.2.1", seen.get(1).path("pbxVersion").asText());
        LicenseProtocol unversioned = new LicenseProtocol(client, new JwsVerifier(Map.of(KID, vendor.getPublic())),
                identity.id(), Clock.systemUTC(), new SelfReport(null, " "));
        unversioned.validate(KEY);
        assertTrue(seen.get(2).path("hostName").isTextual(), "the system's host name when none is configured");
        assertTrue(seen.get(2).path("pbxVersion").isMissingNode(), "no version when the host sets none");
        protocol.validate(KEY);
        assertTrue(seen.get(3).path("hostName").isMissingNode(), "nothing reported unless described");
    }

    @Test
    void vendorErrorsBecomeReasonsInBothLanguages() {
        responder = r -> new Reply(409, "application/json",
                "{\"code\":5002,\"name\":\"E_COUPON_USED\",\"message\":{\"en\":\"Used.\",\"ru\":\"Использован.\"},\"field\":null}");
        LicenseException e = assertThrows(LicenseException.class, () -> protocol.coupon(KEY, "MKTC-AAAAA-AAAAA-AAAAA-AAAAA"));
        assertEquals("E_COUPON_USED", e.reason().code);
        assertEquals("Использован.", e.reason().message.get("ru"));
    }

    @Test
    void plainHttpIsRefusedExceptOnLoopback() {
        assertThrows(IllegalArgumentException.class, () -> new VendorClient(URI.create("http://vendor.example.com"),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 1024, identity, Clock.systemUTC()));
        new VendorClient(URI.create("https://vendor.example.com/"), Duration.ofSeconds(1), Duration.ofSeconds(1), 1024,
                identity, Clock.systemUTC());
    }

    // ---- documents

    private static String nonce(JsonNode request) {
        return request.path("nonce").asText();
    }

    private static Map<String, Object> token(String nonce, String installation, String key, long shiftSeconds) {
        long now = System.currentTimeMillis() / 1000 + shiftSeconds;
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("type", "pbx-license");
        claims.put("iat", now);
        claims.put("exp", now + 86400);
        claims.put("nonce", nonce);
        claims.put("installationId", installation);
        claims.put("serial", 1);
        claims.put("licenseKey", key);
        claims.put("offlineUntil", now + 7 * 86400);
        claims.put("owner", Map.of("companyName", "Acme", "contactName", "Ann", "email", "ann@example.com"));
        claims.put("products", List.of(Map.of("id", "call-recording-pro", "name", Map.of("en", "Call Recording Pro"),
                "trial", true, "expiresAt", now + 30 * 86400)));
        claims.put("features", List.of(Map.of("id", "call-recording", "expiresAt", now + 30 * 86400, "seats", 10, "seatsUsed", 0)));
        claims.put("modules", Map.of());
        return claims;
    }

    private Map<String, Object> refusal(String nonce, String key) {
        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("type", "pbx-refusal");
        claims.put("iat", now);
        claims.put("exp", now + 86400);
        claims.put("nonce", nonce);
        claims.put("installationId", identity.id());
        claims.put("licenseKeyHash", Keys.sha256Hex(key));
        claims.put("reason", "REVOKED");
        claims.put("code", 3003);
        claims.put("name", "E_KEY_REVOKED");
        claims.put("message", Map.of("en", "This license key was revoked.", "ru", "Этот лицензионный ключ отозван."));
        return claims;
    }

    private static String sign(String kid, KeyPair key, String type, Map<String, Object> claims) {
        try {
            Map<String, Object> payload = new LinkedHashMap<>(claims);
            payload.put("type", type);
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String head = b64.encodeToString(LicenseStore.MAPPER.writeValueAsBytes(Map.of("alg", "EdDSA", "kid", kid, "typ", type)));
            String body = b64.encodeToString(LicenseStore.MAPPER.writeValueAsBytes(payload));
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key.getPrivate());
            signature.update((head + "." + body).getBytes(StandardCharsets.US_ASCII));
            return head + "." + body + "." + b64.encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tamper(String jws) {
        String[] parts = jws.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"seats\":10", "\"seats\":99");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
    }

    private static Reply jose(int status, String jws) {
        return new Reply(status, "application/jose", jws);
    }

}
