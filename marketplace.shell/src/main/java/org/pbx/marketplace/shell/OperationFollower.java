package org.pbx.marketplace.shell;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.pbx.marketplace.api.ModuleCatalog;
import org.pbx.marketplace.api.dto.OperationDTO;

/**
 * Follows an install, update or uninstall to its end and prints each step as it is reached. The
 * catalog offers no completion callback, so this polls, but never past the deadline: then it says
 * the operation still runs and how to follow it, rather than hanging the console.
 */
final class OperationFollower {

    private static final long POLL_MILLIS = 100;

    private final ModuleCatalog catalog;
    private final Texts t;
    private final PrintStream out;

    OperationFollower(ModuleCatalog catalog, Texts t, PrintStream out) {
        this.catalog = catalog;
        this.t = t;
        this.out = out;
    }

    /** Prints the operation's steps until it ends or {@code limit} passes; returns its last state. */
    OperationDTO follow(OperationDTO started, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        String lastStep = null;
        OperationDTO now = started;
        while (true) {
            if (!now.step.equals(lastStep)) {
                out.println(t.get("op.step", now.step, now.percent));
                lastStep = now.step;
            }
            if (!"RUNNING".equals(now.state)) {
                printEnd(now);
                return now;
            }
            if (System.nanoTime() > deadline) {
                out.println(t.get("op.timeout", label(now), limit.getSeconds(), now.step, now.percent, now.id));
                return now;
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            OperationDTO next = catalog.operation(started.id);
            now = next == null ? now : next;
        }
    }

    void printStart(OperationDTO op) {
        out.println(t.get("op.started", label(op), op.id));
    }

    private void printEnd(OperationDTO op) {
        if ("SUCCEEDED".equals(op.state)) {
            out.println(t.get("op.succeeded", label(op)));
        } else {
            System.err.println(t.get("op.failed", label(op), t.reason(op.error)));
        }
    }

    /** E.g. "INSTALL org.pbx.demo.callback 1.0.0"; an uninstall has no version. */
    private static String label(OperationDTO op) {
        return op.kind + " " + op.moduleId + (op.version == null ? "" : " " + op.version);
    }
}
