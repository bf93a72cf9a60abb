package org.pbx.marketplace.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo host jar running as its own JVM, as an admin starts it, with its console on a pipe. The jar
 * is {@code -Dpbx.host.jar} (default target/pbx-host.jar), its HTTP port a free loopback port.
 */
public final class HostProcess extends ConsoleProcess {

    /** How long a wait for the host may take by default. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** The host's HTTP port. */
    public final int port;

    private HostProcess(Process process, int port, Duration timeout) {
        super(process, timeout);
        this.port = port;
    }

    /** Starts the host on the data folder. */
    public static HostProcess start(Path data) throws IOException {
        return start(data, TIMEOUT);
    }

    /**
     * Starts the host with JVM options before {@code -jar}; {@code timeout} bounds each wait for its
     * output (a host started hundreds of times on a busy machine may take longer than a minute).
     */
    public static HostProcess start(Path data, Duration timeout, String... jvmOptions) throws IOException {
        int port = LoopbackPorts.free();
        Path jar = Paths.get(System.getProperty("pbx.host.jar", "target/pbx-host.jar"));
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(List.of(jvmOptions));
        if (command.stream().noneMatch(o -> o.startsWith("-Dpbx.webconsole="))) {
            // The tests read the framework's state through the Web Console, off by default in the host.
            command.add("-Dpbx.webconsole=true");
        }
        command.addAll(List.of("-Dpbx.data=" + data, "-Dorg.osgi.service.http.port=" + port,
                // Keep the console reading the pipe; closing the pipe must not stop the host.
                "-Dgosh.args=--noshutdown", "-jar", jar.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new HostProcess(process, port, timeout);
    }

    /**
     * SIGTERM, as Ctrl-C or a service manager stops the host; waits for the framework to report
     * it stopped and returns the exit code (143, the JVM's code for SIGTERM).
     */
    public int terminate() throws InterruptedException {
        return terminate("PBX host stopped");
    }
}
