package org.pbx.marketplace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.testsupport.TestInstallation;

/**
 * The standalone server's transport against clients that send slowly (issue 14: "200 connections
 * trickling bodies while a validate still answers within a second"), on real Jetty over loopback.
 */
class SlowClientTest {
    private static final int TRICKLERS = 200;
    private static final Duration BODY_DEADLINE = Duration.ofSeconds(6);
    private static final Duration HEADER_DEADLINE = Duration.ofSeconds(2);
    /** What a busy 2-core machine may add to a deadline before the cut-off is seen. */
    private static final long MARGIN_MILLIS = 4_000;

    @TempDir
    Path dir;

    private Harness start() {
        return new Harness(dir, new TestClock(), b -> b.bodyTimeout(BODY_DEADLINE).headerTimeout(HEADER_DEADLINE));
    }

    private static Socket connect(Harness h) throws IOException {
        Socket socket = new Socket("127.0.0.1", h.server.port());
        socket.setTcpNoDelay(true);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads until the server closes the connection or the bound passes; returns what came, or null if still open. */
    private static String untilClosed(Socket socket, long boundNanos) throws IOException {
        StringBuilder seen = new StringBuilder();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(boundNanos - System.nanoTime());
            if (left <= 0) {
                return null;
            }
            socket.setSoTimeout((int) left);
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                return null;
            } catch (IOException reset) {
                return seen.toString();
            }
            if (n < 0) {
                return seen.toString();
            }
            seen.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void validateAnswersWithin1sWhile200ClientsTrickleBodiesAndTheyAreCutOffAtTheDeadline() throws Exception {
        try (Harness h = start()) {
            TestInstallation pbx = new TestInstallation();
            String key = h.register(pbx, "slow@example.com", "Slow Ltd");
            StringBuilder quiet = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                h.token(h.validate(pbx, key));
                quiet.append(String.format(" %.1f", (System.nanoTime() - t0) / 1e6));
            }
            System.out.println("slow clients: without them, 5 validates took" + quiet + " ms");

            List<Socket> tricklers = new ArrayList<>();
            ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
            try {
                long opened = System.nanoTime();
                for (int i = 0; i < TRICKLERS; i++) {
                    Socket socket = connect(h);
                    send(socket, "POST /v1/licenses/validate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{");
                    tricklers.add(socket);
                }
                long t1 = System.nanoTime();
                // One more byte a second on every connection: never idle, never done.
                drip.scheduleAtFixedRate(() -> {
                    for (Socket socket : tricklers) {
                        try {
                            send(socket, " ");
                        } catch (IOException closedByTheServer) {
                            // Expected once the deadline has passed; asserted below.
                        }
                    }
                }, 1, 1, TimeUnit.SECONDS);

                long slowest = 0;
                StringBuilder each = new StringBuilder();
                for (int i = 0; i < 5; i++) {
                    long t0 = System.nanoTime();
                    h.token(h.validate(pbx, key));
                    long took = System.nanoTime() - t0;
                    each.append(String.format(" %.1f", took / 1e6));
                    slowest = Math.max(slowest, took);
                }
                long during = System.nanoTime() - opened;
                System.out.printf("slow clients: %d trickling, 5 validates took%s ms (opened in %d ms)%n", TRICKLERS,
                        each, (t1 - opened) / 1_000_000);
                assertTrue(during < BODY_DEADLINE.toNanos(), "the validates ran while the tricklers were still"
                        + " connected (else this test proves nothing): " + during / 1_000_000 + " ms");
                assertTrue(slowest < TimeUnit.SECONDS.toNanos(1), "validate took " + slowest / 1_000_000 + " ms");

                long bound = opened + BODY_DEADLINE.toNanos() + TimeUnit.MILLISECONDS.toNanos(MARGIN_MILLIS);
                int answered408 = 0;
                for (Socket socket : tricklers) {
                    String seen = untilClosed(socket, bound);
                    assertTrue(seen != null, "a trickling connection was still open "
                            + (System.nanoTime() - opened) / 1_000_000 + " ms after it opened");
                    assertTrue(seen.isEmpty() || seen.startsWith("HTTP/1.1 408"), seen);
                    answered408 += seen.startsWith("HTTP/1.1 408") ? 1 : 0;
                }
                assertTrue(System.nanoTime() - opened >= BODY_DEADLINE.toNanos() - TimeUnit.MILLISECONDS.toNanos(500),
                        "cut off by the body deadline, not earlier");
                System.out.printf("slow clients: %d of %d answered 408 before the close%n", answered408, TRICKLERS);
                h.token(h.validate(pbx, key));
            } finally {
                drip.shutdownNow();
                for (Socket socket : tricklers) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aClientTricklingItsHeadersIsCutOffAtTheHeaderDeadline() throws Exception {
        try (Harness h = start()) {
            List<Socket> tricklers = new ArrayList<>();
            ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
            try {
                long opened = System.nanoTime();
                for (int i = 0; i < 20; i++) {
                    Socket socket = connect(h);
                    send(socket, "GET /v1/keys HTTP/1.1\r\nHost: 127.0.0.1\r\n");
                    tricklers.add(socket);
                }
                drip.scheduleAtFixedRate(() -> {
                    for (Socket socket : tricklers) {
                        try {
                            send(socket, "X");
                        } catch (IOException closedByTheServer) {
                            // Expected once the deadline has passed.
                        }
                    }
                }, 200, 200, TimeUnit.MILLISECONDS);
                assertEquals(200, h.get("/v1/keys").status());
                long bound = opened + HEADER_DEADLINE.toNanos() + TimeUnit.MILLISECONDS.toNanos(MARGIN_MILLIS);
                for (Socket socket : tricklers) {
                    assertTrue(untilClosed(socket, bound) != null, "a connection trickling headers was still open "
                            + (System.nanoTime() - opened) / 1_000_000 + " ms after it opened");
                }
            } finally {
                drip.shutdownNow();
                for (Socket socket : tricklers) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aBodyOver64KiBIsRefusedWithoutBeingRead() throws Exception {
        try (Harness h = start(); Socket socket = connect(h)) {
            // Content-Length says too much: 413 at once, though not one byte of the body was sent.
            send(socket, "POST /v1/licenses/validate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 70000\r\n\r\n");
            String answer = untilClosed(socket, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
            assertTrue(answer != null && answer.startsWith("HTTP/1.1 413"), String.valueOf(answer));
            assertTrue(answer.contains("\"code\":1012"), answer);
        }
        try (Harness h = start(); Socket socket = connect(h)) {
            // Chunked, so the size shows only while reading: refused once past 64 KiB, before the end.
            send(socket, "POST /v1/licenses/validate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            String chunk = Integer.toHexString(8192) + "\r\n" + "x".repeat(8192) + "\r\n";
            try {
                for (int i = 0; i < 9; i++) {
                    send(socket, chunk);
                }
            } catch (IOException closedEarly) {
                // The server may close as soon as it has answered: what it answered is read below.
            }
            String answer = untilClosed(socket, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
            assertTrue(answer != null && answer.startsWith("HTTP/1.1 413"), String.valueOf(answer));
            assertTrue(answer.contains("\"code\":1012"), answer);
        }
    }
}
