package org.pbx.marketplace.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.LicenseStatus;
import org.pbx.marketplace.api.dto.LicenseDTO;
import org.pbx.marketplace.testsupport.Await;

/**
 * Every way the vendor's server can fail, one at a time, against a registered PBX with a paid
 * trial: the license goes to GRACE and keeps its products, the gated module never goes down,
 * the log gets no stack trace, and each failed attempt pushes the next check further out
 * (retryMinSeconds=1, retryMaxSeconds=8: 1, 2, 4, 8 s, each ±20 % jitter).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class VendorFaultsIT extends MarketplaceTestSupport {

    private static final String RECORDING = "org.pbx.marketplace.itest.gated.RecordingFeature";
    /** Four failures in a row reach the 8 s cap: enough to see the back-off grow. */
    private static final int ATTEMPTS = 4;
    /** Slack for the scheduler and the clock between the engine's now() and ours. */
    private static final long SLACK_MS = 250;

    @Inject
    LicenseService license;

    @Inject
    ConfigurationAdmin configAdmin;

    @Inject
    LogReaderService logReader;

    @Inject
    org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime jaxrsRuntime;

    private final List<LogEntry> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final LogListener listener = logged::add;
    private final AtomicInteger recordingWithdrawn = new AtomicInteger();
    private final ServiceListener recordingWatch = event -> {
        if (event.getType() == ServiceEvent.UNREGISTERING) {
            recordingWithdrawn.incrementAndGet();
        }
    };

    @Before
    public void registeredWithATrial() throws Exception {
        registeredWithTrial("Faults Co", "faults@example.com");
        catalogDeadline();
        useServer(vendorUrl(), false);
        assertActive("before the fault", license.refresh());
        await(RECORDING + " to be registered", () -> context.getServiceReference(RECORDING) != null);
        logReader.addLogListener(listener);
        context.addServiceListener(recordingWatch, "(" + Constants.OBJECTCLASS + "=" + RECORDING + ")");
    }

    @After
    public void stopWatching() {
        logReader.removeLogListener(listener);
        context.removeServiceListener(recordingWatch);
    }

    @Test
    public void serverSwitchedOffAnswers503() throws Exception {
        switchVendorServer(false);
        try {
            assertSurvives("the vendor server switched off (503)", vendorUrl(), () -> switchVendorServer(true));
        } finally {
            // Only if a failure left it off: a second update restarts the server, a moment of 404s.
            if (get("/vendor/v1/keys").statusCode() == 503) {
                switchVendorServer(true);
            }
        }
    }

    @Test
    public void closedPortRefusesTheConnection() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        assertSurvives("a closed port", "http://127.0.0.1:" + port);
    }

    @Test
    public void brokenAnswers() throws Exception {
        Map<String, FaultServer.Fault> faults = new java.util.LinkedHashMap<>();
        faults.put("HTTP 500", FaultServer.status(500, "application/json", "{\"error\":\"internal\"}"));
        faults.put("an HTML error page (502)", FaultServer.status(502, "text/html",
                "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>"));
        faults.put("an HTML page with 200 (captive portal)", FaultServer.status(200, "text/html",
                "<html><body>Please log in to the hotel Wi-Fi</body></html>"));
        faults.put("garbage JSON", FaultServer.status(200, "application/json", "{\"token\": [[[\u0000 nope"));
        faults.put("garbage JOSE", FaultServer.status(200, "application/jose", "not.a.jws!"));
        faults.put("a vendor error for a 500", FaultServer.status(500, "application/json",
                "{\"code\":500,\"name\":\"E_INTERNAL\",\"message\":{\"en\":\"x\",\"ru\":\"x\"}}"));
        faults.put("a body bigger than maxResponseKiB", FaultServer.endless());
        faults.put("a redirect to plain http (302)", FaultServer.redirect(302, "http://203.0.113.7/v1/licenses/validate"));
        faults.put("a redirect keeping the method (307)", FaultServer.redirect(307, "http://203.0.113.7/v1/licenses/validate"));
        faults.put("a connection closed without an answer", FaultServer.hangUp());
        for (Map.Entry<String, FaultServer.Fault> fault : faults.entrySet()) {
            try (FaultServer server = new FaultServer(fault.getValue())) {
                assertSurvives(fault.getKey(), server.url());
                assertTrue(fault.getKey() + ": the fault server was asked", server.requests.get() >= ATTEMPTS);
            }
        }
    }

    @Test
    public void answerTricklingOneBytePerSecond() throws Exception {
        // A well-formed answer that would take minutes to arrive: only the whole-answer timeout ends it.
        String body = "eyJhbGciOiJFZERTQSIsImtpZCI6ImVkMjU1MTktMCJ9." + "A".repeat(120) + ".c2ln";
        String headers = "HTTP/1.1 200 OK\r\nContent-Type: application/jose\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n";
        Map<String, Integer> cases = new java.util.LinkedHashMap<>();
        cases.put("an answer trickling one byte per second from the status line on", 0);
        cases.put("the headers at once, then the body one byte per second", headers.length());
        for (Map.Entry<String, Integer> trickle : cases.entrySet()) {
            String fault = trickle.getKey();
            try (FaultServer server = new FaultServer(FaultServer.oneBytePerSecond(headers + body, trickle.getValue()))) {
                LicenseDTO after = assertSurvives(fault, server.url());
                assertTrue(fault + ": the slow server was asked", server.requests.get() >= ATTEMPTS);
                // What failed underneath is the reason's technical detail, not in the admin's message.
                String why = after.reason.technical;
                assertTrue(fault + ": given up for time: " + why, why.contains("timed out") || why.contains("within"));
                // The PBX closes the connection at the deadline (connect 1 s + request 2 s), it
                // doesn't leave it open to a server that would trickle for minutes; the server
                // notices within two writes (2 s), plus slack for a busy machine.
                // Every request made so far, by number: the PBX's scheduled retries go on meanwhile (every
                // 8 s here, each open for its deadline), so "hung-up count == request count" raced with them.
                int asked = server.requests.get();
                Await.until(fault + ": the PBX to hang up on each of its " + asked + " slow answers", TIMEOUT,
                        () -> server.hungUpOnFirst(asked), () -> "still open: " + server.notHungUpOnFirst(asked));
                System.out.println("VendorFaultsIT " + fault + ": hung up on " + server.requestsSeen());
                assertTrue(fault + ": no connection outlived the deadline much, longest " + server.longestMillis.get() + " ms",
                        server.longestMillis.get() < 3_000 + 4_000);
            }
        }
    }

    @Test
    public void tokenSignedByAnUnknownKeyIsNotTrusted() throws Exception {
        KeyPair stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        try (TamperingProxy proxy = new TamperingProxy(vendorUrl())) {
            // The vendor's real answer to this very request (right nonce, key, installation), re-signed.
            proxy.rewrite = (path, body) -> path.contains("/licenses/validate") ? resign(body, stranger) : body;
            assertSurvives("a token signed by an unknown key", proxy.url());
        }
    }

    @Test
    public void replayedOldAnswerIsNotTrusted() throws Exception {
        try (TamperingProxy proxy = new TamperingProxy(vendorUrl())) {
            AtomicReference<byte[]> captured = new AtomicReference<>();
            proxy.rewrite = (path, body) -> {
                if (path.contains("/licenses/validate")) {
                    captured.compareAndSet(null, body);
                }
                return body;
            };
            useServer(proxy.url(), false);
            assertActive("the proxy passes a real answer through", license.refresh());
            assertTrue("an answer was captured", captured.get() != null);
            proxy.rewrite = (path, body) -> path.contains("/licenses/validate") ? captured.get() : body;
            assertSurvives("a replayed answer to an earlier request", proxy.url());
        }
    }

    @Test
    public void untrustedCertificatesAreRefused() throws Exception {
        // Neither certificate is trusted by the JVM: both fail in the handshake. (A trusted
        // certificate for another host would need a JVM-wide trust store; not done here.)
        for (String[] tls : new String[][] {{"self-signed.p12", "127.0.0.1", "a self-signed certificate"},
                                            {"other-host.p12", "localhost", "a certificate for other.example"}}) {
            try (FaultServer server = new FaultServer(tlsSocket(tls[0]), FaultServer.status(200, "application/jose", "a.b.c"))) {
                LicenseDTO after = assertSurvives(tls[2], "https://" + tls[1] + ":" + server.port());
                assertTrue(tls[2] + ": the TLS server was reached", server.connections.get() >= ATTEMPTS);
                assertEquals(tls[2] + ": no request got through the handshake", 0, server.requests.get());
                assertTrue(tls[2] + ": refused by TLS: " + after.reason.technical, after.reason.technical.contains("TLS"));
                assertFalse(tls[2] + ": no TLS internals for the admin: " + after.reason.message, after.reason.message.get("en").contains("TLS"));
            }
        }
    }

    private static javax.net.ssl.SSLServerSocket tlsSocket(String keystore) throws Exception {
        char[] password = "itest-tls".toCharArray();
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(
                java.nio.file.Paths.get(System.getProperty("marketplace.tls.dir"), keystore))) {
            store.load(in, password);
        }
        javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        return (javax.net.ssl.SSLServerSocket) tls.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    // ---- the promise, checked for one fault

    /** What brings the server back before the check that the license recovers. */
    private interface Heal {
        void run() throws Exception;
    }

    private LicenseDTO assertSurvives(String fault, String serverUrl) throws Exception {
        return assertSurvives(fault, serverUrl, () -> { });
    }

    /** Returns the license as the last failed attempt left it. */
    private LicenseDTO assertSurvives(String fault, String serverUrl, Heal heal) throws Exception {
        LicenseDTO before = license.license();
        assertEquals(fault + ": starts active", LicenseStatus.ACTIVE, before.status);
        Object recording = context.getServiceReference(RECORDING).getProperty(Constants.SERVICE_ID);
        useServer(serverUrl, true);
        logged.clear();
        recordingWithdrawn.set(0);

        List<Long> delays = new ArrayList<>();
        LicenseDTO after = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            long start = System.currentTimeMillis();
            after = license.refresh();
            long end = System.currentTimeMillis();
            assertEquals(fault + ", attempt " + attempt, LicenseStatus.GRACE, after.status);
            assertEquals(fault + ", attempt " + attempt, "SERVER_UNREACHABLE", after.reason.code);
            if (attempt == 1) {
                // One failure: the shortest delay, 1 s ± 20 %.
                assertTrue(fault + ": first retry within 1.2 s, was " + (after.nextCheckAt - end) + " ms",
                        after.nextCheckAt - end <= 1200 + SLACK_MS);
            }
            delays.add(after.nextCheckAt - start);
        }
        long last = delays.get(ATTEMPTS - 1);
        // At least four failures in a row (scheduled checks only add more): the 8 s cap, ± 20 %.
        assertTrue(fault + ": retries back off to the cap, delays " + delays, last >= 6400 - SLACK_MS);
        assertTrue(fault + ": and no further than the cap, delays " + delays, last <= 9600 + 15_000);

        assertEquals(fault + ": the key stays", before.maskedKey, after.maskedKey);
        assertEquals(fault + ": the products stay", before.products.size(), after.products.size());
        assertTrue(fault + ": the paid feature stays available", license.isFeatureAvailable("call-recording"));
        assertEquals(fault + ": the gated module never went down", 0, recordingWithdrawn.get());
        assertEquals(fault + ": the same gated service", recording,
                context.getServiceReference(RECORDING).getProperty(Constants.SERVICE_ID));
        assertQuietLog(fault);

        heal.run();
        useServer(vendorUrl(), false);
        assertActive(fault + ": back to ACTIVE once the server answers", license.refresh());
        return after;
    }

    private static void assertActive(String when, LicenseDTO license) {
        assertEquals(when + ": " + (license.reason == null ? "" : license.reason.code + " " + license.reason.message),
                LicenseStatus.ACTIVE, license.status);
    }

    /** No stack trace from the product, and no line per attempt: the engine says it once. */
    private void assertQuietLog(String fault) {
        List<String> ours = new ArrayList<>();
        for (LogEntry entry : logged) {
            // DEBUG is the framework's own service events, logged in the bundle's name.
            if (entry.getBundle() != null && entry.getBundle().getSymbolicName().startsWith("marketplace.")
                    && entry.getLogLevel() != org.osgi.service.log.LogLevel.DEBUG) {
                ours.add(entry.getLogLevel() + " " + entry.getMessage() + (entry.getException() == null ? "" : " " + entry.getException()));
                assertTrue(fault + ": a stack trace in the log: " + entry.getMessage() + " " + entry.getException(),
                        entry.getException() == null);
            }
        }
        assertTrue(fault + ": one log line for the outage, not one per attempt: " + ours, ours.size() < ATTEMPTS);
    }

    /** Points the license at the server; with short timeouts, a small size cap and a fast back-off. */
    /**
     * The catalog talks to the license's server too, and a background catalog fetch may come while a
     * fault server is configured (its retries after a failed first fetch double from 0.25 s: on a busy
     * machine, whose vendor server starts late, they reach into these tests). With the default download
     * deadline (120 s) such a fetch from the trickling server stayed open longer than the 30 s a test
     * waits for the PBX to hang up on every slow answer. Here its deadline is the license's (3 s), so the
     * promise holds for every request the PBX makes.
     */
    private void catalogDeadline() throws Exception {
        Configuration catalog = configAdmin.getConfiguration("org.pbx.marketplace.catalog", "?");
        Dictionary<String, Object> props = catalog.getProperties() == null ? new Hashtable<>() : catalog.getProperties();
        if (!Integer.valueOf(3).equals(props.get("downloadDeadlineSeconds"))) {
            Set<Long> before = resourceServices();
            props.put("downloadDeadlineSeconds", 3);
            catalog.update(props);
            // The catalog component starts again with the new settings, and the REST resources with it:
            // settled once the JAX-RS runtime serves as many resources as before, not all of them the old ones.
            await("the REST resources started again after the catalog's new settings", () -> {
                Set<Long> now = resourceServices();
                return now.size() == before.size() && !now.equals(before);
            });
        }
    }

    /** The service ids of the resources the JAX-RS runtime serves. */
    private Set<Long> resourceServices() {
        Set<Long> ids = new java.util.HashSet<>();
        for (org.osgi.service.jaxrs.runtime.dto.ApplicationDTO application : jaxrsRuntime.getRuntimeDTO().applicationDTOs) {
            if (application.resourceDTOs == null) {
                continue;
            }
            for (org.osgi.service.jaxrs.runtime.dto.ResourceDTO resource : application.resourceDTOs) {
                ids.add(resource.serviceId);
            }
        }
        return ids;
    }

    private void useServer(String url, boolean faulty) throws Exception {
        useLicenseServer(url, Map.of("retryMinSeconds", 1, "retryMaxSeconds", 8, "connectTimeoutSeconds", 1,
                "requestTimeoutSeconds", faulty ? 2 : 10, "maxResponseKiB", 64));
        if (faulty) {
            await("the license to be active at " + url, () -> license.license().status == LicenseStatus.ACTIVE);
        }
    }

    private void switchVendorServer(boolean enabled) throws Exception {
        Configuration server = configAdmin.getConfiguration("org.pbx.marketplace.server", "?");
        Dictionary<String, Object> props = server.getProperties() == null ? new Hashtable<>() : server.getProperties();
        props.put("enabled", enabled);
        server.update(props);
        await("the vendor server " + (enabled ? "on" : "off"),
                () -> get("/vendor/v1/keys").statusCode() == (enabled ? 200 : 503));
    }

    private String vendorUrl() {
        return baseUrl() + "/vendor";
    }

    /** The same JWS, signed by a key the PBX never pinned, under a kid of the right shape. */
    private static byte[] resign(byte[] jws, KeyPair stranger) {
        try {
            String[] parts = new String(jws, StandardCharsets.US_ASCII).trim().split("\\.");
            String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)
                    .replaceAll("\"kid\"\\s*:\\s*\"[^\"]*\"", "\"kid\":\"ed25519-0123456789abcdef\"");
            String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + parts[1];
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(stranger.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return (signingInput + "." + b64(signature.sign())).getBytes(StandardCharsets.US_ASCII);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
