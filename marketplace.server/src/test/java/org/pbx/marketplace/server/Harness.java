package org.pbx.marketplace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.pbx.marketplace.testsupport.TestInstallation;

/** A real vendor server on a free port with a temp data folder and a test clock, plus an HTTP client for it. */
final class Harness implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    final TestClock clock;
    final Path dataDir;
    /** Null for a server in another process (see {@link #remote}). */
    final VendorServer server;
    final URI base;
    final JwsVerifier verifier;

    record Resp(int status, java.net.http.HttpHeaders headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text(), e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** Asserts a numbered JSON error (docs/protocol.md, "Errors") and returns its code. */
        int errorCode(int expectedStatus) {
            assertEquals(expectedStatus, status, text());
            JsonNode error = json();
            assertEquals(4, error.size(), "error has exactly code, name, message, field");
            assertEquals(2, error.get("message").size());
            return error.get("code").asInt();
        }
    }

    Harness(Path dataDir, TestClock clock, UnaryOperator<VendorServerSettings.Builder> customize) {
        this.clock = clock;
        this.dataDir = dataDir;
        this.server = VendorServer.start(customize.apply(
                TestDatabase.use(dataDir, VendorServerSettings.builder(dataDir).clock(clock).demoData(true))).build());
        this.base = server.baseUrl();
        this.verifier = new JwsVerifier(keysOverHttp());
    }

    private Harness(URI base, TestClock clock) {
        this.clock = clock;
        this.dataDir = null;
        this.server = null;
        this.base = base;
        this.verifier = new JwsVerifier(keysOverHttp());
    }

    /** A client for a server running elsewhere (another JVM) on the real clock. */
    static Harness remote(URI base) {
        return new Harness(base, TestClock.live());
    }

    static Harness start(Path dataDir) {
        return new Harness(dataDir, new TestClock(), b -> b);
    }

    private Map<String, String> keysOverHttp() {
        JsonNode keys = get("/v1/keys").json();
        Map<String, String> map = new java.util.HashMap<>();
        keys.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        if (server != null) {
            assertEquals(server.vendorPublicKeys(), map, "GET /v1/keys matches the Java API");
        }
        return map;
    }

    Resp get(String path) {
        return send("GET", path, new byte[0], Map.of());
    }

    Resp getSigned(String path, TestInstallation installation, Map<String, String> extra) {
        Map<String, String> headers = new java.util.HashMap<>(extra);
        headers.putAll(installation.sign("GET", path, clock.epochSeconds(), new byte[0]));
        return send("GET", path, new byte[0], headers);
    }

    Resp post(String path, TestInstallation installation, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = installation == null ? Map.of()
                : installation.sign("POST", path, clock.epochSeconds(), body);
        return send("POST", path, body, headers);
    }

    Resp post(String path, TestInstallation installation, ObjectNode json) {
        return post(path, installation, json.toString());
    }

    /**
     * Posts a cabinet form as the cabinet's own page does: with the CSRF token (and, before login,
     * its cookie) of the page {@code /cabinet/} shows to a browser with {@code cookie} (null: none).
     */
    Resp cabinetForm(String path, String cookie, String form, Map<String, String> headers) {
        Resp page = send("GET", "/cabinet/", new byte[0], cookie == null ? Map.of() : Map.of("Cookie", cookie));
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"")
                .matcher(page.text());
        // A page without a token gets a post without one: the server then refuses it, and the test says so.
        String csrf = token.find() ? token.group(1) : null;
        StringBuilder cookies = new StringBuilder(cookie == null ? "" : cookie);
        for (String set : page.headers().allValues("Set-Cookie")) {
            if (set.startsWith("pbx_cabinet_csrf=")) {
                cookies.append(cookies.length() == 0 ? "" : "; ").append(set.split(";")[0]);
            }
        }
        Map<String, String> post = new java.util.HashMap<>(headers);
        post.put("Content-Type", "application/x-www-form-urlencoded");
        if (cookies.length() > 0) {
            post.put("Cookie", cookies.toString());
        }
        String body = csrf == null ? form : (form.isEmpty() ? "" : form + "&") + "csrf=" + csrf;
        return send("POST", path, body.getBytes(StandardCharsets.UTF_8), post);
    }

    Resp send(String method, String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        if (method.equals("POST") && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Resp(response.statusCode(), response.headers(), response.body());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        }
    }

    // ---- protocol steps, each asserting the happy answer ----

    static ObjectNode registration(String email, String company) {
        ObjectNode body = JSON.createObjectNode();
        body.put("companyName", company);
        body.put("email", email);
        body.put("contactName", "Ivan Petrov");
        body.put("phone", "+7 (495) 123-45-67");
        body.put("companyId", "7707083893");
        body.put("language", "ru");
        body.put("nonce", TestInstallation.nonce());
        return body;
    }

    /** Registers and returns the new license key, after verifying the token that came with it. */
    String register(TestInstallation installation, String email, String company) {
        Resp resp = post("/v1/registrations", installation, registration(email, company));
        assertEquals(201, resp.status(), resp.text());
        JsonNode body = resp.json();
        verifier.verify(body.get("token").asText().getBytes(StandardCharsets.US_ASCII), "pbx-license");
        return body.get("licenseKey").asText();
    }

    /**
     * A GreenMail SMTP server on loopback at {@code port}, not started. Its start waits up to 30 s for the
     * server thread: GreenMail's default of 2 s failed MailTest on a busy machine.
     */
    static GreenMail smtp(int port) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        setup.setServerStartupTimeout(30_000);
        return new GreenMail(setup);
    }

    static ObjectNode body(String... pairs) {
        ObjectNode body = JSON.createObjectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put(pairs[i], pairs[i + 1]);
        }
        return body;
    }

    /** POST validate with a fresh nonce; returns the response (token, refusal or error). */
    Resp validate(TestInstallation installation, String key) {
        return post("/v1/licenses/validate", installation, body("licenseKey", key, "nonce", TestInstallation.nonce()));
    }

    JsonNode token(Resp resp) {
        assertEquals(200, resp.status(), resp.text());
        assertEquals("application/jose", resp.header("Content-Type"));
        return verifier.verify(resp.body(), "pbx-license");
    }

    JsonNode refusal(Resp resp) {
        assertEquals(403, resp.status(), resp.text());
        assertEquals("application/jose", resp.header("Content-Type"));
        return verifier.verify(resp.body(), "pbx-refusal");
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
