package org.pbx.marketplace.server.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A complete response; bodies are small enough (JSON, JWS, module jars) to hold in memory. */
public record HttpResponse(int status, Map<String, List<String>> headers, byte[] body) {

    public static HttpResponse of(int status, String contentType, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", List.of(contentType));
        }
        // Answers are per installation and per moment: no proxy may hand them to someone else.
        headers.put("Cache-Control", List.of("no-store"));
        headers.put("X-Content-Type-Options", List.of("nosniff"));
        return new HttpResponse(status, headers, body);
    }

    public static HttpResponse text(int status, String contentType, String body) {
        return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public static HttpResponse empty(int status) {
        return of(status, null, new byte[0]);
    }

    public HttpResponse withHeader(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        copy.merge(name, List.of(value), (a, b) -> {
            var merged = new java.util.ArrayList<>(a);
            merged.addAll(b);
            return merged;
        });
        return new HttpResponse(status, copy, body);
    }
}
