package org.pbx.marketplace.itest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A broken vendor server on a plain socket (the probe sees only java.* and what the runtime
 * exports): it reads each request and answers with one fault, whatever was asked.
 */
final class FaultServer implements AutoCloseable {

    /** What the server does with a connection once the request is read. */
    interface Fault {
        void answer(OutputStream out) throws IOException;
    }

    private final ServerSocket socket;
    private final Fault fault;
    /** Requests that reached the server: proves the client tried, so a pass isn't a request never sent. */
    final AtomicInteger requests = new AtomicInteger();
    /** Connections accepted, whether or not a request followed (a TLS client may hang up in the handshake). */
    final AtomicInteger connections = new AtomicInteger();
    /** Answers the client hung up on before the server finished writing them. */
    final AtomicInteger hungUp = new AtomicInteger();
    /** The longest a connection was open, from accept until the answer was written or the client hung up. */
    final AtomicLong longestMillis = new AtomicLong();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    /** The numbers (1, 2, …, in order of arrival) of the requests whose answer the client hung up on. */
    private final Set<Integer> hungUpRequests = ConcurrentHashMap.newKeySet();
    /** Each request's method and path, by number: says which request a connection left open belongs to. */
    private final Map<Integer, String> asked = new ConcurrentHashMap<>();

    FaultServer(ServerSocket socket, Fault fault) {
        this.socket = socket;
        this.fault = fault;
        Thread acceptor = new Thread(this::accept, "fault-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    FaultServer(Fault fault) throws IOException {
        this(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), fault);
    }

    int port() {
        return socket.getLocalPort();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    /** A complete answer with a body of the given type. */
    static Fault status(int status, String contentType, String body) {
        return out -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            write(out, "HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                    + bytes.length + "\r\nConnection: close\r\n\r\n");
            out.write(bytes);
        };
    }

    /** A redirect the client must not follow. */
    static Fault redirect(int status, String location) {
        return out -> write(out, "HTTP/1.1 " + status + " X\r\nLocation: " + location
                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    }

    /** Headers of a success, then a body that never ends (until the client hangs up, or 256 MB). */
    static Fault endless() {
        return out -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/jose\r\nConnection: close\r\n\r\n");
            byte[] chunk = new byte[8192];
            Arrays.fill(chunk, (byte) 'A');
            for (int i = 0; i < 32_768; i++) {
                out.write(chunk);
            }
        };
    }

    /**
     * A slow loris answer: the first {@code fast} bytes at once (0: none), then one byte per
     * second, flushed each time, until the answer is written or the client hangs up.
     */
    static Fault oneBytePerSecond(String answer, int fast) {
        return out -> {
            byte[] bytes = answer.getBytes(StandardCharsets.ISO_8859_1);
            out.write(bytes, 0, fast);
            out.flush();
            for (int i = fast; i < bytes.length; i++) {
                try {
                    // The fault's pace, not a wait for anything.
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("stopped");
                }
                out.write(bytes[i]);
                out.flush();
            }
        };
    }

    /** Accepts the connection and closes it without a word. */
    static Fault hangUp() {
        return out -> { };
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.incrementAndGet();
                Thread worker = new Thread(() -> serve(client), "fault-server-worker");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        long start = System.nanoTime();
        open.add(client);
        int asked = 0;
        try (client; InputStream in = new BufferedInputStream(client.getInputStream()); OutputStream out = client.getOutputStream()) {
            RawRequest request = RawRequest.read(in);
            asked = requests.incrementAndGet();
            this.asked.put(asked, request.method + " " + request.path);
            fault.answer(out);
            out.flush();
        } catch (IOException | RuntimeException e) {
            // The client hung up first: the cap or the deadline did its job.
            if (asked > 0 && !socket.isClosed()) {
                hungUpRequests.add(asked);
                hungUp.incrementAndGet();
            }
        } finally {
            open.remove(client);
            longestMillis.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), Math::max);
        }
    }


    /**
     * Whether the client hung up on each of the first {@code n} requests. Asked about the requests
     * made so far, not compared with a count that the client's background retries keep raising.
     */
    boolean hungUpOnFirst(int n) {
        for (int i = 1; i <= n; i++) {
            if (!hungUpRequests.contains(i)) {
                return false;
            }
        }
        return true;
    }

    /** The first {@code n} requests the client has not hung up on (yet), with their method and path. */
    String notHungUpOnFirst(int n) {
        StringBuilder open = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            if (!hungUpRequests.contains(i)) {
                open.append(open.length() == 0 ? "" : ", ").append('#').append(i).append(' ').append(asked.get(i));
            }
        }
        return open.toString();
    }

    /** Each request so far, by number, with its method and path: which parts of the PBX asked. */
    String requestsSeen() {
        return new java.util.TreeMap<>(asked).toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        // A slow answer still being written ends with the server.
        for (Socket client : open) {
            client.close();
        }
    }
}
