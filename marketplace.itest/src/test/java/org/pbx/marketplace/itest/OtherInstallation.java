package org.pbx.marketplace.itest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A second PBX installation, speaking the protocol (docs/protocol.md §3) with its own Ed25519
 * key pair over real HTTP: to hold a key elsewhere, then let it go.
 */
final class OtherInstallation {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String vendorUrl;
    private final KeyPair keys;
    private final HttpClient http = HttpClient.newHttpClient();

    OtherInstallation(String vendorUrl) throws GeneralSecurityException {
        this.vendorUrl = vendorUrl;
        this.keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    /** Registers a company and returns the new key, bound to this installation. */
    String register(String company, String email) throws Exception {
        JsonNode answer = post("/v1/registrations", Map.of("companyName", company, "email", email,
                "contactName", "Test Contact", "language", "en", "nonce", nonce()), 201);
        return answer.path("licenseKey").asText();
    }

    /** Registers a company and returns the vendor's answer: the key and a token for this installation. */
    JsonNode registration(String company, String email) throws Exception {
        return post("/v1/registrations", Map.of("companyName", company, "email", email,
                "contactName", "Test Contact", "language", "en", "nonce", nonce()), 201);
    }

    void release(String key) throws Exception {
        post("/v1/licenses/release", Map.of("licenseKey", key), 204);
    }

    private JsonNode post(String path, Map<String, String> body, int expected) throws Exception {
        byte[] bytes = JSON.writeValueAsBytes(body);
        long now = System.currentTimeMillis() / 1000;
        String signed = "POST\n" + path + "\n" + now + "\n"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(keys.getPrivate());
        signature.update(signed.getBytes(StandardCharsets.UTF_8));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(vendorUrl + path))
                .header("Content-Type", "application/json")
                .header("X-Pbx-Installation-Key", b64.encodeToString(keys.getPublic().getEncoded()))
                .header("X-Pbx-Timestamp", Long.toString(now))
                .header("X-Pbx-Signature", b64.encodeToString(signature.sign()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
    }

    private static String nonce() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
