package org.pbx.marketplace.server.internal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The vendor's administration from the command line (docs/vendor-admin.md): each command is one
 * call of the admin REST API over HTTP, so the tool and scripts using the API do the same thing.
 * The token comes from the environment variable VENDOR_ADMIN_TOKEN, never from an argument.
 */
@Command(name = "admin", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Administers a vendor server over its admin API: products, features, trials, coupons, licenses, releases, advisories, the trust root.",
        subcommands = {ProductCommands.class, FeatureCommands.class, CouponCommands.class, LicenseCommands.class,
                ReleaseCommands.class, AdvisoryCommands.class, RootCommands.class},
        footer = {"", "The admin token is read from the environment variable VENDOR_ADMIN_TOKEN.",
                "Exit status: 0 done, 1 refused by the server (the reason is printed), 2 wrong options,"
                        + " 3 the server could not be reached or VENDOR_ADMIN_TOKEN is not set."})
public final class AdminTool implements Callable<Integer> {
    static final int REFUSED = 1;
    static final int UNREACHABLE = 3;
    static final String TOKEN_VARIABLE = "VENDOR_ADMIN_TOKEN";

    @Option(names = "--url", paramLabel = "URL",
            description = "The vendor server's base URL (default: VENDOR_ADMIN_URL, else http://127.0.0.1:8090).")
    String url;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private Map<String, String> env = System.getenv();

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err, System.getenv()));
    }

    /** Runs one command as main would, writing to the streams given; {@code env} stands for the environment. */
    public static int execute(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        AdminTool tool = new AdminTool();
        tool.env = env;
        CommandLine line = new CommandLine(tool);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof AdminClient.Refused refused) {
                cmd.getErr().println("Refused: " + refused.getMessage());
                return REFUSED;
            }
            if (e instanceof IOException || e instanceof MissingToken) {
                cmd.getErr().println("Cannot administer " + tool.baseUrl() + ": " + e.getMessage());
                return UNREACHABLE;
            }
            throw e;
        });
        return line.execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    String baseUrl() {
        if (url != null) {
            return url;
        }
        String fromEnv = env.get("VENDOR_ADMIN_URL");
        return fromEnv == null || fromEnv.isBlank() ? "http://127.0.0.1:8090" : fromEnv;
    }

    AdminClient client() throws MissingToken {
        String token = env.get(TOKEN_VARIABLE);
        if (token == null || token.isBlank()) {
            throw new MissingToken();
        }
        return new AdminClient(baseUrl(), token.trim());
    }

    static void printJson(PrintWriter out, JsonNode node) throws IOException {
        out.println(AdminClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    }

    /** No token in the environment: nothing is sent. */
    static final class MissingToken extends Exception {
        private static final long serialVersionUID = 1L;

        MissingToken() {
            super("set the environment variable " + TOKEN_VARIABLE + " to the server's admin token");
        }
    }
}
