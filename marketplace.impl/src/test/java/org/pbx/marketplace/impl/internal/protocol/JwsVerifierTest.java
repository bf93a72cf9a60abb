package org.pbx.marketplace.impl.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spellings of a correctly signed JWS that the protocol does not allow (docs/protocol.md §4): each
 * is refused as malformed before its payload is read, and the canonical one is accepted.
 */
class JwsVerifierTest {

    private static final String KID = "ed25519-test";
    private static final String TYPE = "pbx-catalog";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private KeyPair vendor;
    private JwsVerifier verifier;

    @BeforeEach
    void keys() throws Exception {
        vendor = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        verifier = new JwsVerifier(Map.of(KID, vendor.getPublic()));
    }

    @Test
    void acceptsTheCanonicalSpelling() throws Exception {
        assertEquals(7, verifier.verify(signed(header(""), payload()), TYPE).path("version").asInt());
    }

    @Test
    void refusesSurroundingWhitespace() throws Exception {
        String jws = signed(header(""), payload());
        assertMalformed(" " + jws);
        assertMalformed(jws + "\n");
        assertMalformed(jws + "\r\n");
    }

    @Test
    void refusesPadding() throws Exception {
        // 64 signature bytes are 86 characters; the JDK's decoder also takes them padded to 88.
        String[] parts = signed(header(""), payload()).split("\\.");
        assertMalformed(parts[0] + "." + parts[1] + "." + parts[2] + "==");
    }

    @Test
    void refusesWhitespaceInsideAPart() throws Exception {
        String[] parts = signed(header(""), payload()).split("\\.");
        assertMalformed(parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + "\n" + parts[2].substring(10));
    }

    @Test
    void refusesNonCanonicalTrailingBits() throws Exception {
        // A 64-byte signature is 86 characters: the last one carries 2 unused bits, which must be zero.
        String[] parts = signed(header(""), payload()).split("\\.");
        String signature = parts[2];
        char last = signature.charAt(signature.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char other = alphabet.charAt(alphabet.indexOf(last) | 0x01);
        String twin = signature.substring(0, signature.length() - 1) + other;
        // The JDK decodes both spellings to the same signature, which verifies.
        assertEquals(java.util.Arrays.toString(Base64.getUrlDecoder().decode(signature)),
                java.util.Arrays.toString(Base64.getUrlDecoder().decode(twin)));
        assertMalformed(parts[0] + "." + parts[1] + "." + twin);
    }

    @Test
    void refusesAnyCritHeader() throws Exception {
        assertMalformed(signed(header(",\"crit\":[\"exp\"]"), payload()));
        assertMalformed(signed(header(",\"crit\":[\"b64\"],\"b64\":true"), payload()));
        assertMalformed(signed(header(",\"crit\":[]"), payload()));
    }

    @Test
    void refusesDuplicatedHeaderMembers() throws Exception {
        assertMalformed(signed("{\"alg\":\"none\",\"alg\":\"EdDSA\",\"kid\":\"" + KID + "\",\"typ\":\"" + TYPE + "\"}",
                payload()));
    }

    // ---- documents

    private static String header(String extra) {
        return "{\"alg\":\"EdDSA\",\"kid\":\"" + KID + "\",\"typ\":\"" + TYPE + "\"" + extra + "}";
    }

    private static String payload() {
        return "{\"type\":\"" + TYPE + "\",\"version\":7,\"iat\":1,\"exp\":4102444800}";
    }

    private String signed(String header, String payload) throws Exception {
        String input = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(vendor.getPrivate());
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + B64.encodeToString(signature.sign());
    }

    private void assertMalformed(String jws) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> verifier.verify(jws, TYPE), jws);
        assertEquals(ProtocolException.Kind.MALFORMED, e.kind(), e.getMessage());
    }
}
