package org.pbx.marketplace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * An independent verifier, written from docs/protocol.md only: the plain JDK Signature API over
 * the exact bytes received, checked before the payload is parsed.
 */
final class JwsVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, PublicKey> keys = new HashMap<>();

    JwsVerifier(Map<String, String> published) {
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            for (Map.Entry<String, String> e : published.entrySet()) {
                keys.put(e.getKey(), factory.generatePublic(
                        new X509EncodedKeySpec(Base64.getUrlDecoder().decode(e.getValue()))));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the payload, after the signature, alg, kid and type (header and payload) have been checked */
    JsonNode verify(byte[] received, String expectedType) {
        String compact = new String(received, StandardCharsets.US_ASCII);
        String[] parts = compact.split("\\.", -1);
        assertEquals(3, parts.length, "compact JWS has three parts");
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            assertEquals("EdDSA", header.path("alg").asText());
            assertEquals(expectedType, header.path("typ").asText());
            PublicKey key = keys.get(header.path("kid").asText());
            assertNotNull(key, "kid names a published vendor key");
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            assertTrue(signature.verify(Base64.getUrlDecoder().decode(parts[2])), "signature verifies");
            byte[] payloadBytes = Base64.getUrlDecoder().decode(parts[1]);
            JsonNode payload = JSON.readTree(payloadBytes);
            assertEquals(expectedType, payload.path("type").asText(), "payload type repeats the header's");
            assertTrue(payload.path("iat").isNumber() && payload.path("exp").isNumber(), "iat and exp present");
            assertTrue(payload.path("exp").asLong() > payload.path("iat").asLong());
            return payload;
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new AssertionError("not a valid JWS: " + e, e);
        }
    }

    /** True only if the bytes verify; for tests that expect tampering to be caught. */
    boolean accepts(byte[] received, String expectedType) {
        try {
            verify(received, expectedType);
            return true;
        } catch (AssertionError | RuntimeException e) {
            return false;
        }
    }
}
