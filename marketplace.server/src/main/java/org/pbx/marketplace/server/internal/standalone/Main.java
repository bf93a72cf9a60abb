package org.pbx.marketplace.server.internal.standalone;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.pbx.marketplace.server.VendorServer;
import org.pbx.marketplace.server.VendorServerSettings;
import org.pbx.marketplace.server.VendorServerSettings.SmtpSecurity;
import org.pbx.marketplace.server.internal.cli.AdminTool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar marketplace.server-VERSION-standalone.jar [options]}: serves the vendor server
 * until SIGTERM or Ctrl+C. The serve options sit on the top command so subcommands can join it.
 * Secrets come from the environment, never the command line (ps shows it to everyone).
 */
@Command(name = "vendor-server", sortOptions = false,
        description = "The vendor's marketplace server: license authority, signed module catalog and client cabinet.",
        footer = {"", "Environment: VENDOR_JDBC_PASSWORD, VENDOR_SMTP_PASSWORD, VENDOR_TLS_KEYSTORE_PASSWORD,",
                "VENDOR_ADMIN_TOKEN (opens /cabinet/outbox and the admin paths).", "",
                "Other commands of the same jar:",
                "  admin ...    administer a running server over its admin API (docs/vendor-admin.md; admin --help)",
                "  catalog ...  sign a catalog for static hosting (docs/protocol.md §8.5; catalog --help)"})
