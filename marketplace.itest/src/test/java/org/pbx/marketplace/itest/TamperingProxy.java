package org.pbx.marketplace.itest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A hostile network between the PBX and its vendor: forwards every request to the real reference
 * server and lets a test rewrite the answers, or trickle them one byte a second. Plain sockets,
 * so it runs in the test bundle with no package beyond java.*.
 */
final class TamperingProxy implements AutoCloseable {

    private static final List<String> FORWARDED = List.of("content-type", "x-pbx-installation-key", "x-pbx-timestamp",
            "x-pbx-signature", "x-pbx-license-key", "x-pbx-trial-product");

    private final String upstream;
    private final ServerSocket socket;
    private final HttpClient http = HttpClient.newHttpClient();
    /** (path, body) → the body to send; identity by default. */
    volatile BiFunction<String, byte[], byte[]> rewrite = (path, body) -> body;
    /** Paths containing this are sent one byte a second. */
    volatile String slowPath;

    TamperingProxy(String upstream) throws IOException {
        this.upstream = upstream;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tampering-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread worker = new Thread(() -> serve(client), "tampering-proxy-worker");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; InputStream in = new BufferedInputStream(client.getInputStream()); OutputStream out = client.getOutputStream()) {
            RawRequest raw = RawRequest.read(in);
            Map<String, String> headers = raw.headers;
            byte[] body = raw.body;
            String method = raw.method;
            String path = raw.path;
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + path))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String name : FORWARDED) {
                if (headers.containsKey(name)) {
                    request.header(name, headers.get(name));
                }
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] answer = rewrite.apply(path, response.body());
            String head = "HTTP/1.1 " + response.statusCode() + " X\r\n"
                    + "Content-Type: " + response.headers().firstValue("Content-Type").orElse("application/octet-stream") + "\r\n"
                    + "Content-Length: " + answer.length + "\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            String slow = slowPath;
            if (slow != null && path.contains(slow)) {
                for (byte b : answer) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(1000); // the attack itself: one byte a second
                }
            } else {
                out.write(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // The client hung up (a deadline did its job) or sent something we don't proxy.
        }
    }


    @Override
    public void close() throws IOException {
        socket.close();
    }
}
