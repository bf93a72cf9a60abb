package org.pbx.marketplace.bench.fleet;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection of the load generator: raw bytes out, the answer parsed just
 * enough (status, Content-Type, Content-Length or chunked). Far cheaper than a full client, which
 * matters when the generator shares the 2 cores with the server it measures. Loopback only.
 */
final class Wire implements AutoCloseable {
    /** What came back. */
    record Answer(int status, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final InetSocketAddress server;
    private final InetAddress source;
    private final int timeoutMillis;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    /** @param source the local loopback address to connect from (a PBX of its own), or null for any */
    Wire(InetSocketAddress server, InetAddress source, int timeoutMillis) {
        if (!server.getAddress().isLoopbackAddress() || source != null && !source.isLoopbackAddress()) {
            throw new IllegalArgumentException("the fleet bench talks to loopback addresses only: " + server);
        }
        this.server = server;
        this.source = source;
        this.timeoutMillis = timeoutMillis;
    }

    /** Sends one complete request (head and body) and reads its answer; reconnects once if the server closed an idle connection. */
    Answer exchange(byte[] request) throws IOException {
        boolean fresh = socket == null;
        try {
            return send(request);
        } catch (IOException e) {
            close();
            if (fresh) {
                throw e;
            }
            return send(request);
        }
    }

    private Answer send(byte[] request) throws IOException {
        if (socket == null) {
            Socket s = new Socket();
            if (source != null) {
                s.bind(new InetSocketAddress(source, 0));
            }
            s.setTcpNoDelay(true);
            s.setSoTimeout(timeoutMillis);
            s.connect(server, timeoutMillis);
            socket = s;
            out = s.getOutputStream();
            in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
        }
        out.write(request);
        out.flush();
        return read();
    }

    private Answer read() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closing = false;
        String type = "";
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closing = value.equalsIgnoreCase("close");
                case "content-type" -> type = value.toLowerCase(Locale.ROOT);
                default -> { }
            }
        }
        byte[] body;
        if (chunked) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                all.write(in.readNBytes(size));
                line();
            }
            for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                // Trailers carry nothing the bench reads.
            }
            body = all.toByteArray();
        } else if (length >= 0) {
            body = in.readNBytes((int) length);
            if (body.length != length) {
                throw new IOException("connection closed inside the body");
            }
        } else if (code == 204 || code == 304) {
            body = new byte[0];
        } else {
            body = in.readAllBytes();
            closing = true;
        }
        if (closing) {
            close();
        }
        return new Answer(code, type, body);
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed by the server");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing a connection the bench is done with; nothing is lost.
            }
            socket = null;
        }
    }
}
