package org.pbx.marketplace.server.internal.standalone;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.pbx.marketplace.server.VendorServer;
import org.pbx.marketplace.server.VendorServerSettings;

/** java -jar marketplace.server-VERSION-standalone.jar [--port N] [--data DIR] [--public-url URL] ... */
public final class Main {
    private static final String USAGE = String.join("\n",
            "Usage: java -jar marketplace.server-<version>-standalone.jar [options]",
            "  --port N            port to listen on (default 8090)",
            "  --bind ADDRESS      address to listen on (default 0.0.0.0)",
            "  --data DIR          data folder: database, vendor keys, catalog, module files (default ./vendor-data)",
            "  --public-url URL    the URL clients reach the server at, when behind a proxy",
            "  --jdbc-url URL      PostgreSQL instead of the H2 file in the data folder, e.g. jdbc:postgresql://host/vendor",
            "                      (user from --jdbc-user, password from the VENDOR_JDBC_PASSWORD environment variable;",
            "                      several servers on one database serve one vendor)",
            "  --jdbc-user USER",
            "  --smtp-host HOST     SMTP server for the license letters (none: mail off)",
            "  --smtp-port N        SMTP port (default by security: 25, 587, 465)",
            "  --smtp-security S    NONE, STARTTLS or SMTPS (default STARTTLS)",
            "  --smtp-user USER     SMTP login; password from the VENDOR_SMTP_PASSWORD environment variable",
            "  --mail-from ADDRESS  sender of the letters, e.g. \"Licensing <licenses@vendor.example>\"",
            "                       (the /cabinet/outbox page opens with the token in VENDOR_ADMIN_TOKEN)");

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        VendorServerSettings settings;
        try {
            settings = parse(args).build();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        VendorServer server = VendorServer.start(settings);
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
    }

    static VendorServerSettings.Builder parse(String[] args) {
        String data = "vendor-data";
        String bind = "0.0.0.0";
        int port = 8090;
        String publicUrl = null;
        String jdbcUrl = null;
        String jdbcUser = null;
        String smtpHost = null;
        int smtpPort = 0;
        VendorServerSettings.SmtpSecurity security = VendorServerSettings.SmtpSecurity.STARTTLS;
        String smtpUser = null;
        String mailFrom = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                System.out.println(USAGE);
                System.exit(0);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> port = parsePort(value);
                case "--bind" -> bind = value;
                case "--data" -> data = value;
                case "--public-url" -> publicUrl = value;
                case "--jdbc-url" -> jdbcUrl = value;
                case "--jdbc-user" -> jdbcUser = value;
                case "--smtp-host" -> smtpHost = value;
                case "--smtp-port" -> smtpPort = parsePort(value);
                case "--smtp-security" -> security = parseSecurity(value);
                case "--smtp-user" -> smtpUser = value;
                case "--mail-from" -> mailFrom = value;
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        VendorServerSettings.Builder builder = VendorServerSettings.builder(Path.of(data))
                .bindAddress(bind).port(port).publicUrl(publicUrl)
                // Secrets come from the environment, never the command line (visible in ps).
                .smtp(smtpHost, smtpPort, security).smtpAuth(smtpUser, System.getenv("VENDOR_SMTP_PASSWORD"))
                .mailFrom(mailFrom).adminToken(System.getenv("VENDOR_ADMIN_TOKEN"));
        if (jdbcUrl != null) {
            builder.jdbc(jdbcUrl, jdbcUser, System.getenv("VENDOR_JDBC_PASSWORD"));
        }
        return builder;
    }

    private static VendorServerSettings.SmtpSecurity parseSecurity(String value) {
        try {
            return VendorServerSettings.SmtpSecurity.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--smtp-security needs NONE, STARTTLS or SMTPS, not " + value);
        }
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Reported below like an out-of-range port.
        }
        throw new IllegalArgumentException("--port needs a number from 0 to 65535, not " + value);
    }
}
