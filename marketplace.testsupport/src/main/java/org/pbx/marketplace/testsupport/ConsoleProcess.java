package org.pbx.marketplace.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A program a test runs as its own process, as an admin starts it, with its console (output and
 * error merged, and its input) on a pipe: waits for lines it prints (bounded, failing with all it
 * printed), SIGTERM, SIGKILL, a thread dump of a JVM that hangs.
 */
public class ConsoleProcess implements AutoCloseable {

    private final Process process;
    private final Writer console;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final Duration timeout;

    /** Wraps a started process; {@code timeout} bounds each wait for its output and for its end. */
    protected ConsoleProcess(Process process, Duration timeout) {
        this.process = process;
        this.timeout = timeout;
        this.console = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::pump, "process-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the command with these extra environment variables, its error stream merged into its output. */
    public static ConsoleProcess start(List<String> command, Map<String, String> environment, Duration timeout)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new ConsoleProcess(builder.start(), timeout);
    }

    /** The java launcher of the JVM running the test, to start another JVM with the same Java. */
    public static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Waits for a line of output that matches; fails with everything seen so far if none does. */
    public String await(String what, Predicate<String> match) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("Timed out after " + timeout.getSeconds() + " s waiting for " + what
                        + "; the process printed:\n" + String.join("\n", seen));
            }
            seen.add(line);
            if (match.test(line)) {
                return line;
            }
        }
    }

    /** Like {@link #await}, but also finds a line printed before, while waiting for something else. */
    public String awaitPrinted(String what, Predicate<String> match) throws InterruptedException {
        for (String line : seen) {
            if (match.test(line)) {
                return line;
            }
        }
        return await(what, match);
    }

    /** Types a line on the process's console. */
    public void command(String line) throws IOException {
        console.write(line + "\n");
        console.flush();
    }

    /**
     * SIGTERM, as Ctrl-C or a service manager stops it; waits for the line that says it stopped,
     * then for its end, and returns the exit code (143, the JVM's code for SIGTERM).
     */
    public int terminate(String stopped) throws InterruptedException {
        // Through the handle: Process.destroy() would also close the pipes we read the last lines from.
        process.toHandle().destroy();
        await("the process to print \"" + stopped + "\"", line -> line.contains(stopped));
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the process did not stop within " + timeout.getSeconds() + " s of SIGTERM");
        }
        return process.exitValue();
    }

    /**
     * SIGKILL, as a power cut or the OOM killer ends it: no shutdown hook. Waits until the process is
     * gone, so that the next one on the same data folder never overlaps it.
     */
    public void kill() throws InterruptedException {
        // Through the handle, as in terminate(): the pipes stay open for the lines printed before the kill.
        process.toHandle().destroyForcibly();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the process did not die within " + timeout.getSeconds() + " s of SIGKILL");
        }
    }

    /** The JVM's threads (jcmd Thread.print), to see where a start that never ends waits. */
    public String threadDump() {
        Path jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process dump = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            dump.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
            return text;
        } catch (IOException e) {
            return "no thread dump: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "no thread dump: interrupted";
        }
    }

    /** The last lines the process printed (also those nobody waited for), for a failure message. */
    public String tail(int count) {
        lines.drainTo(seen);
        return String.join("\n", seen.subList(Math.max(0, seen.size() - count), seen.size()));
    }

    /** SIGKILL without waiting: the end of a test, whatever state it left the process in. */
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
}
