package org.pbx.marketplace.bench.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's PostgreSQL 15 in a folder of its own, as the unprivileged user postgres (it refuses
 * root), on a free loopback port. The cluster folder is kept between runs, so a fleet registered
 * once is registered for good; {@link #fresh} wipes it. To be replaced by marketplace.testsupport's
 * PostgresServer once merged (see {@link PostgresDatabase}).
 */
final class DebianPostgres implements PostgresDatabase {
    static final Path BIN = Path.of(System.getProperty("bench.fleet.pgBin", "/usr/lib/postgresql/15/bin"));
    private static final String USER = "vendor";
    private static final String DATABASE = "vendor";

    private final Path home;
    private final int port;

    private final Thread hook;

    private DebianPostgres(Path home, int port) {
        this.home = home;
        this.port = port;
        // A bench stopped with Ctrl+C leaves no PostgreSQL behind.
        this.hook = new Thread(() -> {
            try {
                stop();
            } catch (IOException | InterruptedException e) {
                System.err.println("PostgreSQL in " + home + " may still run: " + e.getMessage());
            }
        }, "fleet-pg-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    static boolean installed() {
        return Files.isExecutable(BIN.resolve("pg_ctl")) && Files.isExecutable(BIN.resolve("initdb"));
    }

    /** Starts the cluster in {@code home} (made with initdb on first use). */
    static DebianPostgres start(Path home) throws Exception {
        Path data = home.resolve("data");
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            fresh(home);
            Files.createDirectories(home);
            if (root()) {
                run(List.of("chown", "postgres:postgres", home.toString()));
            }
            asPostgres(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=trust",
                    "-E", "UTF8", "--no-locale");
        }
        int port = ServerProcess.freePort();
        asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", home.resolve("postgres.log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -k " + home + " -c listen_addresses=127.0.0.1 -c max_connections=200",
                "start");
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "");
             Statement s = admin.createStatement();
             ResultSet exists = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            if (!exists.next()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
        }
        return new DebianPostgres(home, port);
    }

    /** Removes a cluster folder (a stopped one). */
    static void fresh(Path home) throws IOException, InterruptedException {
        if (Files.exists(home)) {
            run(List.of("rm", "-rf", home.toString()));
        }
    }

    private String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    @Override
    public ServerProcess.Jdbc jdbc() {
        return new ServerProcess.Jdbc(url(), USER, "");
    }

    @Override
    public void close() throws Exception {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running already.
        }
        stop();
    }

    private void stop() throws IOException, InterruptedException {
        asPostgres(BIN.resolve("pg_ctl").toString(), "-D", home.resolve("data").toString(), "-m", "fast", "-w", "stop");
    }

    private static void asPostgres(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (root()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        run(full);
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out.trim());
        }
    }
}
