package org.pbx.marketplace.server.internal.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.server.VendorServerSettings;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The standalone command line: its options become settings, mistakes exit 2, and the README lists every option. */
class MainTest {
    @TempDir
    Path dir;

    private static VendorServerSettings parse(String... args) {
        CommandLine line = Main.commandLine();
        line.parseArgs(args);
        return line.<Main>getCommand().settings().build();
    }

    private static int run(StringWriter err, String... args) {
        CommandLine line = Main.commandLine();
        line.setErr(new PrintWriter(err));
        line.setOut(new PrintWriter(new StringWriter()));
        return line.execute(args);
    }

    @Test
    void optionsBecomeSettings() {
        VendorServerSettings s = parse("--data", dir.toString(), "--port", "0", "--bind", "127.0.0.1", "--demo",
                "--trusted-proxy", "10.0.0.0/8", "--trusted-proxy", "192.0.2.1", "--body-timeout", "7",
                "--header-timeout", "3", "--idle-timeout", "20", "--max-threads", "32", "--max-queued", "100",
                "--smtp-security", "smtps");
        assertTrue(s.demoData());
        assertEquals(List.of("10.0.0.0/8", "192.0.2.1"), s.trustedProxies());
        assertEquals(Duration.ofSeconds(7), s.bodyTimeout());
        assertEquals(Duration.ofSeconds(3), s.headerTimeout());
        assertEquals(Duration.ofSeconds(20), s.idleTimeout());
        assertEquals(32, s.maxThreads());
        assertEquals(100, s.maxQueuedRequests());
        assertEquals(VendorServerSettings.SmtpSecurity.SMTPS, s.smtpSecurity());
        VendorServerSettings defaults = parse();
        assertFalse(defaults.demoData(), "demo data only on request");
        assertEquals(8090, defaults.port());
        assertEquals("0.0.0.0", defaults.bindAddress());
        assertEquals(Path.of("vendor-data"), defaults.dataDirectory());
        assertEquals(null, defaults.tlsKeystore());
    }

    @Test
    void usageErrorsExit2WithWhatIsWrong() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "--prot", "8090"));
        assertTrue(err.toString().contains("--prot"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "--port", "eighty"));
        assertTrue(err.toString().contains("eighty"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "--port", "70000"));
        err = new StringWriter();
        assertEquals(2, run(err, "--smtp-host", "mail.example.com"), "a host without a sender");
        assertTrue(err.toString().contains("mailFrom"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "--trusted-proxy", "proxy.example.com"));
        assertTrue(err.toString().contains("proxy.example.com"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "--tls-keystore", dir.resolve("k.p12").toString()),
                "no password in the environment (the tests never set VENDOR_TLS_KEYSTORE_PASSWORD)");
        assertTrue(err.toString().contains("VENDOR_TLS_KEYSTORE_PASSWORD"), err.toString());
        assertEquals(0, run(new StringWriter(), "--help"));
    }

    @Test
    void theReadmeListsEveryOption() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("readme.doc", "../README.md")));
        for (OptionSpec option : Main.commandLine().getCommandSpec().options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            String row = "| `" + option.longestName() + (option.arity().max() > 0 ? " " + option.paramLabel() : "") + "`";
            assertTrue(readme.contains(row.replace("|CIDR", "\\|CIDR")), "README options table lacks " + row);
        }
    }

    @Test
    void theJarsOtherToolsAreDispatchedWithTheirOwnExitCodes() {
        assertEquals(null, Main.runTool(new String[] {"--port", "0"}), "serve options are not a tool");
        // Both tools answer a missing required option with their usage error, exit 2, before any I/O.
        assertEquals(2, Main.runTool(new String[] {"catalog"}));
        assertEquals(2, Main.runTool(new String[] {"admin", "coupon", "create"}));
        assertEquals(0, Main.runTool(new String[] {"admin", "--help"}));
    }
}
