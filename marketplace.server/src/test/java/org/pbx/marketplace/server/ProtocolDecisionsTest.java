package org.pbx.marketplace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.testsupport.TestInstallation;

/**
 * The points docs/protocol.md once left open, each decided there and held here (issue 14, item 9):
 * a client written from the document alone gets exactly these answers.
 */
class ProtocolDecisionsTest {
    private static final String VALIDATE = "/v1/licenses/validate";

    @TempDir
    Path dir;
    Harness h;
    TestInstallation pbx;
    String key;

    @BeforeEach
    void start() {
        h = new Harness(dir, new TestClock(), b -> b.demoData(true));
        pbx = new TestInstallation();
        key = h.register(pbx, "decisions@example.com", "Decisions Ltd");
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private static String nested(int depth) {
        return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }

    /** §1: nesting depth at most 16; deeper is 413 E_BODY_TOO_LARGE, not a malformed body. */
    @Test
    void aBodyNested17DeepIs413() {
        assertEquals(1012, h.post(VALIDATE, pbx, nested(17)).errorCode(413));
        // 16 deep is within the limit: parsed, then refused for what it lacks.
        assertEquals(1001, h.post(VALIDATE, pbx, nested(16)).errorCode(400));
        assertEquals(1012, h.post(VALIDATE, pbx, "{\"usage\":" + "[".repeat(40) + "]".repeat(40) + "}").errorCode(413));
    }

    /** §1: unknown paths are 404, the bare base URL included (no redirect to the cabinet). */
    @Test
    void theRootIsAnUnknownPath() {
        Harness.Resp root = h.get("/");
        assertEquals(1013, root.errorCode(404));
        assertEquals(null, root.header("Location"));
        assertEquals(1013, h.get("/index.html").errorCode(404));
    }

    private Harness.Resp validateWith(Map<String, String> headers, byte[] body) {
        Map<String, String> all = new HashMap<>(headers);
        return h.send("POST", VALIDATE, body, all);
    }

    private static byte[] validateBody(String key) {
        return Harness.body("licenseKey", key, "nonce", TestInstallation.nonce()).toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    /** §3: X-Pbx-Timestamp is decimal digits only, no sign, no leading zero (else 2001), signed verbatim. */
    @Test
    void theTimestampHasOneSpelling() {
        long now = h.clock.epochSeconds();
        for (String spelling : new String[] {"0" + now, "+" + now, now + ".0", "1e9", "-" + now, "0x1", "9".repeat(19)}) {
            byte[] body = validateBody(key);
            Map<String, String> headers = pbx.sign("POST", VALIDATE, spelling, body);
            assertEquals(2001, validateWith(headers, body).errorCode(401), "timestamp \"" + spelling + "\"");
        }
        byte[] body = validateBody(key);
        h.token(validateWith(pbx.sign("POST", VALIDATE, Long.toString(now), body), body));
        // "0" is a well-formed timestamp: it only fails the clock check.
        body = validateBody(key);
        assertEquals(2004, validateWith(pbx.sign("POST", VALIDATE, "0", body), body).errorCode(401));
    }

    /** §3: a signature that is not canonical unpadded base64url (padding, + or /) is 2003, like a wrong one. */
    @Test
    void aPaddedSignatureIs2003() {
        byte[] body = validateBody(key);
        Map<String, String> headers = new HashMap<>(pbx.sign("POST", VALIDATE, h.clock.epochSeconds(), body));
        String signature = headers.get("X-Pbx-Signature");
        headers.put("X-Pbx-Signature", signature + "==");
        assertEquals(2003, validateWith(headers, body).errorCode(401));
        headers.put("X-Pbx-Signature", signature.replace('-', '+').replace('_', '/'));
        if (!headers.get("X-Pbx-Signature").equals(signature)) {
            assertEquals(2003, validateWith(headers, body).errorCode(401), "standard instead of url alphabet");
        }
        // Nothing was stored: the same nonce with the right signature is answered.
        headers.put("X-Pbx-Signature", signature);
        h.token(validateWith(headers, body));
    }

    /** §5.2: a usage count out of 0…1000000 (or not an integer) is 1003 E_FIELD_TYPE, field usage. */
    @Test
    void usageOutOfRangeIs1003() {
        for (String usage : new String[] {"{\"marketplace\": 1000001}", "{\"marketplace\": -1}",
                "{\"marketplace\": 1.5}", "{\"marketplace\": \"3\"}", "[1]"}) {
            String body = "{\"licenseKey\":\"" + key + "\",\"nonce\":\"" + TestInstallation.nonce()
                    + "\",\"usage\":" + usage + "}";
            Harness.Resp resp = h.post(VALIDATE, pbx, body);
            assertEquals(1003, resp.errorCode(400), usage);
            assertEquals("usage", resp.json().get("field").asText());
        }
        String edge = "{\"licenseKey\":\"" + key + "\",\"nonce\":\"" + TestInstallation.nonce()
                + "\",\"usage\":{\"marketplace\": 1000000}}";
        h.token(h.post(VALIDATE, pbx, edge));
    }

    /** §12: the request file's header kid must be its installation id (1015, field kid). */
    @Test
    void anActivationRequestsKidMustBeTheInstallationId() {
        assertEquals(204, h.post("/v1/licenses/release", pbx, Harness.body("licenseKey", key)).status());
        TestInstallation closed = new TestInstallation();
        String file = closed.activationRequest(key, TestInstallation.nonce(), h.clock.epochSeconds(), closed.id,
                closed.keys, "ed25519-0123456789abcdef");
        Harness.Resp resp = h.send("POST", "/v1/licenses/offline", file.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/jose"));
        assertEquals(1015, resp.errorCode(400));
        assertEquals("kid", resp.json().get("field").asText());
        h.token(h.send("POST", "/v1/licenses/offline", closed.activationRequest(key, TestInstallation.nonce(),
                h.clock.epochSeconds()).getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/jose")));
    }

    /**
     * §5.8, order of checks on downloads: the release is looked up first (6001 with no headers at
     * all, since the catalog is public), then for a commercial one the signature (2001–2004), then
     * the key header (1001, 1010), the license (3002, 3003, 3005) and the feature (6002).
     */
    @Test
    void downloadsLookUpTheReleaseBeforeTheSignature() {
        h.get("/v1/catalog");
        assertEquals(6001, h.get("/v1/modules/org.pbx.demo.crm/9.9.9/download").errorCode(404), "no headers: lookup first");
        assertEquals(6001, h.send("GET", "/v1/modules/org.pbx.demo.crm/9.9.9/download", new byte[0],
                Map.of("X-Pbx-Signature", "garbage")).errorCode(404), "a bad signature is not even looked at");
        String paid = "/v1/modules/org.pbx.demo.crm/2.0.0/download";
        assertEquals(2001, h.send("GET", paid, new byte[0], Map.of("X-Pbx-License-Key", "not a key")).errorCode(401),
                "signature before the key header");
        assertEquals(1001, h.getSigned(paid, pbx, Map.of()).errorCode(400));
        assertEquals(1010, h.getSigned(paid, pbx, Map.of("X-Pbx-License-Key", "not a key")).errorCode(400));
        assertEquals(3002, h.getSigned(paid, pbx, Map.of("X-Pbx-License-Key", "MKT-AAAAA-BBBBB-CCCCC-DDDDD"))
                .errorCode(404));
        assertEquals(6002, h.getSigned(paid, pbx, Map.of("X-Pbx-License-Key", key)).errorCode(403));
        assertEquals(200, h.get("/v1/modules/org.pbx.demo.callback/1.0.0/download").status(), "free: no headers");
    }

    private Harness.Resp registration(String email, String company, String companyId) {
        ObjectNode form = Harness.registration(email, company);
        if (companyId == null) {
            form.remove("companyId");
        } else {
            form.put("companyId", companyId);
        }
        return h.post("/v1/registrations", new TestInstallation(), form);
    }

    /**
     * §6.2 (issue 16): a registration is answered alike whether or not the address already holds a key,
     * of this company or another: no answer tells anyone with a PBX who is a customer. The keys go only
     * to the address itself (registration and lost-key letters).
     */
    @Test
    void registrationAnswersAlikeWhetherOrNotTheAddressIsACustomers() {
        String email = "owner@romashka.example";
        Harness.Resp fresh = registration("someone.new@example.com", "Lutik", "7707083893");
        assertEquals(201, registration(email, "Romashka", null).status());
        assertEquals(201, registration(email, "ROMASHKA", "7707083893").status());
        Harness.Resp other = registration(email, "Lutik", "7707083893");
        assertEquals(201, other.status(), other.text());
        assertEquals(201, registration(email, "Lutik", null).status());
        assertEquals(shape(fresh), shape(other), "the same fields, the same headers");
    }

    private static String shape(Harness.Resp resp) {
        java.util.List<String> fields = new java.util.ArrayList<>();
        resp.json().fieldNames().forEachRemaining(fields::add);
        java.util.List<String> headers = new java.util.ArrayList<>(resp.headers().map().keySet());
        headers.remove("date");
        return resp.status() + " " + fields + " " + headers;
    }
}
