package org.pbx.marketplace.server.internal.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;

/** A group such as "product": without one of its commands it shows its usage. */
abstract class CommandGroup implements Callable<Integer> {
    @CommandLine.ParentCommand
    AdminTool tool;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }

    java.io.PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