public final class Main implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print these options and exit")
    boolean help;

    @Option(names = "--port", paramLabel = "N", description = "port to listen on, 0 for any free one (default ${DEFAULT-VALUE})")
    int port = 8090;
    @Option(names = "--bind", paramLabel = "ADDRESS", description = "address to listen on (default ${DEFAULT-VALUE})")
    String bind = "0.0.0.0";
    @Option(names = "--data", paramLabel = "DIR",
            description = "data folder: database, vendor keys, catalog, module files (default ${DEFAULT-VALUE})")
    Path data = Path.of("vendor-data");
    @Option(names = "--public-url", paramLabel = "URL", description = "the URL clients reach the server at, when behind a proxy")
    String publicUrl;
    @Option(names = "--demo", description = "seed an empty data folder with the demo vendor (products, catalog, coupons)")
    boolean demo;
    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "another database, e.g. jdbc:postgresql://host/vendor (password in VENDOR_JDBC_PASSWORD)")
    String jdbcUrl;
    @Option(names = "--jdbc-user", paramLabel = "USER", description = "database user")
    String jdbcUser;
    @Option(names = "--smtp-host", paramLabel = "HOST", description = "SMTP server for the license letters (none: mail off)")
    String smtpHost;
    @Option(names = "--smtp-port", paramLabel = "N", description = "SMTP port (default by security: 25, 587, 465)")
    int smtpPort;
    @Option(names = "--smtp-security", paramLabel = "S", description = "NONE, STARTTLS or SMTPS (default ${DEFAULT-VALUE})")
    SmtpSecurity smtpSecurity = SmtpSecurity.STARTTLS;
    @Option(names = "--smtp-user", paramLabel = "USER", description = "SMTP login (password in VENDOR_SMTP_PASSWORD)")
    String smtpUser;
    @Option(names = "--mail-from", paramLabel = "ADDRESS",
            description = "sender of the letters, e.g. \"Licensing <licenses@vendor.example>\"")
    String mailFrom;
    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "serve HTTPS with this PKCS#12 keystore (password in VENDOR_TLS_KEYSTORE_PASSWORD)")
    Path tlsKeystore;
    @Option(names = "--trusted-proxy", paramLabel = "IP|CIDR",
            description = "a proxy whose X-Forwarded-For names the client (repeatable); from others the header is ignored")
    List<String> trustedProxies = new ArrayList<>();
    @Option(names = "--max-threads", paramLabel = "N", description = "most worker threads (default ${DEFAULT-VALUE})")
    int maxThreads = 64;
    @Option(names = "--max-queued", paramLabel = "N", description = "most requests waiting for a worker (default ${DEFAULT-VALUE})")
    int maxQueued = 512;
    @Option(names = "--idle-timeout", paramLabel = "SECONDS", description = "close idle connections after (default ${DEFAULT-VALUE})")
    int idleSeconds = 30;
    @Option(names = "--header-timeout", paramLabel = "SECONDS",
            description = "deadline for a request's line and headers (default ${DEFAULT-VALUE})")
    int headerSeconds = 10;
    @Option(names = "--body-timeout", paramLabel = "SECONDS",
            description = "deadline for a request's whole body, counted from its headers (default ${DEFAULT-VALUE})")
    int bodySeconds = 15;

    public static void main(String[] args) {
        Integer tool = runTool(args);
        if (tool != null) {
            System.exit(tool);
        }
        // Jetty logs through slf4j-simple in the standalone jar: its warnings, not its start-up chatter.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        int code = commandLine().execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * The jar's other tools, {@code admin ...} and {@code catalog ...}: they keep their own exit codes
     * and error handling, so they are dispatched rather than nested. Null when args name neither.
     */
    static Integer runTool(String[] args) {
        if (args.length == 0 || !(args[0].equals("admin") || args[0].equals("catalog"))) {
            return null;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return args[0].equals("admin") ? AdminTool.execute(rest, System.out, System.err, System.getenv())
                : CatalogTool.run(rest, System.out, System.err, Clock.systemUTC());
    }

    /** The command line with its subcommands; usage errors exit 2 with picocli's message. */
    static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public Integer call() throws InterruptedException {
        VendorServer server = VendorServer.start(settings().build());
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM and Ctrl+C run shutdown hooks: close the database cleanly before the JVM exits.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            System.out.println("Vendor server stopped");
            stopped.countDown();
        }, "vendor-shutdown"));
        System.out.println("Vendor server ready at " + server.baseUrl() + " (data folder " + server.dataDirectory()
                + ", cabinet " + server.baseUrl() + "/cabinet/)");
        stopped.await();
        return 0;
    }

    /** The settings the options describe; a value the settings refuse is a usage error. */
    VendorServerSettings.Builder settings() {
        if (port < 0 || port > 65535 || smtpPort < 0 || smtpPort > 65535) {
            throw new ParameterException(spec.commandLine(), "--port and --smtp-port need a number from 0 to 65535");
        }
        if (idleSeconds < 1 || headerSeconds < 1 || bodySeconds < 1) {
            throw new ParameterException(spec.commandLine(), "timeouts need at least 1 second");
        }
        try {
            VendorServerSettings.Builder builder = VendorServerSettings.builder(data)
                    .bindAddress(bind).port(port).publicUrl(publicUrl).demoData(demo)
                    .smtp(smtpHost, smtpPort, smtpSecurity).smtpAuth(smtpUser, System.getenv("VENDOR_SMTP_PASSWORD"))
                    .mailFrom(mailFrom).adminToken(System.getenv("VENDOR_ADMIN_TOKEN"))
                    .trustedProxies(trustedProxies).threads(maxThreads, maxQueued)
                    .idleTimeout(Duration.ofSeconds(idleSeconds)).headerTimeout(Duration.ofSeconds(headerSeconds))
                    .bodyTimeout(Duration.ofSeconds(bodySeconds));
            if (tlsKeystore != null) {
                String password = System.getenv("VENDOR_TLS_KEYSTORE_PASSWORD");
                if (password == null) {
                    throw new IllegalArgumentException("--tls-keystore needs the keystore's password in the"
                            + " VENDOR_TLS_KEYSTORE_PASSWORD environment variable");
                }
                builder.tls(tlsKeystore, password);
            }
            if (jdbcUrl != null) {
                builder.jdbc(jdbcUrl, jdbcUser, System.getenv("VENDOR_JDBC_PASSWORD"));
            }
            // Built here so a refused combination (e.g. --smtp-host without --mail-from) is a usage error.
            builder.build();
            return builder;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
