package org.pbx.marketplace.features;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A stock Apache Karaf distribution, unpacked by the build, run as a process (bin/start, bin/stop)
 * and driven over its SSH console with OpenSSH and a key of the test's own. The only files of etc/
 * touched are the ones a Karaf operator sets anyway: ports, the Maven repository, an SSH key.
 */
final class Karaf {

    final Path home;
    final int httpPort = freePort();
    final int sshPort = freePort();
    private final Path key;
    private final StringBuilder transcript = new StringBuilder();

    /** A fresh copy of the unpacked distribution under work/karaf, so every run starts from a stock Karaf. */
    Karaf(Path distribution, Path work, String mavenRepo, Path buildRepo) throws IOException, InterruptedException {
        this.home = work.resolve("karaf");
        Files.createDirectories(work);
        copyFresh(distribution, home);
        key = work.resolve("ssh-key");
        Files.deleteIfExists(key);
        Files.deleteIfExists(work.resolve("ssh-key.pub"));
        // RSA: Karaf 4.4's SSH server has no Ed25519 verifier.
        run(List.of("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", key.toString()), Duration.ofSeconds(30));
        String publicKey = Files.readString(work.resolve("ssh-key.pub")).trim().split(" ")[1];
        Path etc = home.resolve("etc");
        append(etc.resolve("keys.properties"), "karaf=" + publicKey + ",_g_:admingroup\n"
                + "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n");
        replace(etc.resolve("org.apache.karaf.shell.cfg"), "sshPort = 8101", "sshPort = " + sshPort);
        replace(etc.resolve("org.apache.karaf.shell.cfg"), "sshHost = 0.0.0.0", "sshHost = 127.0.0.1");
        replace(etc.resolve("org.apache.karaf.management.cfg"), "rmiRegistryPort = 1099", "rmiRegistryPort = " + freePort());
        replace(etc.resolve("org.apache.karaf.management.cfg"), "rmiServerPort = 44444", "rmiServerPort = " + freePort());
        // The build's local repository (third-party bundles; Karaf downloads what is missing into it), and
        // the reactor's bundles and features file, looked up first like Karaf's own system folder.
        replace(etc.resolve("org.ops4j.pax.url.mvn.cfg"), "#org.ops4j.pax.url.mvn.localRepository=",
                "org.ops4j.pax.url.mvn.localRepository=" + mavenRepo);
        replace(etc.resolve("org.ops4j.pax.url.mvn.cfg"), "org.ops4j.pax.url.mvn.defaultRepositories=\\\n",
                "org.ops4j.pax.url.mvn.defaultRepositories=\\\n    " + buildRepo.toUri() + "@id=build@snapshots, \\\n");
        // Pax Web's own configuration, as its feature would write it, on a free port.
        Files.writeString(etc.resolve("org.ops4j.pax.web.cfg"), "org.osgi.service.http.enabled = true\n"
                + "org.osgi.service.http.port = " + httpPort + "\n"
                + "org.osgi.service.http.secure.enabled = false\n"
                + "javax.servlet.context.tempdir = ${karaf.data}/pax-web/tmp\n");
    }

    void start() throws IOException, InterruptedException {
        run(List.of(home.resolve("bin/start").toString()), Duration.ofSeconds(60));
        awaitConsole(Duration.ofSeconds(180));
    }

    /** bin/stop, then waits for Karaf's JVM (karaf.pid) to end, so a start after it never meets the old one. */
    void stop() throws IOException, InterruptedException {
        Path pidFile = home.resolve("karaf.pid");
        ProcessHandle jvm = Files.exists(pidFile)
                ? ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).orElse(null) : null;
        run(List.of(home.resolve("bin/stop").toString()), Duration.ofSeconds(60));
        if (jvm != null) {
            try {
                jvm.onExit().get(120, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new AssertionError("Karaf (pid " + jvm.pid() + ") did not stop within 120 s", e);
            }
        }
    }

    /** Whether Karaf's process is still running (bin/status answers 0). */
    boolean isUp() throws IOException, InterruptedException {
        return exit(List.of(home.resolve("bin/status").toString()), Duration.ofSeconds(30)) == 0;
    }

    /** Runs one console command; fails on a non-zero exit or an error line. Recorded in the transcript. */
    String console(String command) throws IOException, InterruptedException {
        String out = run(ssh(command), Duration.ofSeconds(300));
        transcript.append("karaf@root()> ").append(command).append('\n').append(out.stripTrailing()).append('\n');
        if (out.contains("Error executing command") || out.contains("Command not found")) {
            throw new AssertionError(command + " failed:\n" + out);
        }
        return out;
    }

    /** Repeats a console command until its output passes, within the time given; fails with the last output. */
    String awaitConsole(String command, Predicate<String> done, Duration within) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(within);
        String out = "";
        while (Instant.now().isBefore(deadline)) {
            out = run(ssh(command), Duration.ofSeconds(60));
            if (done.test(out)) {
                return out;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new AssertionError("within " + within.toSeconds() + " s, \"" + command + "\" never gave what was waited for; last:\n" + out);
    }

    String transcript() {
        return transcript.toString();
    }

    String log() throws IOException {
        Path log = home.resolve("data/log/karaf.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private void awaitConsole(Duration within) throws IOException, InterruptedException {
        awaitConsole("bundle:list -t 0 | grep -c Active", out -> out.trim().matches("\\d+"), within);
    }

    private List<String> ssh(String command) {
        return List.of("ssh", "-q", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "-i", key.toString(), "-p", String.valueOf(sshPort),
                "karaf@127.0.0.1", command);
    }

    private String run(List<String> command, Duration within) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(within.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + within.toSeconds() + " s");
        }
        String text = new String(out, StandardCharsets.UTF_8).replaceAll("\u001B\\[[0-9;]*m", "")
                .replace("Connection to 127.0.0.1 closed by remote host.", "");
        if (process.exitValue() != 0 && !command.get(0).equals("ssh")) {
            throw new AssertionError(command + " exited " + process.exitValue() + ":\n" + text);
        }
        return text;
    }

    private int exit(List<String> command, Duration within) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        process.getInputStream().readAllBytes();
        if (!process.waitFor(within.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + within.toSeconds() + " s");
        }
        return process.exitValue();
    }

    private static void copyFresh(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (Stream<Path> old = Files.walk(to)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        if (!text.contains(from)) {
            throw new AssertionError(file + " has no line \"" + from + "\"");
        }
        Files.writeString(file, text.replace(from, to));
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, Files.readString(file) + text);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(String text) {
        return new ArrayList<>(text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    }
}
