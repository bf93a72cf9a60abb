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
import java.util.concurrent.atomic.AtomicInteger;

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
        try (client; InputStream in = new BufferedInputStream(client.getInputStream()); OutputStream out = client.getOutputStream()) {
            RawRequest.read(in);
            requests.incrementAndGet();
            fault.answer(out);
            out.flush();
        } catch (IOException | RuntimeException e) {
            // The client hung up first: the cap or the deadline did its job.
        }
    }


    @Override
    public void close() throws IOException {
        socket.close();
    }
}
