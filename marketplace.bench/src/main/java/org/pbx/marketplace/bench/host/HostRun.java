package org.pbx.marketplace.bench.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A host jar running as its own JVM, as an admin starts it, with its console on a pipe. */
final class HostRun implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    final long startedNanos;
    final Path data;
    final int port;
    private final Process process;
    private final Writer console;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private HostRun(Process process, long startedNanos, Path data, int port) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.data = data;
        this.port = port;
        this.console = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread pump = new Thread(this::pump, "host-output");
        pump.setDaemon(true);
        pump.start();
    }

    static HostRun start(Path jar, Path data) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        long started = System.nanoTime();
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Dpbx.data=" + data,
                "-Dorg.osgi.service.http.port=" + port,
                // The console reads the pipe; its end must not stop the host.
                "-Dgosh.args=--noshutdown",
                // The bench waits for the Web Console's 401 as its "web server up" mark; the host has it off by default.
                "-Dpbx.webconsole=true"));
        // E.g. -Dbench.host.jvm=-XX:StartFlightRecording=filename=/tmp/{host}.jfr,settings=profile to see where time
        // goes; {host} is the run's name (baseline-0, product-0, …, demo), so each host keeps its own recording.
        String extra = System.getProperty("bench.host.jvm", "").trim().replace("{host}", data.getFileName().toString());
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new HostRun(process, started, data, port);
    }

    /** Polls a GET until its status is {@code expected}; returns the milliseconds since the JVM was started. */
    double awaitStatus(String path, boolean admin, int expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            if (admin && !Files.exists(passwordFile())) {
                last = -2;
            } else {
                last = status(path, admin);
                if (last == expected) {
                    return (System.nanoTime() - startedNanos) / 1e6;
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the host exited with " + process.exitValue() + ": " + seen());
            }
            // A start takes seconds: a 5 ms poll costs at most 5 ms of resolution.
            Thread.sleep(5);
        }
        throw new IllegalStateException("GET " + path + " did not answer " + expected + " within " + TIMEOUT
                + " (last " + last + "); output: " + seen());
    }

    private int status(String path, boolean admin) throws IOException {
        HttpURLConnection http = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
        http.setConnectTimeout(2000);
        http.setReadTimeout(10_000);
        if (admin) {
            http.setRequestProperty("Authorization", authorization());
        }
        try {
            int status = http.getResponseCode();
            java.io.InputStream body = status < 400 ? http.getInputStream() : http.getErrorStream();
            if (body != null) {
                body.readAllBytes();
            }
            return status;
        } catch (java.net.ConnectException e) {
            return -1;
        } catch (java.net.SocketTimeoutException e) {
            // A host still starting on a loaded machine may take longer than the read timeout: not up yet.
            return -3;
        } finally {
            http.disconnect();
        }
    }

    String authorization() throws IOException {
        String password = Files.readString(passwordFile(), StandardCharsets.UTF_8).trim();
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    }

    private Path passwordFile() {
        return data.resolve("marketplace-admin.password");
    }

    /** Types a console command and waits for the line that ends it; returns that line. */
    String command(String command, Predicate<String> end) throws IOException, InterruptedException {
        console.write(command + "\n");
        console.flush();
        return await(command, end);
    }

    String await(String what, Predicate<String> end) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException("no end of '" + what + "' within " + TIMEOUT + "; output: " + seen());
            }
            if (end.test(line)) {
                return line;
            }
        }
    }

    /** Heap in use right after a full GC, in MiB, as the JDK's own jcmd reports it. */
    double heapAfterGcMiB() throws IOException, InterruptedException {
        jcmd("GC.run");
        Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("jcmd GC.heap_info printed no heap figure");
        }
        return Long.parseLong(used.group(1)) / 1024.0;
    }

    private String jcmd(String what) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), what).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + what + " failed: " + out);
        }
        return out;
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (seen) {
                    seen.add(line);
                }
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String seen() {
        synchronized (seen) {
            return String.join("\n", seen.subList(Math.max(0, seen.size() - 40), seen.size()));
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
