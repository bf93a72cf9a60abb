package org.pbx.marketplace.itest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.pbx.marketplace.testsupport.TestInstallation;

/**
 * A second PBX installation, speaking the protocol (docs/protocol.md §3) with its own Ed25519
 * key pair (the shared signing client) over real HTTP: to hold a key elsewhere, then let it go.
 */
final class OtherInstallation {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String vendorUrl;
    private final TestInstallation installation = new TestInstallation();
    private final HttpClient http = HttpClient.newHttpClient();

    OtherInstallation(String vendorUrl) {
        this.vendorUrl = vendorUrl;
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
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(vendorUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        installation.sign("POST", path, System.currentTimeMillis() / 1000, bytes).forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
    }

    private static String nonce() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
