package org.pbx.marketplace.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The demo host jar running as its own JVM, as an admin starts it, with its console on a pipe.
 */
final class HostProcess implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Writer console;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final Duration timeout;
    final int port;

    private HostProcess(Process process, int port, Duration timeout) {
        this.process = process;
        this.port = port;
        this.timeout = timeout;
        this.console = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::pump, "host-output");
        reader.setDaemon(true);
        reader.start();
    }

    static HostProcess start(Path data) throws IOException {
        return start(data, TIMEOUT);
    }

    /**
     * Starts the host with JVM options before {@code -jar}; {@code timeout} bounds each wait for its
     * output (a host started hundreds of times on a busy machine may take longer than a minute).
     */
    static HostProcess start(Path data, Duration timeout, String... jvmOptions) throws IOException {
        int port = freePort();
        Path jar = Paths.get(System.getProperty("pbx.host.jar", "target/pbx-host.jar"));
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(List.of(jvmOptions));
        if (command.stream().noneMatch(o -> o.startsWith("-Dpbx.webconsole="))) {
            // The tests read the framework's state through the Web Console, off by default in the host.
            command.add("-Dpbx.webconsole=true");
        }
        command.addAll(List.of("-Dpbx.data=" + data, "-Dorg.osgi.service.http.port=" + port,
                // Keep the console reading the pipe; closing the pipe must not stop the host.
                "-Dgosh.args=--noshutdown", "-jar", jar.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new HostProcess(process, port, timeout);
    }

    /** Waits for a line of output that matches; fails with everything seen so far if none does. */
    String await(String what, Predicate<String> match) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("Timed out after " + timeout.getSeconds() + " s waiting for " + what
                        + "; the host printed:\n" + String.join("\n", seen));
            }
            seen.add(line);
            if (match.test(line)) {
                return line;
            }
        }
    }

    /** Like {@link #await}, but also finds a line printed before, while waiting for something else. */
    String awaitPrinted(String what, Predicate<String> match) throws InterruptedException {
        for (String line : seen) {
            if (match.test(line)) {
                return line;
            }
        }
        return await(what, match);
    }

    void command(String line) throws IOException {
        console.write(line + "\n");
        console.flush();
    }

    /**
     * SIGTERM, as Ctrl-C or a service manager stops the host; waits for the framework to report
     * it stopped and returns the exit code (143, the JVM's code for SIGTERM).
     */
    int terminate() throws InterruptedException {
        // Through the handle: Process.destroy() would also close the pipes we read the last lines from.
        process.toHandle().destroy();
        await("the framework to stop", line -> line.contains("PBX host stopped"));
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the host did not stop within " + TIMEOUT.getSeconds() + " s of SIGTERM");
        }
        return process.exitValue();
    }

    /**
     * SIGKILL, as a power cut or the OOM killer ends the host: no shutdown hook, no framework stop.
     * Waits until the JVM is gone, so that the next host on the same data folder never overlaps it.
     */
    void kill() throws InterruptedException {
        // Through the handle, as in terminate(): the pipes stay open for the lines printed before the kill.
        process.toHandle().destroyForcibly();
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the host did not die within " + TIMEOUT.getSeconds() + " s of SIGKILL");
        }
    }

    /** The host's threads (jcmd Thread.print), to see where a start that never ends waits. */
    String threadDump() {
        Path jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process dump = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            dump.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return text;
        } catch (IOException e) {
            return "no thread dump: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "no thread dump: interrupted";
        }
    }

    /** The last lines the host printed (also those nobody waited for), for a failure message. */
    String tail(int count) {
        lines.drainTo(seen);
        return String.join("\n", seen.subList(Math.max(0, seen.size() - count), seen.size()));
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("<output closed: " + e + ">");
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
