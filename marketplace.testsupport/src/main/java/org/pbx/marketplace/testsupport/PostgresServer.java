package org.pbx.marketplace.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests and benchmarks: Debian's binaries ({@code /usr/lib/postgresql/VERSION/bin},
 * the newest version found), a fresh cluster made by initdb in a temporary folder, listening on a free
 * loopback port only, with password authentication over TCP as in production. PostgreSQL refuses to run
 * as root, so under root every PostgreSQL command runs as the {@code postgres} user that Debian's package
 * creates ({@code runuser -u postgres}), on a folder handed to that user. {@link #close()} stops the server
 * and deletes the folder. Benchmarks that keep what they loaded between runs use {@link #startKept(Path)}:
 * the cluster lives in a folder of theirs, is made there once and survives {@link #close()}.
 *
 * <pre>
 * try (PostgresServer pg = PostgresServer.start()) {
 *     String url = pg.createDatabase("vendor_a");   // jdbc:postgresql://127.0.0.1:PORT/vendor_a
 *     ... DriverManager.getConnection(url, pg.user(), pg.password()) ...
 * }
 * </pre>
 */
public final class PostgresServer implements AutoCloseable {
    /** What a missing PostgreSQL says: the test command installs it. */
    public static final String MISSING = "PostgreSQL is not installed (no /usr/lib/postgresql/<version>/bin/postgres):"
            + " run ./run-tests, which installs Debian's postgresql package, or apt-get install postgresql";
    private static final Path DEBIAN = Path.of("/usr/lib/postgresql");
    private static final String OS_USER = "postgres";
    private static final long START_SECONDS = 60;
    private static final String USER = "vendor";
    private static final String PASSWORD = "vendor-test-password";

    private final Path bin;
    private final Path folder;
    private final Path data;
    private final Path log;
    private final int port;
    private final boolean asRoot;
    private final boolean kept;
    private volatile boolean stopped;

    private PostgresServer(Path bin, Path folder, int port, boolean asRoot, boolean kept) {
        this.bin = bin;
        this.folder = folder;
        this.data = folder.resolve("data");
        this.log = folder.resolve("server.log");
        this.port = port;
        this.asRoot = asRoot;
        this.kept = kept;
    }

    /** Finds the binaries, makes a cluster and starts it; fails (with the server log) if it is not up within a minute. */
    public static PostgresServer start() {
        Path folder;
        try {
            folder = Files.createTempDirectory("pbx-postgres-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a folder for PostgreSQL", e);
        }
        // A throw-away cluster: durability buys nothing here and costs the tests time.
        return start(folder, false, " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
    }

    /**
     * Starts the cluster kept in {@code folder}, making it there first if the folder holds none; {@link #close()}
     * stops it and leaves the folder (delete it to start over). Durable as in production (fsync on), since
     * what it holds is meant to outlive a crash, and so that what a benchmark measures is what a vendor runs.
     */
    public static PostgresServer startKept(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + folder + " for PostgreSQL", e);
        }
        return start(folder.toAbsolutePath(), true, "");
    }

    private static PostgresServer start(Path folder, boolean kept, String settings) {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        PostgresServer server = new PostgresServer(bin, folder, LoopbackPorts.free(), root, kept);
        try {
            if (!kept || !Files.exists(server.data.resolve("PG_VERSION"))) {
                server.initdb();
            }
            server.pgCtl("start", "-w", "-t", Long.toString(START_SECONDS), "-l", server.log.toString(), "-o",
                    "-p " + server.port + " -c listen_addresses=127.0.0.1 -k " + folder.resolve("socket")
                            + settings + " -c max_connections=300");
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-stop"));
            return server;
        } catch (RuntimeException e) {
            String serverLog = server.logText();
            server.close();
            throw new IllegalStateException(e.getMessage() + "\n--- PostgreSQL log ---\n" + serverLog, e);
        }
    }

    /** The newest Debian PostgreSQL installed, or a failure that says how to install it. */
    static Path binaries() {
        if (!Files.isDirectory(DEBIAN)) {
            throw new IllegalStateException(MISSING);
        }
        try (Stream<Path> versions = Files.list(DEBIAN)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("postgres")) && Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> version(b.getParent().getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException(MISSING));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Integer version(String name) {
        try {
            return Integer.parseInt(name.replaceAll("[^0-9].*$", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void initdb() {
        try {
            Files.createDirectories(folder.resolve("socket"));
            Path pwfile = folder.resolve("pwfile");
            Files.writeString(pwfile, PASSWORD + "\n");
            if (asRoot) {
                run(List.of("chown", "-R", OS_USER + ":", folder.toString()), false);
            }
            runAsOwner(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--pwfile=" + pwfile,
                    "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync",
                    "--no-instructions");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + folder, e);
        }
    }

    private void pgCtl(String... args) {
        List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString()));
        command.addAll(List.of(args));
        runAsOwner(command.toArray(String[]::new));
    }

    private void runAsOwner(String... command) {
        List<String> full = new ArrayList<>();
        if (asRoot) {
            full.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        full.addAll(List.of(command));
        run(full, true);
    }

    /** Runs a command to its end (bounded), failing with its output when it fails. */
    private void run(List<String> command, boolean inFolder) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (inFolder) {
                builder.directory(folder.toFile());
            }
            builder.environment().put("LC_ALL", "C");
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(START_SECONDS + 30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("failed (exit " + process.exitValue() + "): " + String.join(" ", command)
                        + "\n" + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    private String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log written)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    public int port() {
        return port;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** The JDBC URL of a database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates an empty database owned by {@link #user()} and returns its JDBC URL. */
    public String createDatabase(String name) {
        return database(name, true);
    }

    /** The JDBC URL of database {@code name}, created empty first if this server has none of that name (a kept cluster's). */
    public String ensureDatabase(String name) {
        return database(name, false);
    }

    private String database(String name, boolean mustBeNew) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("database names here are lower-case letters, digits and _: " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
             Statement s = c.createStatement()) {
            if (!mustBeNew) {
                try (var exists = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                    if (exists.next()) {
                        return jdbcUrl(name);
                    }
                }
            }
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on port " + port, e);
        }
        return jdbcUrl(name);
    }

    /** Stops the server (fast shutdown) and deletes its folder (a kept one stays); safe to call twice. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                pgCtl("stop", "-m", "fast", "-w", "-t", "30");
            }
        } catch (RuntimeException e) {
            System.err.println("PostgreSQL in " + folder + " did not stop cleanly: " + e.getMessage());
        } finally {
            if (!kept) {
                delete(folder);
            }
        }
    }

    private static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }
}
