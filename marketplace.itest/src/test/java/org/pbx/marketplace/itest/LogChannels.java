package org.pbx.marketplace.itest;

import static org.junit.Assert.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Listens, for a test, to the log channels of the framework's JVM besides the OSGi log:
 * java.util.logging (where System.Logger goes with the JDK's default finder) at every level, and
 * System.out and System.err (slf4j-simple's target, and anyone's println), still passed on.
 */
final class LogChannels implements AutoCloseable {

    private final Logger root = Logger.getLogger("");
    private final Level rootLevel = root.getLevel();
    private final List<String> julRecords = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            julRecords.add(record.getLoggerName() + " " + record.getMessage() + " " + java.util.Arrays.toString(record.getParameters())
                    + " " + record.getThrown());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private boolean closed;

    private LogChannels() {
        root.setLevel(Level.ALL);
        root.addHandler(handler);
        System.setOut(tee(out));
        System.setErr(tee(err));
    }

    static LogChannels listen() {
        return new LogChannels();
    }

    private PrintStream tee(PrintStream original) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (printed) {
                    printed.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (printed) {
                    printed.write(bytes, offset, length);
                }
                original.write(bytes, offset, length);
            }
        }, true, StandardCharsets.UTF_8);
    }

    /** Fails if any record or printed line carries {@code secret}. */
    void assertNever(String secret) {
        for (String record : julRecords) {
            assertFalse("a java.util.logging / System.Logger record shows the key: " + record, record.contains(secret));
        }
        String text;
        synchronized (printed) {
            text = printed.toString(StandardCharsets.UTF_8);
        }
        text.lines().forEach(line -> assertFalse("System.out or System.err (slf4j) shows the key: " + line, line.contains(secret)));
    }

    /** Puts the channels back as they were; again is harmless. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        System.setOut(out);
        System.setErr(err);
        root.removeHandler(handler);
        root.setLevel(rootLevel);
    }
}
