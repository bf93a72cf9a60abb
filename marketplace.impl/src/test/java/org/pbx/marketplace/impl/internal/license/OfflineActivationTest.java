package org.pbx.marketplace.impl.internal.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.impl.internal.protocol.InstallationIdentity;
import org.pbx.marketplace.impl.internal.protocol.JwsVerifier;

import com.fasterxml.jackson.databind.JsonNode;

/** The PBX's half of docs/protocol.md "Offline activation": the request it signs, and each way a token file is refused. */
class OfflineActivationTest {

    private static final String KEY = "MKT-AAAAA-BBBBB-CCCCC-DDDDD";
    private static final String NONCE = "n0nce-n0nce-n0nce-n0nce";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @TempDir
    Path dir;
    InstallationIdentity identity;
    KeyPair vendor;
    JwsVerifier verifier;
    long now;

    @BeforeEach
    void setUp() throws Exception {
        identity = InstallationIdentity.loadOrCreate(dir);
        vendor = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        verifier = new JwsVerifier(Map.of("v1", vendor.getPublic()));
        now = System.currentTimeMillis();
    }

    @Test
    void theRequestIsSignedByTheInstallationAndNamesIt() throws Exception {
        String request = OfflineActivation.request(identity, KEY, NONCE, now);
        String[] parts = request.split("\\.");
        Signature signature = Signature.getInstance("Ed25519");
        signature.initVerify(java.security.KeyFactory.getInstance("Ed25519")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(identity.publicKey())));
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertEquals(true, signature.verify(Base64.getUrlDecoder().decode(parts[2])));
        JsonNode payload = LicenseStore.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals("pbx-activation-request", payload.path("type").asText());
        assertEquals(identity.id(), payload.path("installationId").asText());
        assertEquals(B64.encodeToString(identity.publicKey()), payload.path("publicKey").asText());
        assertEquals(KEY, payload.path("licenseKey").asText());
        assertEquals(NONCE, payload.path("nonce").asText());
        assertEquals(now / 1000, payload.path("iat").asLong());
    }

    @Test
    void theAnsweringTokenIsTaken() throws LicenseException {
        Token token = verify(token(identity.id(), KEY, NONCE, now));
        assertEquals(KEY, token.licenseKey);
    }

    @Test
    void eachMismatchHasItsOwnReason() {
        assertEquals("OFFLINE_TOKEN_OTHER_PBX", refusal(token("0123456789abcdef0123456789abcdef", KEY, NONCE, now)));
        assertEquals("OFFLINE_TOKEN_OTHER_KEY", refusal(token(identity.id(), "MKT-ZZZZZ-BBBBB-CCCCC-DDDDD", NONCE, now)));
        assertEquals("OFFLINE_TOKEN_OTHER_REQUEST", refusal(token(identity.id(), KEY, "another-nonce-another", now)));
        assertEquals("OFFLINE_TOKEN_INVALID", refusal(token(identity.id(), KEY, NONCE, now - 2 * 86_400_000L)),
                "expired");
        assertEquals("OFFLINE_TOKEN_INVALID", refusal(token(identity.id(), KEY, NONCE, now + 3_600_000L)),
                "issued in the future");
        assertEquals("OFFLINE_TOKEN_INVALID", refusal(OfflineActivation.request(identity, KEY, NONCE, now)),
                "our own request is not a token");
        assertEquals("OFFLINE_TOKEN_INVALID", refusal("garbage"));
        assertEquals("OFFLINE_TOKEN_INVALID", refusal(null));
    }

    private Token verify(String jws) throws LicenseException {
        return OfflineActivation.verify(verifier, identity.id(), jws, NONCE, KEY, now);
    }

    private String refusal(String jws) {
        return assertThrows(LicenseException.class, () -> verify(jws)).reason().code;
    }

    private String token(String installationId, String key, String nonce, long issuedMillis) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("type", "pbx-license");
        claims.put("iat", issuedMillis / 1000);
        claims.put("exp", issuedMillis / 1000 + 86_400);
        claims.put("offlineUntil", issuedMillis / 1000 + 7 * 86_400);
        claims.put("nonce", nonce);
        claims.put("installationId", installationId);
        claims.put("licenseKey", key);
        claims.put("serial", 1);
        try {
            String head = B64.encodeToString(LicenseStore.MAPPER.writeValueAsBytes(
                    Map.of("alg", "EdDSA", "kid", "v1", "typ", "pbx-license")));
            String body = B64.encodeToString(LicenseStore.MAPPER.writeValueAsBytes(claims));
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(vendor.getPrivate());
            signature.update((head + "." + body).getBytes(StandardCharsets.US_ASCII));
            return head + "." + body + "." + B64.encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
