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
                out.println(t.get("op.step", step(now), now.percent));
                lastStep = now.step;
            }
            if (!"RUNNING".equals(now.state)) {
                printEnd(now);
                return now;
            }
            if (System.nanoTime() > deadline) {
                out.println(t.get("op.timeout", label(now), limit.getSeconds(), step(now), now.percent, now.id));
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

    /** E.g. "Installation of org.pbx.demo.callback 1.0.0"; an uninstall has no version; a kind newer than this console as it is. */
    private String label(OperationDTO op) {
        String fallback = op.kind + " {0}" + (op.version == null ? "" : " {1}");
        return java.text.MessageFormat.format(t.optional("op.kind." + op.kind, fallback).replace("'", "''"), op.moduleId, op.version);
    }

    private String step(OperationDTO op) {
        return t.optional("op.step." + op.step, op.step);
    }
}
