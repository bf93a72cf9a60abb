package org.pbx.marketplace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.testsupport.TestInstallation;

/**
 * Two vendor server processes (separate JVMs running the standalone main class) on one PostgreSQL
 * database and one data folder (the keys), requests alternated between them as a load balancer would.
 * Always on PostgreSQL, whichever database the rest of the run uses: H2 is one process's file.
 */
class TwoNodeTest {
    private static final Pattern READY = Pattern.compile("ready at (http://\\S+)");
    private static final long START_SECONDS = 90;

    /** A server in its own JVM and what it printed. */
    private static final class Node implements AutoCloseable {
        final Process process;
        final StringBuffer output = new StringBuffer();
        final URI base;

        Node(Path data, String jdbcUrl, int smtpPort) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "org.pbx.marketplace.server.internal.standalone.Main", "--port", "0", "--bind", "127.0.0.1",
                    "--data", data.toString(), "--jdbc-url", jdbcUrl, "--jdbc-user", TestDatabase.postgres().user(),
                    "--smtp-host", "127.0.0.1", "--smtp-port", Integer.toString(smtpPort), "--smtp-security", "NONE",
                    "--mail-from", "licenses@vendor.test").redirectErrorStream(true);
            builder.environment().put("VENDOR_JDBC_PASSWORD", TestDatabase.postgres().password());
            process = builder.start();
            CompletableFuture<URI> ready = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        output.append(line).append('\n');
                        Matcher m = READY.matcher(line);
                        if (m.find()) {
                            ready.complete(URI.create(m.group(1)));
                        }
                    }
                } catch (Exception e) {
                    ready.completeExceptionally(e);
                }
                ready.completeExceptionally(new IllegalStateException("the server ended before it was ready"));
            }, "node-output");
            reader.setDaemon(true);
            reader.start();
            try {
                base = ready.get(START_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
                throw new AssertionError("no ready line within " + START_SECONDS + " s; the server said:\n" + output, e);
            }
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("a node did not stop within 30 s of SIGTERM:\n" + output);
            }
        }
    }

    @TempDir
    Path data;
    GreenMail smtp;
    Node first;
    Node second;
    Harness a;
    Harness b;

    @BeforeEach
    void start() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        smtp = Harness.smtp(port);
        smtp.start();
        String url = TestDatabase.url(data);
        // The first node makes the keys in the shared folder and migrates; the second finds both done.
        first = new Node(data, url, port);
        second = new Node(data, url, port);
        a = Harness.remote(first.base);
        b = Harness.remote(second.base);
    }

    @AfterEach
    void stop() throws Exception {
        try (Node x = first; Node y = second) {
            smtp.stop();
        }
    }

    private static Harness.Resp login(Harness node, String key) {
        return node.cabinetForm("/cabinet/login", null, "key=" + URLEncoder.encode(key, StandardCharsets.UTF_8), Map.of());
    }

    @Test
    void twoNodesServeOneVendor() throws Exception {
        assertEquals(a.get("/v1/keys").text(), b.get("/v1/keys").text(), "one signing key");

        // Registered on one node, validated on the other, and back.
        TestInstallation pbx = new TestInstallation();
        String key = a.register(pbx, "owner@example.com", "Two Nodes LLC");
        assertEquals("Two Nodes LLC", b.token(b.validate(pbx, key)).at("/owner/companyName").asText());
        String nonce = TestInstallation.nonce();
        a.token(a.post("/v1/licenses/validate", pbx, Harness.body("licenseKey", key, "nonce", nonce)));
        assertEquals(2005, b.post("/v1/licenses/validate", pbx, Harness.body("licenseKey", key, "nonce", nonce))
                .errorCode(409), "a nonce answered by one node is a replay on the other");
        assertEquals("BOUND_ELSEWHERE", b.refusal(b.validate(new TestInstallation(), key)).get("reason").asText());

        // Cabinet: logged in on one node, the next pages on the other.
        Harness.Resp loggedIn = login(a, key);
        assertEquals(303, loggedIn.status(), loggedIn.text());
        String cookie = loggedIn.header("Set-Cookie").split(";")[0];
        Harness.Resp page = b.send("GET", "/cabinet/?lang=en", new byte[0], Map.of("Cookie", cookie));
        assertEquals(200, page.status());
        assertTrue(page.text().contains(key) && page.text().contains("Two Nodes LLC"), page.text());
        assertEquals(303, b.cabinetForm("/cabinet/logout", cookie, "", Map.of()).status());
        assertTrue(a.send("GET", "/cabinet/", new byte[0], Map.of("Cookie", cookie)).text().contains("name=\"key\""),
                "logged out on one node is logged out on the other");

        // Letters: registrations on both nodes, each letter sent once, by whichever node claimed it.
        List<String> addresses = new ArrayList<>(List.of("owner@example.com"));
        for (int i = 0; i < 6; i++) {
            String address = "node" + i + "@example.com";
            (i % 2 == 0 ? b : a).register(new TestInstallation(), address, "Letters " + i);
            addresses.add(address);
        }
        awaitAllSent(addresses.size());
        assertTrue(smtp.waitForIncomingEmail(10_000, addresses.size()));
        Map<String, Integer> perRecipient = new TreeMap<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            perRecipient.merge(((jakarta.mail.internet.InternetAddress) m.getAllRecipients()[0]).getAddress(), 1, Integer::sum);
        }
        Map<String, Integer> once = new TreeMap<>();
        addresses.forEach(x -> once.put(x, 1));
        assertEquals(once, perRecipient, "every letter exactly once");

        // Wrong logins counted across both nodes: 5 failures in all, then both refuse.
        for (int i = 0; i < 5; i++) {
            assertEquals(401, login(i % 2 == 0 ? a : b, "MKT-AAAAA-BBBBB-CCCCC-DDDD" + i).status());
        }
        Harness.Resp blockedA = login(a, key);
        Harness.Resp blockedB = login(b, key);
        assertEquals(429, blockedA.status(), "5 failures on two nodes block the address on the first");
        assertEquals(429, blockedB.status(), "and on the second");
        assertNotNull(blockedB.header("Retry-After"));
    }

    /** Bounded wait until the outbox in the shared database holds {@code count} sent letters and nothing else. */
    private void awaitAllSent(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Map<String, Integer> statuses = Map.of();
        while (System.nanoTime() < deadline) {
            statuses = new TreeMap<>();
            try (Connection c = java.sql.DriverManager.getConnection(TestDatabase.url(data),
                    TestDatabase.postgres().user(), TestDatabase.postgres().password());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT status, COUNT(*) FROM outbox GROUP BY status")) {
                while (rs.next()) {
                    statuses.put(rs.getString(1), rs.getInt(2));
                }
            }
            if (statuses.equals(Map.of("SENT", count))) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("the outbox did not reach " + count + " sent letters in 60 s: " + statuses
                + "\nfirst node:\n" + first.output + "\nsecond node:\n" + second.output);
    }
}
