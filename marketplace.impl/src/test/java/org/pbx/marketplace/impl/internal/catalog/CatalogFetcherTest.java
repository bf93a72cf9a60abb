package org.pbx.marketplace.impl.internal.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.impl.internal.protocol.InstallationIdentity;
import org.pbx.marketplace.impl.internal.protocol.JwsVerifier;
import org.pbx.marketplace.impl.internal.protocol.VendorChannel;
import org.pbx.marketplace.impl.internal.protocol.VendorClient;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * The Update Framework's attacks on the catalog, from a local server over real HTTP: each is
 * refused with its own reason, and a good catalog is accepted.
 */
class CatalogFetcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KID = "ed25519-test";

    @TempDir
    Path data;

    private HttpServer server;
    private KeyPair vendor;
    private VendorChannel.Connection connection;
    private volatile String timestamp;
    private volatile byte[] catalog;
    private volatile boolean endless;
    private final CatalogFetcher fetcher = new CatalogFetcher(Duration.ofSeconds(5));

    @BeforeEach
    void start() throws Exception {
        vendor = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/catalog/timestamp", exchange -> {
            byte[] body = timestamp.getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().add("Content-Type", "application/jose");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/v1/catalog", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/jose");
            if (endless) {
                exchange.sendResponseHeaders(200, 0);
                try {
                    for (int i = 0; i < 10_000; i++) {
                        exchange.getResponseBody().write(new byte[1024]);
                    }
                } catch (java.io.IOException e) {
                    // The client hung up, as it should.
                }
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, catalog.length);
            exchange.getResponseBody().write(catalog);
            exchange.close();
        });
        server.start();
        VendorClient client = new VendorClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofSeconds(2), Duration.ofSeconds(5), 64 * 1024, InstallationIdentity.loadOrCreate(data), Clock.systemUTC());
        connection = new VendorChannel.Connection(client, new JwsVerifier(Map.of(KID, vendor.getPublic())));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void acceptsAMatchingPairAndSkipsAnUnchangedCatalog() throws Exception {
        publish(5, 86400, 5);
        CatalogFetcher.Fetched fetched = fetcher.fetch(connection, 4, 0, now());
        assertEquals(5, fetched.version);
        assertEquals(List.of("org.example.a"), List.copyOf(fetched.document.modules.keySet()));
        assertNull(fetcher.fetch(connection, 5, 0, now()).catalogJws, "same version: nothing downloaded");
    }

    @Test
    void refusesRollback() throws Exception {
        publish(3, 86400, 3);
        assertEquals("CATALOG_ROLLBACK", code(() -> fetcher.fetch(connection, 4, 0, now())));
    }

    @Test
    void refusesFreeze() throws Exception {
        publish(5, -60, 5);
        assertEquals("CATALOG_EXPIRED", code(() -> fetcher.fetch(connection, 4, 0, now())));
    }

    @Test
    void refusesMixAndMatch() throws Exception {
        publish(5, 86400, 5);
        byte[] other = sign("pbx-catalog", catalogClaims(6, 86400)).getBytes(StandardCharsets.US_ASCII);
        catalog = other;
        assertEquals("CATALOG_MISMATCH", code(() -> fetcher.fetch(connection, 4, 0, now())));
    }

    @Test
    void refusesACatalogOfAnotherVersionThanItsTimestamp() throws Exception {
        publish(5, 86400, 6);
        assertEquals("CATALOG_MISMATCH", code(() -> fetcher.fetch(connection, 4, 0, now())));
    }

    @Test
    void refusesEndlessData() throws Exception {
        publish(5, 86400, 5);
        endless = true;
        assertEquals("CATALOG_TOO_LARGE", code(() -> fetcher.fetch(connection, 4, 0, now())));
    }

    @Test
    void refusesTypeConfusionAndForeignSignatures() throws Exception {
        publish(5, 86400, 5);
        String stamp = timestamp;
        timestamp = new String(catalog, StandardCharsets.US_ASCII);
        assertEquals("CATALOG_UNTRUSTED", code(() -> fetcher.fetch(connection, 4, 0, now())), "a catalog served as the timestamp");
        timestamp = stamp.substring(0, stamp.lastIndexOf('.') + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[64]);
        assertEquals("CATALOG_UNTRUSTED", code(() -> fetcher.fetch(connection, 4, 0, now())), "a bad signature");
    }

    @Test
    void refusesACatalogSignedBeforeTheLastAcceptedOne() throws Exception {
        // A higher version number, but signed earlier than what the PBX already has: replayed, or a reused counter.
        publish(6, 86400, 6);
        long lastIssuedAt = now() / 1000 + 5;
        assertEquals("CATALOG_BACKDATED", code(() -> fetcher.fetch(connection, 5, lastIssuedAt, now())));
        // Dates in a reason as in every other (yyyy-MM-dd HH:mm UTC), not Instant's ISO form.
        org.pbx.marketplace.api.dto.ReasonDTO said = assertThrows(CatalogException.class,
                () -> fetcher.fetch(connection, 5, lastIssuedAt, now())).reason();
        assertTrue(said.message.get("ru").matches("Сервер предложил каталог, подписанный \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC, "
                + "раньше уже принятого; он отклонён\\."), said.message.get("ru"));
        assertTrue(said.technical.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC"), said.technical);
        assertEquals(6, fetcher.fetch(connection, 5, now() / 1000 - 60, now()).version, "signed after it: accepted");
    }

    @Test
    void refusesModuleIdsThatAreNotBundleNames() throws Exception {
        for (String id : List.of("../../../../tmp/evil", "org.x/../../y", "..", "org..x", "org.x\\..\\y", "", "a b")) {
            publish(5, 86400, 5, id, "/v1/modules/a/1.0.0/download");
            assertEquals("CATALOG_INVALID", code(() -> fetcher.fetch(connection, 4, 0, now())), id);
        }
    }

    @Test
    void refusesDownloadPathsThatLeaveTheServer() throws Exception {
        for (String path : List.of("@evil.example/x.jar", ".evil.example/x.jar", "//evil.example/x.jar",
                "/v1/../../x.jar", "/v1/%2e%2e/x.jar", "http://evil.example/x.jar", "/v1/x?u=@evil", "/v1/x#f",
                ":8443/x.jar", "x.jar", "")) {
            publish(5, 86400, 5, "org.example.a", path);
            assertEquals("CATALOG_INVALID", code(() -> fetcher.fetch(connection, 4, 0, now())), path);
        }
    }

    // ---- documents

    private void publish(long stampVersion, long lifetimeSeconds, long catalogVersion) throws Exception {
        publish(stampVersion, lifetimeSeconds, catalogVersion, "org.example.a", "/v1/modules/a/1.0.0/download");
    }

    private void publish(long stampVersion, long lifetimeSeconds, long catalogVersion, String id, String path) throws Exception {
        catalog = sign("pbx-catalog", catalogClaims(catalogVersion, lifetimeSeconds, id, path)).getBytes(StandardCharsets.US_ASCII);
        long now = now() / 1000;
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("type", "pbx-timestamp");
        claims.put("version", stampVersion);
        claims.put("iat", now - 10);
        claims.put("exp", now + lifetimeSeconds);
        claims.put("catalog", Map.of("sha256", CatalogFetcher.sha256(catalog), "length", catalog.length));
        timestamp = sign("pbx-timestamp", claims);
    }

    private static Map<String, Object> catalogClaims(long version, long lifetimeSeconds) {
        return catalogClaims(version, lifetimeSeconds, "org.example.a", "/v1/modules/a/1.0.0/download");
    }

    private static Map<String, Object> catalogClaims(long version, long lifetimeSeconds, String id, String path) {
        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("type", "pbx-catalog");
        claims.put("version", version);
        claims.put("iat", now - 10);
        claims.put("exp", now + lifetimeSeconds);
        claims.put("modules", List.of(Map.of("id", id, "name", Map.of("en", "A"), "commercial", false,
                "releases", List.of(Map.of("version", "1.0.0", "size", 10, "sha256", "0".repeat(64), "path", path)))));
        return claims;
    }

    private String sign(String type, Map<String, Object> claims) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String head = b64.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "EdDSA", "kid", KID, "typ", type)));
        String body = b64.encodeToString(JSON.writeValueAsBytes(claims));
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(vendor.getPrivate());
        signature.update((head + "." + body).getBytes(StandardCharsets.US_ASCII));
        return head + "." + body + "." + b64.encodeToString(signature.sign());
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    private interface Fetch {
        Object run() throws CatalogException;
    }

    private static String code(Fetch fetch) {
        return assertThrows(CatalogException.class, fetch::run).reason().code;
    }
}
