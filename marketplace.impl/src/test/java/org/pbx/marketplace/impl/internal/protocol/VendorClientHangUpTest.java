package org.pbx.marketplace.impl.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A vendor that trickles its answer one byte at a time: however the request ends without a complete
 * answer (the HTTP client's own request timeout before the headers, our whole-answer deadline after
 * them, or the calling thread interrupted because a newer check replaced this one), the PBX hangs up
 * at once rather than leave the connection open to a server that would trickle for minutes.
 * (VendorFaultsIT's slow-answer case asks the same of the running product.)
 */
class VendorClientHangUpTest {

    private static final String BODY = "x".repeat(200);
    private static final String ANSWER = "HTTP/1.1 200 OK\r\nContent-Type: application/jose\r\nContent-Length: "
            + BODY.length() + "\r\nConnection: close\r\n\r\n" + BODY;
    /** From the send's end until the server sees the hang-up: the client's own closing, on a busy machine. */
    private static final long HANG_UP_WITHIN_MS = 5_000;

    private ServerSocket server;
    private Socket accepted;
    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch hungUp = new CountDownLatch(1);

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        server.close();
        if (accepted != null) {
            accepted.close();
        }
    }

    @Test
    void hangsUpWhenTheHeadersTrickle() throws Exception {
        serve(0);
        VendorUnreachableException e = assertThrows(VendorUnreachableException.class, () -> client().get("/v1/x", Map.of(), false));
        assertHungUp(e.getMessage());
    }

    @Test
    void hangsUpWhenTheBodyTrickles() throws Exception {
        serve(ANSWER.indexOf("\r\n\r\n") + 4);
        VendorUnreachableException e = assertThrows(VendorUnreachableException.class, () -> client().get("/v1/x", Map.of(), false));
        assertHungUp(e.getMessage());
    }

    @Test
    void hangsUpWhenTheCallerIsInterruptedWhileTheBodyTrickles() throws Exception {
        serve(ANSWER.indexOf("\r\n\r\n") + 4);
        VendorClient client = client();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // A long deadline: only the interrupt can end this request within the test.
        Thread check = new Thread(() -> {
            try {
                client.get("/v1/x", Map.of(), false, 1 << 16, done -> { }, Duration.ofMinutes(5));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        check.start();
        assertTrue(requested.await(10, TimeUnit.SECONDS), "the request reached the server");
        check.interrupt();
        check.join(TimeUnit.SECONDS.toMillis(10));
        assertTrue(!check.isAlive(), "the interrupted request returned");
        assertTrue(failure.get() instanceof VendorUnreachableException, "failed as unreachable: " + failure.get());
        assertHungUp(failure.get().getMessage());
    }

    private VendorClient client() {
        // Connect 1 s, request 1 s: the whole-answer deadline is their sum, 2 s.
        return new VendorClient(URI.create("http://127.0.0.1:" + server.getLocalPort()), Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1 << 16, null, Clock.systemUTC());
    }

    private void assertHungUp(String why) throws InterruptedException {
        assertTrue(hungUp.await(HANG_UP_WITHIN_MS, TimeUnit.MILLISECONDS),
                "the client hung up within " + HANG_UP_WITHIN_MS + " ms of giving up (" + why + ")");
    }

    /**
     * Accepts one connection, reads the request, writes the first {@code fast} bytes of the answer at once and
     * the rest one byte each 200 ms; a reader sees the client's hang-up (end of stream or reset) as it happens,
     * not at the next write.
     */
    private void serve(int fast) {
        Thread acceptor = new Thread(() -> {
            try {
                Socket client = server.accept();
                accepted = client;
                InputStream in = client.getInputStream();
                OutputStream out = client.getOutputStream();
                skipRequest(in);
                requested.countDown();
                byte[] answer = ANSWER.getBytes(StandardCharsets.ISO_8859_1);
                out.write(answer, 0, fast);
                out.flush();
                Thread trickle = new Thread(() -> {
                    try {
                        for (int i = fast; i < answer.length; i++) {
                            // The fault's pace, not a wait for anything.
                            Thread.sleep(200);
                            out.write(answer[i]);
                            out.flush();
                        }
                    } catch (IOException | InterruptedException e) {
                        // Hung up on: the reader below says so.
                    }
                }, "trickle");
                trickle.setDaemon(true);
                trickle.start();
                // The client sends nothing more after its request: end of stream or a reset means it hung up.
                try {
                    assertEquals(-1, in.read());
                } catch (IOException e) {
                    // Reset: hung up as well.
                }
                hungUp.countDown();
            } catch (IOException e) {
                // The test ended (server closed).
            }
        }, "trickling-vendor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void skipRequest(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("the request ended early");
            }
            matched = c == end[matched] ? matched + 1 : c == '\r' ? 1 : 0;
        }
    }
}
