package org.pbx.marketplace.impl.internal.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.impl.internal.protocol.InstallationIdentity;
import org.pbx.marketplace.impl.internal.protocol.VendorChannel;
import org.pbx.marketplace.impl.internal.protocol.VendorUnreachableException;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The way to the vendor over real HTTP from a local server: the engine's clock, settings' problems, no waiting on another's walk. */
class VendorLinkTest {

    @TempDir
    Path data;

    private final Fixtures vendor = new Fixtures();
    private final EngineClock clock = new EngineClock();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final CountDownLatch rootAsked = new CountDownLatch(1);
    private final CountDownLatch letGo = new CountDownLatch(1);
    private volatile boolean hangOnRoots;
    private HttpServer server;
    private VendorLink link;
    private String url;

    @BeforeEach
    void start() throws Exception {
        InstallationIdentity identity = InstallationIdentity.loadOrCreate(data);
        vendor.installation = identity.id();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/root/", exchange -> {
            rootAsked.countDown();
            if (hangOnRoots) {
                await(letGo);
            }
            answer(exchange, 404, "application/json", "{}");
        });
        server.createContext("/v1/licenses/validate", exchange -> {
            JsonNode request = LicenseStore.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
            answer(exchange, 200, "application/jose", vendor.jws(vendor.claims(request.path("licenseKey").asText(), 1,
                    System.currentTimeMillis(), request.path("nonce").asText())));
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
        link = new VendorLink(identity, data.resolve("trust-root.json"), clock, (level, message) -> logged.add(level + " " + message),
                restorer -> { });
    }

    @AfterEach
    void stop() {
        letGo.countDown();
        server.stop(0);
    }

    @Test
    void tokensAreCheckedOnTheEnginesClock() throws Exception {
        link.configure(vendor.settings(url, ""), true);
        assertEquals(Fixtures.KEY, link.protocol().validate(Fixtures.KEY).token.licenseKey);
        clock.use(Clock.offset(Clock.systemUTC(), Duration.ofDays(2))); // past the answer's exp, a day after its iat
        VendorUnreachableException expired = assertThrows(VendorUnreachableException.class, () -> link.protocol().validate(Fixtures.KEY));
        assertTrue(expired.getMessage().contains("not valid now"), expired.getMessage());
    }

    @Test
    void aStoredTokenIsRestoredOnlyIfItVerifies() {
        link.configure(vendor.settings(url, ""), true);
        String jws = vendor.jws(vendor.claims(Fixtures.KEY, 3, System.currentTimeMillis(), null));
        assertEquals(3, link.restore(jws, Fixtures.KEY).serial);
        assertNull(link.restore(jws, Fixtures.OTHER_KEY), "for another key");
        assertNull(link.restore(new Fixtures().jws(vendor.claims(Fixtures.KEY, 3, System.currentTimeMillis(), null)), Fixtures.KEY),
                "signed by a stranger");
        assertTrue(logged.stream().anyMatch(line -> line.startsWith("WARN The stored license token does not verify")), logged.toString());
        assertNull(link.restore(null, Fixtures.KEY));
    }

    @Test
    void aMistypedServerUrlOrNoRootIsSaidOnEachCall() {
        link.configure(vendor.settings("htp:/ nowhere", ""), true);
        assertEquals("SERVER_URL_INVALID", assertThrows(LicenseException.class, link::protocol).reason().code);
        assertEquals("SERVER_URL_INVALID", assertThrows(LicenseException.class, link::connection).reason().code);
        link.configure(Settings.of(Fixtures.config(url, ""), null, "no trust root is configured", url), true);
        LicenseException noRoot = assertThrows(LicenseException.class, link::protocol);
        assertEquals("NO_TRUST_ROOT", noRoot.reason().code);
        assertTrue(link.keys("license").isEmpty());
    }

    @Test
    void aCallDoesNotWaitForAnotherFollowingTheVendorsRoots() throws Exception {
        // The hanging root request would time out after 30 s; the test lets it go long before.
        link.configure(Settings.of(Fixtures.config(url, "", 30), vendor.rootDocument(), null, url), true);
        hangOnRoots = true;
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            Future<LicenseProtocol> walking = pool.submit(link::protocol);
            assertTrue(rootAsked.await(10, TimeUnit.SECONDS), "the first call asks for the next root");
            VendorChannel.Connection connection = pool.submit(link::connection).get(10, TimeUnit.SECONDS);
            assertNotNull(connection.client);
            assertEquals(1, connection.trustVersion);
            assertFalse(walking.isDone(), "the second call came back while the first still waits for the vendor's roots");
            letGo.countDown();
            assertNotNull(walking.get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Found by SellModuleIT: the server URL changed while a call followed the roots; it built on no client. */
    @Test
    void settingsChangedDuringTheWalkAreThoseTheCallUses() throws Exception {
        link.configure(Settings.of(Fixtures.config(url, "", 30), vendor.rootDocument(), null, url), true);
        hangOnRoots = true;
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            Future<LicenseProtocol> walking = pool.submit(link::protocol);
            assertTrue(rootAsked.await(10, TimeUnit.SECONDS), "the call asks for the next root");
            String other = "http://localhost:" + server.getAddress().getPort();
            link.configure(Settings.of(Fixtures.config(other, "", 30), vendor.rootDocument(), null, other), false);
            letGo.countDown();
            LicenseProtocol protocol = walking.get(30, TimeUnit.SECONDS);
            assertEquals(Fixtures.KEY, protocol.validate(Fixtures.KEY).token.licenseKey);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
