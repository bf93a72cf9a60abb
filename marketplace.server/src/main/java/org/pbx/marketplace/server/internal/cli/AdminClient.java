package org.pbx.marketplace.server.internal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The admin REST API over HTTP, as the command line uses it: JSON in, JSON out, errors as exceptions. */
final class AdminClient {
    static final ObjectMapper JSON = new ObjectMapper();

    /** The server answered with a numbered error (docs/protocol.md §2, plus "detail"). */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final transient JsonNode error;
        final int status;

        Refused(int status, JsonNode error, String text) {
            super(text);
            this.status = status;
            this.error = error;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private final String token;

    AdminClient(String baseUrl, String token) {
        this.base = baseUrl.replaceAll("/+$", "");
        this.token = token;
    }

    JsonNode get(String path) throws IOException, Refused {
        return send("GET", path, null);
    }

    JsonNode post(String path, JsonNode body) throws IOException, Refused {
        return send("POST", path, body);
    }

    private JsonNode send(String method, String path, JsonNode body) throws IOException, Refused {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/admin" + path))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        JsonNode answer = response.body().length == 0 ? JSON.createObjectNode() : parse(response.body());
        if (response.statusCode() >= 400) {
            throw new Refused(response.statusCode(), answer, describe(response.statusCode(), answer, path));
        }
        return answer;
    }

    private static JsonNode parse(byte[] body) throws IOException {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IOException("the server's answer is not JSON; is --url the vendor server's base URL?", e);
        }
    }

    private static String describe(int status, JsonNode error, String path) {
        if (status == 404 && error.path("name").asText().equals("E_NOT_FOUND")) {
            return "the server answers 404 for /admin" + path + ": the admin API is off there, or VENDOR_ADMIN_TOKEN"
                    + " is not the server's admin token (a wrong token looks like no admin API at all)";
        }
        StringBuilder text = new StringBuilder(error.path("message").path("en").asText("HTTP " + status));
        text.append(" [").append(error.path("name").asText("HTTP " + status));
        if (error.hasNonNull("code")) {
            text.append(' ').append(error.get("code").asInt());
        }
        text.append(']');
        if (error.hasNonNull("field")) {
            text.append(" field: ").append(error.get("field").asText());
        }
        if (error.hasNonNull("detail")) {
            text.append("\n  ").append(error.get("detail").asText());
        }
        return text.toString();
    }
}
