package org.pbx.marketplace.bench.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a PBX checks before it keeps a token (docs/protocol.md §4): a pinned kid, the pbx-license
 * type, a signature that verifies, its own installation id and nonce, not expired.
 */
final class TokenCheck {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();
    /** SubjectPublicKeyInfo of an Ed25519 key: a 12-byte prefix, then the 32 key bytes. */
    private static final int SPKI_PREFIX = 12;

    private final Map<String, Ed25519PublicKeyParameters> keys = new HashMap<>();

    /** @param published kid → base64url SPKI, as GET /v1/keys answers */
    TokenCheck(Map<String, String> published) {
        published.forEach((kid, spki) -> keys.put(kid, new Ed25519PublicKeyParameters(B64.decode(spki), SPKI_PREFIX)));
    }

    static TokenCheck of(Wire.Answer keysAnswer) throws IOException {
        Map<String, String> published = new HashMap<>();
        JSON.readTree(keysAnswer.body()).fields().forEachRemaining(e -> published.put(e.getKey(), e.getValue().asText()));
        return new TokenCheck(published);
    }

    boolean valid(String jws, Pbx pbx, String nonce, long nowSeconds) {
        try {
            String[] parts = jws.split("\\.", -1);
            if (parts.length != 3) {
                return false;
            }
            JsonNode header = JSON.readTree(B64.decode(parts[0]));
            Ed25519PublicKeyParameters key = keys.get(header.path("kid").asText());
            if (key == null || !"EdDSA".equals(header.path("alg").asText()) || !"pbx-license".equals(header.path("typ").asText())) {
                return false;
            }
            byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, key);
            verifier.update(input, 0, input.length);
            if (!verifier.verifySignature(B64.decode(parts[2]))) {
                return false;
            }
            JsonNode payload = JSON.readTree(B64.decode(parts[1]));
            return "pbx-license".equals(payload.path("type").asText()) && pbx.id.equals(payload.path("installationId").asText())
                    && nonce.equals(payload.path("nonce").asText()) && payload.path("exp").asLong() > nowSeconds;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** exp − iat of a token: the lifetime whose half is the PBX's refresh interval. */
    static long lifetimeSeconds(String jws) throws IOException {
        JsonNode payload = JSON.readTree(B64.decode(jws.split("\\.")[1]));
        return payload.path("exp").asLong() - payload.path("iat").asLong();
    }
}
