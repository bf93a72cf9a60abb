package org.pbx.marketplace.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * The REST API of a running host as a script of its admin calls it: logged in with the password
 * the host generated into its data folder, and with the header state-changing calls need.
 */
public final class AdminClient {

    /** The file in the host's data folder that holds the admin password it generated. */
    public static final String PASSWORD_FILE = "marketplace-admin.password";
    /** The header (and its value) the Marketplace API wants on every call: a cross-site form cannot send it. */
    public static final String API_HEADER = "X-Requested-With";
    /** The value of {@link #API_HEADER}, as the Marketplace page sends it. */
    public static final String API_HEADER_VALUE = "marketplace";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final String authorization;

    /** A client of the host on that loopback port, logged in with the password in its data folder. */
    public AdminClient(int port, Path data) throws IOException {
        this.port = port;
        this.authorization = basic("admin", password(data));
    }

    /** The admin password the host generated on its first start. */
    public static String password(Path data) throws IOException {
        return Files.readString(data.resolve(PASSWORD_FILE), StandardCharsets.UTF_8).trim();
    }

    /** An Authorization header value for HTTP Basic, as a browser that logged in sends it. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the request (JSON body or null) as the admin and waits for the answer. */
    public HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        return http.send(request(method, path, json), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends without waiting for the answer: the crash test kills the host while it is being served. */
    public CompletableFuture<HttpResponse<String>> sendAsync(String method, String path, String json) {
        return http.sendAsync(request(method, path, json), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(HostProcess.TIMEOUT)
                .header("Authorization", authorization)
                .header(API_HEADER, API_HEADER_VALUE)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return request.build();
    }

    /** Waits until GET path answers the status (e.g. the license resource after a restart); fails naming what it waited for. */
    public void awaitStatus(String path, int expected) throws IOException, InterruptedException {
        awaitStatus(path, expected, HostProcess.TIMEOUT);
    }

    /** As {@link #awaitStatus(String, int)}, within {@code timeout}. */
    public void awaitStatus(String path, int expected, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last;
        while ((last = status(path)) != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.getSeconds() + " s waiting for GET "
                        + path + " to answer " + expected + "; it answered " + last);
            }
            Thread.sleep(50);
        }
    }

    /** The status GET path answers now. */
    public int status(String path) throws IOException, InterruptedException {
        return send("GET", path, null).statusCode();
    }
}
