package org.pbx.marketplace.impl.internal.protocol;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * HTTP to the vendor's server (docs/protocol.md): bounded in time and size, never following a
 * redirect, https required except on the loopback interface, no trust-all.
 */
public final class VendorClient {

    /** What came back, before anyone trusted it. */
    public static final class Answer {
        public final int status;
        public final String contentType;
        public final byte[] body;

        Answer(int status, String contentType, byte[] body) {
            this.status = status;
            this.contentType = contentType;
            this.body = body;
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public boolean isJose() {
            return contentType.startsWith("application/jose");
        }

        public boolean isJson() {
            return contentType.startsWith("application/json");
        }
    }

    private final URI base;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Duration totalTimeout;
    private final int maxBytes;
    private final InstallationIdentity identity;
    private final Clock clock;

    /**
     * @throws IllegalArgumentException if the URL is not http(s), or plain http to a non-loopback host
     */
    public VendorClient(URI base, Duration connectTimeout, Duration requestTimeout, int maxBytes,
                        InstallationIdentity identity, Clock clock) {
        this.base = checkedBase(base);
        this.requestTimeout = requestTimeout;
        this.totalTimeout = requestTimeout.plus(connectTimeout);
        this.maxBytes = maxBytes;
        this.identity = identity;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // A redirect could lead from https to http or to another host: never follow one.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public URI base() {
        return base;
    }

    /** POSTs a JSON body, signed by the installation. */
    public Answer post(String path, byte[] json) throws VendorUnreachableException {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        identity.sign("POST", path, clock.instant().getEpochSecond(), json).forEach(request::header);
        return send(request);
    }

    /** A GET with the default size cap and deadline; signed by the installation if asked, extra headers added. */
    public Answer get(String path, Map<String, String> headers, boolean signed) throws VendorUnreachableException {
        return get(path, headers, signed, maxBytes, done -> { }, totalTimeout);
    }

    /**
     * A GET with its own size cap (the answer fails as soon as it grows past it), a deadline for
     * the whole answer, and progress reports.
     */
    public Answer get(String path, Map<String, String> headers, boolean signed, int limit, LongConsumer progress,
                      Duration deadline) throws VendorUnreachableException {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path)).GET();
        if (signed) {
            identity.sign("GET", path, clock.instant().getEpochSecond(), new byte[0]).forEach(request::header);
        }
        headers.forEach(request::header);
        return send(request, limit, progress, deadline);
    }

    private Answer send(HttpRequest.Builder request) throws VendorUnreachableException {
        return send(request, maxBytes, done -> { }, totalTimeout);
    }

    private Answer send(HttpRequest.Builder request, int limit, LongConsumer progress, Duration deadline)
            throws VendorUnreachableException {
        request.timeout(requestTimeout).header("Accept", "application/jose, application/json, application/java-archive");
        AtomicReference<CappedBodySubscriber> body = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean givenUp = new java.util.concurrent.atomic.AtomicBoolean();
        CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(request.build(), info -> {
            CappedBodySubscriber subscriber = new CappedBodySubscriber(limit, progress);
            body.set(subscriber);
            // The headers may come after this call gave up (its deadline, or an interrupt while they were
            // on their way): a body nobody waits for must not be read to its end over a trickling connection.
            if (givenUp.get()) {
                subscriber.abandon();
            }
            return subscriber;
        });
        boolean answered = false;
        try {
            HttpResponse<byte[]> response = future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            answered = true;
            String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase();
            if (response.statusCode() >= 300 && response.statusCode() < 400) {
                throw new VendorUnreachableException("the server answered with a redirect, which is refused");
            }
            return new Answer(response.statusCode(), type, response.body());
        } catch (TimeoutException e) {
            throw new VendorUnreachableException("no complete answer within " + deadline.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new VendorUnreachableException(describe(e.getCause()),
                    e.getCause() instanceof CappedBodySubscriber.TooLargeException);
        } catch (CancellationException e) {
            throw new VendorUnreachableException("request cancelled");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorUnreachableException("interrupted");
        } finally {
            if (!answered) {
                // Timed out, interrupted (a newer check replaced this one) or failed: hang up rather than
                // leave the connection reading a body that may trickle for minutes. Cancelling the future
                // alone does not stop a body whose headers came; cancelling its subscription does.
                givenUp.set(true);
                future.cancel(true);
                CappedBodySubscriber late = body.get();
                if (late != null) {
                    late.abandon();
                }
            }
        }
    }

    private URI resolve(String path) {
        return URI.create(base.toString() + path);
    }

    private static String describe(Throwable cause) {
        if (cause instanceof CappedBodySubscriber.TooLargeException) {
            return cause.getMessage();
        }
        if (cause instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return "timed out";
        }
        if (cause instanceof javax.net.ssl.SSLException) {
            return "TLS failed: " + cause.getMessage();
        }
        if (cause instanceof IOException) {
            return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        return String.valueOf(cause);
    }

    /**
     * The URL as a client would use it; for checking a configured URL before any request.
     *
     * @throws IllegalArgumentException saying what is wrong, as the constructor would
     */
    public static URI checkedUrl(URI base) {
        return checkedBase(base);
    }

    static URI checkedBase(URI base) {
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase();
        if (!scheme.equals("https") && !scheme.equals("http") || base.getHost() == null) {
            throw new IllegalArgumentException("the server URL must be an http(s) URL: " + base);
        }
        if (scheme.equals("http") && !isLoopback(base.getHost())) {
            throw new IllegalArgumentException("the server URL must use https (plain http only to this machine): " + base);
        }
        String text = base.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        // Only literal addresses: a name could resolve elsewhere later.
        if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
