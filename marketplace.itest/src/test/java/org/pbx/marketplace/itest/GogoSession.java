package org.pbx.marketplace.itest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;

/**
 * A console session on the runtime's real Gogo {@link CommandProcessor}, as an operator's SSH
 * session is: each command's standard output and error captured separately.
 */
final class GogoSession implements AutoCloseable {

    /** What one command printed. */
    static final class Output {
        final String out;
        final String err;

        Output(String out, String err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public String toString() {
            return "out:\n" + out + "\nerr:\n" + err;
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CommandSession session;

    GogoSession(CommandProcessor processor, String language) {
        session = processor.createSession(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        session.put("marketplace.lang", language);
    }

    /** Runs one command line and returns what it printed. */
    Output run(String commandLine) throws Exception {
        out.reset();
        err.reset();
        session.execute(commandLine);
        session.getConsole().flush();
        return new Output(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        session.close();
    }
}
