package org.pbx.marketplace.bench.host;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process load generator: keep-alive HTTP/1.1 connections on loopback, each a thread that
 * sends the next GET as soon as the last answer is read, every latency recorded.
 */
final class RestLoad {

    /** Enough connections to keep both cores' server threads busy. */
    static final int CONNECTIONS = 16;

    static final class Result {
        final long requests;
        final double perSecond;
        final double p99Ms;

        Result(long requests, double perSecond, double p99Ms) {
            this.requests = requests;
            this.perSecond = perSecond;
            this.p99Ms = p99Ms;
        }
    }

    private RestLoad() {
    }

    /** Fails if any answer is not 200, is empty, or (unless {@code expectedLength} is -1) is not that long. */
    static Result run(int port, String path, String authorization, int expectedLength, Duration time) throws Exception {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: application/json\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        long end = System.nanoTime() + time.toNanos();
        long[][] latencies = new long[CONNECTIONS][];
        AtomicLong failure = new AtomicLong();
        Thread[] threads = new Thread[CONNECTIONS];
        Exception[] errors = new Exception[CONNECTIONS];
        for (int i = 0; i < CONNECTIONS; i++) {
            int n = i;
            threads[i] = new Thread(() -> {
                try {
                    latencies[n] = client(port, request, expectedLength, end);
                } catch (Exception e) {
                    errors[n] = e;
                    failure.incrementAndGet();
                }
            }, "load-" + i);
            threads[i].start();
        }
        long started = System.nanoTime();
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        for (Exception e : errors) {
            if (e != null) {
                throw new IllegalStateException(failure.get() + " of " + CONNECTIONS + " clients failed on GET " + path, e);
            }
        }
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        double p99 = all[(int) Math.ceil(0.99 * all.length) - 1] / 1e6;
        return new Result(all.length, all.length / seconds, p99);
    }

    private static long[] client(int port, byte[] request, int expectedLength, long end) throws IOException {
        long[] latencies = new long[1 << 16];
        int count = 0;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            InputStream in = new BufferedInputStream(socket.getInputStream());
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                out.write(request);
                out.flush();
                readAnswer(in, expectedLength);
                if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                }
                latencies[count++] = System.nanoTime() - t0;
            }
        }
        return Arrays.copyOf(latencies, count);
    }

    /** Reads one answer (Content-Length or chunked) and checks its status and size. */
    private static void readAnswer(InputStream in, int expectedLength) throws IOException {
        String status = line(in);
        int length = -1;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        int body = 0;
        if (chunked) {
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                body += skip(in, size);
                line(in);
            }
            line(in);
        } else if (length >= 0) {
            body = skip(in, length);
        }
        if (!status.startsWith("HTTP/1.1 200") || body == 0 || expectedLength >= 0 && body != expectedLength) {
            throw new IOException("answer '" + status + "' with " + body + " bytes, expected 200 with " + expectedLength);
        }
    }

    private static int skip(InputStream in, int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new IOException("connection closed in a body");
        }
        return n;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed in a header");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
