package org.pbx.marketplace.impl.internal.license;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4, crash safety: a separate JVM ({@link KeyChangerMain}) changes the key in a loop and is
 * killed with SIGKILL at random moments, {@link #KILLS} times; after each kill the record loads,
 * the key is the old or the new one (consistent with its token and serial), never lost, never
 * corrupt, and a leftover temp file doesn't break the next load.
 * <p>
 * A child JVM's start (≈0.8 s of CPU, mostly Jackson) dominates; the next children are started
 * ahead and wait for "go" before they touch the data folder, so their start overlaps the run.
 * <p>
 * The seed is printed; rerun with {@code -Dlicense.crash.seed=N} to repeat a run's kill points.
 */
class LicenseStoreCrashTest {

    static final int KILLS = 200;
    /** Saves the child reports before it is killed: 1..MAX_SAVES_PER_RUN. */
    static final int MAX_SAVES_PER_RUN = 30;
    /** Bound for one line from the child (the first includes the JVM's start). */
    static final long LINE_TIMEOUT_SECONDS = 30;
    static final long EXIT_TIMEOUT_SECONDS = 10;
    /** Children started ahead of the one running, to overlap their JVM start. */
    static final int PRESTARTED = 2;

    /** End of the child's stdout. */
    private static final String EOF = new String("<eof>");

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void keyChangedInALoopSurvivesSigkill() throws Exception {
        long seed = Long.getLong("license.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path file = data.resolve(KeyChangerMain.FILE_NAME);
        Path tempFile = data.resolve(KeyChangerMain.FILE_NAME + ".tmp");
        LicenseStore store = new LicenseStore(file);
        Deque<Child> ready = new ArrayDeque<>();
        int started = 0;

        long previousSerial = 0;
        TreeSet<String> keysSeen = new TreeSet<>();
        int kills = 0;
        int tempFileLeft = 0;
        int unreportedSaves = 0;
        long start = System.nanoTime();

        try {
            for (int kill = 1; kill <= KILLS; kill++) {
                int savesToWait = 1 + random.nextInt(MAX_SAVES_PER_RUN);
                String context = "kill " + kill + "/" + KILLS + " (seed " + seed + ", waiting for " + savesToWait
                        + " saves, previous serial " + previousSerial + ")";

                while (ready.size() < 1 + PRESTARTED && started < KILLS) {
                    ready.add(Child.start(data, tmp.resolve("child-" + ++started + "-stderr.txt")));
                }
                Child child = ready.remove();
                Path stderr = child.stderr;
                Process process = child.process;
                BlockingQueue<String> lines = child.lines;
                long lastReported = -1;
                try {
                    child.go();
                    for (int saves = 0; saves < savesToWait; saves++) {
                        String line = lines.poll(LINE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                        if (line == null || line == EOF) {
                            fail(context + ": the child " + (line == null ? "reported nothing for " + LINE_TIMEOUT_SECONDS + " s"
                                    : "ended (exit " + exitOf(process) + ")") + " after " + saves + " saves"
                                    + describe(file, tempFile, stderr));
                        }
                        long serial = parseSaved(line, context, file, tempFile, stderr);
                        long expected = saves == 0 ? previousSerial + 1 : lastReported + 1;
                        if (serial != expected) {
                            fail(context + ": the child reported 'saved " + serial + "', expected " + expected
                                    + (saves == 0 ? " (it didn't load the record left by the previous kill)" : "")
                                    + describe(file, tempFile, stderr));
                        }
                        lastReported = serial;
                    }
                } catch (Throwable t) {
                    child.discard();
                    throw t;
                }
                child.kill(context);
                kills++;

                // Lines the child wrote to the pipe before it died: the last completed save it reported.
                for (String line; (line = lines.poll()) != null && line != EOF;) {
                    lastReported = parseSaved(line, context, file, tempFile, stderr);
                }

                if (Files.exists(tempFile)) {
                    tempFileLeft++;
                }
                LicenseStore.Record record;
                try {
                    record = store.load();
                } catch (IOException | RuntimeException e) {
                    throw new AssertionError(context + ": the record doesn't load after the kill: " + e
                            + describe(file, tempFile, stderr), e);
                }
                String problem = check(record, previousSerial, lastReported);
                if (problem != null) {
                    fail(context + ": " + problem + " (last reported save " + lastReported + ")"
                            + describe(file, tempFile, stderr));
                }
                if (record.serial == lastReported + 1) {
                    unreportedSaves++;
                }
                keysSeen.add(record.key);
                previousSerial = record.serial;
                Files.delete(stderr);
            }
        } finally {
            for (Child waiting : ready) {
                waiting.discard();
            }
        }

        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.println("LicenseStoreCrashTest: " + kills + " kills, distinct keys seen " + keysSeen.size() + " "
                + keysSeen + ", max serial " + previousSerial + ", temp file left " + tempFileLeft
                + " times, saved-but-unreported " + unreportedSaves + " times, " + millis + " ms, seed " + seed);
        assertTrue(keysSeen.contains(KeyChangerMain.KEY_A) && keysSeen.contains(KeyChangerMain.KEY_B),
                "both keys should have been seen after some kill, saw " + keysSeen + " (seed " + seed + ")");
    }

    /** What's wrong with the record loaded after a kill, or null. */
    private static String check(LicenseStore.Record record, long previousSerial, long lastReported) {
        if (record.key == null) {
            return "the key is lost";
        }
        if (!record.key.equals(KeyChangerMain.KEY_A) && !record.key.equals(KeyChangerMain.KEY_B)) {
            return "the key is neither of the two: " + record.key;
        }
        if (!KeyChangerMain.token(record.key, record.serial).equals(record.token)) {
            return "the token doesn't match the key and serial: " + record.token;
        }
        if (!record.key.equals(KeyChangerMain.keyFor(record.serial))) {
            return "the key doesn't match the serial " + record.serial;
        }
        String previousKey = record.serial == 1 ? null : KeyChangerMain.keyFor(record.serial - 1);
        if (previousKey == null ? record.previousKey != null : !previousKey.equals(record.previousKey)) {
            return "the previous key doesn't match the serial: " + record.previousKey;
        }
        if (record.serial < previousSerial) {
            return "the serial went back from " + previousSerial + " to " + record.serial;
        }
        // A reported save returned after the rename; at most the one save after it can have completed.
        if (record.serial < lastReported) {
            return "the reported save " + lastReported + " is lost: serial " + record.serial;
        }
        if (record.serial > lastReported + 1) {
            return "serial " + record.serial + " is beyond the save after the last reported one";
        }
        return null;
    }

    /** A child JVM, started ahead: it warms up, then waits for "go" before it touches the data folder. */
    private static final class Child {
        final Process process;
        final Path stderr;
        /** The child's stdout lines, then {@link #EOF}. */
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final Thread reader;

        private Child(Process process, Path stderr) {
            this.process = process;
            this.stderr = stderr;
            this.reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null;) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("<read failed: " + e + ">");
                } finally {
                    lines.add(EOF);
                }
            }, "crash-test-child-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(Path data, Path stderr) throws IOException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            List<String> command = List.of(java.toString(),
                    "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xss512k",
                    "-cp", System.getProperty("java.class.path"),
                    KeyChangerMain.class.getName(), data.toString());
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.to(stderr.toFile()))
                    .start();
            return new Child(process, stderr);
        }

        /** Lets the child start changing the key. */
        void go() {
            try (OutputStream in = process.getOutputStream()) {
                in.write("go\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // It is dead already: its stdout ends, which the caller reports with its stderr.
            }
        }

        /** SIGKILL (on Linux), then a bounded wait for the exit and the end of its stdout. */
        void kill(String context) throws InterruptedException {
            process.toHandle().destroyForcibly();
            if (!process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail(context + ": the child didn't die within " + EXIT_TIMEOUT_SECONDS + " s of SIGKILL");
            }
            reader.join(TimeUnit.SECONDS.toMillis(EXIT_TIMEOUT_SECONDS));
        }

        /** Kills it if it is still alive, without failing: cleanup after a failure must not hide it. */
        void discard() throws InterruptedException {
            if (process.isAlive()) {
                process.toHandle().destroyForcibly();
                process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    private static long parseSaved(String line, String context, Path file, Path tempFile, Path stderr) {
        if (line.startsWith("saved ")) {
            try {
                return Long.parseLong(line.substring("saved ".length()));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        fail(context + ": unexpected line from the child: " + line + describe(file, tempFile, stderr));
        return -1;
    }

    private static String exitOf(Process child) throws InterruptedException {
        return child.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS) ? String.valueOf(child.exitValue()) : "?";
    }

    private static String describe(Path file, Path tempFile, Path stderr) {
        return "\n--- " + file.getFileName() + ":\n" + read(file)
                + "\n--- " + tempFile.getFileName() + ":\n" + read(tempFile)
                + "\n--- child stderr:\n" + read(stderr);
    }

    private static String read(Path path) {
        try {
            return new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "<missing>";
        } catch (IOException e) {
            return "<unreadable: " + e + ">";
        }
    }
}
