package org.pbx.marketplace.bench.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Marketplace REST API of a running host, as the admin's page calls it. */
final class AdminHttp {

    static final String API = "/api/marketplace/v1/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HostRun host;

    AdminHttp(HostRun host) {
        this.host = host;
    }

    /** The answer's body; fails with the status and body unless it is 2xx. */
    byte[] call(String method, String path, String json) throws IOException {
        HttpURLConnection http = (HttpURLConnection) new URL("http://127.0.0.1:" + host.port + path).openConnection();
        http.setRequestMethod(method);
        http.setRequestProperty("Authorization", host.authorization());
        http.setRequestProperty("Accept", "application/json");
        // The API refuses state changes without it (cross-site request guard).
        http.setRequestProperty("X-Requested-With", "marketplace");
        if (json != null) {
            http.setDoOutput(true);
            http.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = http.getOutputStream()) {
                out.write(json.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = http.getResponseCode();
        try (InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream()) {
            byte[] body = in == null ? new byte[0] : in.readAllBytes();
            if (status / 100 != 2) {
                throw new IOException(method + " " + path + " answered " + status + ": " + new String(body, StandardCharsets.UTF_8));
            }
            return body;
        }
    }

    JsonNode json(String method, String path, String json) throws IOException {
        byte[] body = call(method, path, json);
        return body.length == 0 ? JSON.nullNode() : JSON.readTree(body);
    }

    /** Follows an install or uninstall to its end; returns its own duration (finishedAt - startedAt), ms. */
    long operation(JsonNode started) throws IOException, InterruptedException {
        String id = started.get("id").asText();
        long deadline = System.nanoTime() + HostRun.TIMEOUT.toNanos();
        JsonNode op = started;
        while ("RUNNING".equals(op.get("state").asText())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("operation " + id + " still runs after " + HostRun.TIMEOUT + ": " + op);
            }
            // The poll finds its end: 2 ms of resolution for the bench's clock.
            Thread.sleep(2);
            op = json("GET", API + "operations/" + id, null);
        }
        if (!"SUCCEEDED".equals(op.get("state").asText())) {
            throw new IllegalStateException("operation " + id + " ended " + op);
        }
        return op.get("finishedAt").asLong() - op.get("startedAt").asLong();
    }

    static ObjectMapper mapper() {
        return JSON;
    }
}
