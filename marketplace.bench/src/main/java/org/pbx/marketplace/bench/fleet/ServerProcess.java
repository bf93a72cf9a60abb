package org.pbx.marketplace.bench.fleet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * One vendor server node as a vendor runs it: the standalone jar as its own process, on a free
 * loopback port, driven only by its command line (so the bench outlives changes inside the server).
 */
final class ServerProcess implements AutoCloseable {
    private static final long START_TIMEOUT_MILLIS = 90_000;

    final int port;
    final Path log;
    private final Process process;

    private final Thread hook;

    private ServerProcess(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
        // A bench stopped with Ctrl+C leaves no server behind.
        this.hook = new Thread(process::destroy, "fleet-node-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    long pid() {
        return process.pid();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Starts a node on {@code data}; with a JDBC URL on that database (the jar carries the PostgreSQL driver). */
    static ServerProcess start(ServerJar jar, Path data, Jdbc jdbc, List<String> jvm, Path logDir, String name)
            throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        command.add("-cp");
        command.add(jar.jar.toString());
        command.add(jar.mainClass);
        command.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--data", data.toString()));
        if (jar.hasDemoFlag()) {
            command.add("--demo");
        }
        if (jdbc != null) {
            command.addAll(List.of("--jdbc-url", jdbc.url(), "--jdbc-user", jdbc.user()));
        }
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (jdbc != null && jdbc.password() != null) {
            builder.environment().put("VENDOR_JDBC_PASSWORD", jdbc.password());
        }
        ServerProcess server = new ServerProcess(port, log, builder.start());
        server.awaitReady();
        return server;
    }

    /** Ready when GET /v1/keys answers 200: a bounded wait that says what it waited for. */
    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        Requests requests = new Requests("127.0.0.1:" + port);
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the vendor server exited with " + process.exitValue() + ": " + tail());
            }
            try (Wire wire = new Wire(address(), null, 2000)) {
                if (wire.exchange(requests.get("/v1/keys")).status() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        close();
        throw new IOException("the vendor server did not answer GET /v1/keys within " + START_TIMEOUT_MILLIS / 1000 + " s: " + tail());
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** CPU seconds the node has used so far (user + system, from /proc), or NaN off Linux. */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running already.
        }
        process.destroy(); // SIGTERM: the server closes its database cleanly
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Where a node gets its database: a JDBC URL, user and password. */
    record Jdbc(String url, String user, String password) {
    }

    /** The standalone jar and what this build of it offers. */
    static final class ServerJar {
        final Path jar;
        final String mainClass;
        private final boolean demoFlag;

        ServerJar(Path jar) throws IOException, InterruptedException {
            if (!Files.isRegularFile(jar)) {
                throw new IOException("no standalone server jar at " + jar + " (build marketplace.server first)");
            }
            this.jar = jar;
            try (JarFile file = new JarFile(jar.toFile())) {
                this.mainClass = file.getManifest().getMainAttributes().getValue("Main-Class");
                if (file.getEntry("org/postgresql/Driver.class") == null) {
                    throw new IOException(jar + " has no PostgreSQL driver: not a standalone jar of this build");
                }
            }
            this.demoFlag = help().contains("--demo");
        }

        /** Demo data (the free module the downloads fetch) comes only with --demo; an older server seeded it always. */
        boolean hasDemoFlag() {
            return demoFlag;
        }

        private String help() throws IOException, InterruptedException {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", jar.toString(), mainClass, "--help").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return text;
        }
    }
}
