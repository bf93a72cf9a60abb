package org.pbx.marketplace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.server.internal.crypto.TrustRoots;
import org.pbx.marketplace.server.internal.crypto.VendorKeys;
import org.pbx.marketplace.server.internal.standalone.CatalogTool;

/** The vendor's CatalogTool on the real sample jars (docs/protocol.md §4.3), checked with the plain JDK. */
class CatalogToolTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;
    Path keys;
    Path modules;
    Path out;
    Map<String, String> published;
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void vendorFolder() throws Exception {
        keys = dir.resolve("keys");
        published = TrustRoots.loadOrCreate(keys, VendorKeys.loadOrCreate(keys), java.time.Clock.systemUTC()).published();
        modules = Files.createDirectories(dir.resolve("modules"));
        out = dir.resolve("out");
        for (String jar : new String[] {"org.pbx.demo.callback-1.0.0.jar", "org.pbx.demo.callback-1.1.0.jar",
                "org.pbx.demo.weather-1.0.0.jar", "org.pbx.demo.crm-2.0.0.jar"}) {
            Files.copy(sample(jar), modules.resolve(jar));
        }
    }

    /** A sample module jar as the build copied it into the server (marketplace.samples). */
    static Path sample(String name) throws Exception {
        return Path.of(CatalogToolTest.class.getResource("/demo-modules/" + name).toURI());
    }

    private ObjectNode metadata(String callback10File) {
        ObjectNode root = Harness.JSON.createObjectNode();
        ArrayNode list = root.putArray("modules");
        ObjectNode callback = module(list, "org.pbx.demo.callback");
        release(callback, "1.0.0", callback10File);
        release(callback, "1.1.0", "org.pbx.demo.callback-1.1.0.jar");
        ObjectNode crm = module(list, "org.pbx.demo.crm");
        crm.put("commercial", true).put("featureId", "crm-connector").put("productId", "crm-connector");
        release(crm, "2.0", "org.pbx.demo.crm-2.0.0.jar").withArray("requires").add("org.pbx.demo.callback");
        return root;
    }

    private static ObjectNode module(ArrayNode list, String id) {
        ObjectNode m = list.addObject().put("id", id).put("commercial", false);
        m.putObject("name").put("en", id).put("ru", id);
        m.putArray("releases");
        return m;
    }

    private static ObjectNode release(ObjectNode module, String version, String file) {
        ObjectNode r = module.withArray("releases").addObject().put("version", version).put("file", file)
                .put("minHostVersion", "7.0.0");
        r.putArray("requires");
        return r;
    }

    private int run(ObjectNode metadata, String... extra) throws Exception {
        Path source = dir.resolve("catalog-source.json");
        Files.writeString(source, metadata.toString());
        String[] base = {"--keys", keys.toString(), "--source", source.toString(), "--modules", modules.toString(),
                "--out", out.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CatalogTool.run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void signsTheSampleJarsVerifiablyWithTheGivenVersion() throws Exception {
        assertEquals(0, run(metadata("org.pbx.demo.callback-1.0.0.jar"), "--version", "42", "--lifetime-days", "7"),
                err());
        JwsVerifier jdk = new JwsVerifier(published);
        byte[] catalogBytes = Files.readAllBytes(out.resolve("catalog.jws"));
        JsonNode timestamp = jdk.verify(Files.readAllBytes(out.resolve("timestamp.jws")), "pbx-timestamp");
        JsonNode catalog = jdk.verify(catalogBytes, "pbx-catalog");
        assertEquals(42, timestamp.get("version").asLong());
        assertEquals(42, catalog.get("version").asLong());
        assertEquals(NOW.getEpochSecond(), catalog.get("iat").asLong());
        assertEquals(NOW.getEpochSecond() + 7 * 86_400, timestamp.get("exp").asLong());
        assertEquals(sha256(catalogBytes), timestamp.at("/catalog/sha256").asText());
        assertEquals(catalogBytes.length, timestamp.at("/catalog/length").asLong());

        JsonNode callback = catalog.at("/modules/0");
        for (JsonNode release : callback.get("releases")) {
            byte[] jar = Files.readAllBytes(modules.resolve("org.pbx.demo.callback-" + release.get("version").asText()
                    + ".jar"));
            assertEquals(jar.length, release.get("size").asLong());
            assertEquals(sha256(jar), release.get("sha256").asText());
            assertFalse(release.has("file"), "the vendor's file names stay private");
        }
        assertEquals("/v1/modules/org.pbx.demo.callback/1.1.0/download", callback.at("/releases/1/path").asText());
        JsonNode crm = catalog.at("/modules/1");
        assertEquals("crm-connector", crm.get("productId").asText());
        assertEquals("org.pbx.demo.callback", crm.at("/releases/0/requires/0").asText());
        assertEquals(Harness.JSON.readTree(Files.readString(out.resolve("keys.json"))),
                Harness.JSON.valueToTree(published), "keys.json is what clients pin, as GET /v1/keys");
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("version 42"));
    }

    @Test
    void refusesAJarWhoseVersionDiffersFromTheMetadata() throws Exception {
        assertEquals(1, run(metadata("org.pbx.demo.callback-1.1.0.jar"), "--version", "1"));
        assertTrue(err().contains("org.pbx.demo.callback 1.0.0 (org.pbx.demo.callback-1.1.0.jar): the jar's "
                + "Bundle-Version is 1.1.0, the metadata says 1.0.0"), err());
        assertFalse(Files.exists(out.resolve("catalog.jws")), "nothing is written when a jar is refused");
        assertFalse(Files.exists(out.resolve("timestamp.jws")));
    }

    @Test
    void refusesAJarOfAnotherBundle() throws Exception {
        assertEquals(1, run(metadata("org.pbx.demo.weather-1.0.0.jar"), "--version", "1"));
        assertTrue(err().contains("the jar's Bundle-SymbolicName is org.pbx.demo.weather, the metadata says "
                + "org.pbx.demo.callback"), err());
        assertFalse(Files.exists(out.resolve("timestamp.jws")));
    }

    @Test
    void refusesAMissingFileAndANonJar() throws Exception {
        assertEquals(1, run(metadata("no-such.jar"), "--version", "1"));
        assertTrue(err().contains("org.pbx.demo.callback 1.0.0 (file \"no-such.jar\""), err());
        Files.writeString(modules.resolve("text.jar"), "not a jar");
        assertEquals(1, run(metadata("text.jar"), "--version", "1"));
        assertTrue(err().contains("(text.jar): not a readable jar"), err());
    }

    @Test
    void versionsOnlyGrow() throws Exception {
        ObjectNode metadata = metadata("org.pbx.demo.callback-1.0.0.jar");
        assertEquals(0, run(metadata, "--version", "5"), err());
        byte[] first = Files.readAllBytes(out.resolve("timestamp.jws"));
        assertEquals(1, run(metadata, "--version", "5"));
        assertTrue(err().contains("version 5 is not above version 5"), err());
        assertEquals(1, run(metadata, "--version", "4"));
        assertEquals(new String(first, StandardCharsets.US_ASCII),
                Files.readString(out.resolve("timestamp.jws")), "a refused run leaves the published pair alone");
        assertEquals(0, run(metadata, "--version", "6"), err());
    }

    @Test
    void neverMakesAKeyUnlessAsked() throws Exception {
        keys = dir.resolve("no-keys");
        assertEquals(1, run(metadata("org.pbx.demo.callback-1.0.0.jar"), "--version", "1"));
        assertTrue(err().contains("no vendor key in " + keys), err());
        assertFalse(Files.exists(keys.resolve("vendor-ed25519.pk8")));
        assertEquals(0, run(metadata("org.pbx.demo.callback-1.0.0.jar"), "--version", "1", "--create-key"), err());
        assertTrue(Files.exists(keys.resolve("vendor-ed25519.pk8")));
    }

    @Test
    void wrongOptionsPrintTheUsage() throws Exception {
        assertEquals(2, run(metadata("org.pbx.demo.callback-1.0.0.jar"), "--version", "0"));
        assertTrue(err().contains("--version needs a whole number of at least 1, not 0"), err());
        assertTrue(err().contains("Usage:"));
        assertEquals(2, CatalogTool.run(new String[] {"--keys", "k"}, System.out,
                new PrintStream(stderr, true, StandardCharsets.UTF_8), Clock.systemUTC()));
    }

    /** The public command: `java -jar …-standalone.jar catalog --help` prints every option and exits 0. */
    @Test
    void helpPrintsTheCommandAndEveryOption() {
        assertEquals(0, CatalogTool.run(new String[] {"--help"}, new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8), Clock.systemUTC()), err());
        String usage = stdout.toString(StandardCharsets.UTF_8);
        assertTrue(usage.startsWith("Usage: java -jar marketplace.server-<version>-standalone.jar catalog"), usage);
        for (String option : new String[] {"--keys", "--source", "--modules", "--out", "--version", "--lifetime-days",
                "--create-key", "--products", "--help"}) {
            assertTrue(usage.contains("  " + option + " "), option);
        }
        assertFalse(usage.contains("internal"), usage);
    }

    /** The demo vendor's catalog, signed by the tool with the server's key, lists exactly what the server serves. */
    @Test
    void theToolAndTheServerPublishTheSameDemoCatalog() throws Exception {
        Path data = dir.resolve("server");
        JsonNode served;
        try (Harness h = Harness.start(data)) {
            served = h.verifier.verify(h.get("/v1/catalog").body(), "pbx-catalog");
        }
        String[] args = {"--keys", data.resolve("keys").toString(), "--source",
                data.resolve("catalog-source.json").toString(), "--out", out.toString(), "--version", "1"};
        assertEquals(0, CatalogTool.run(args, System.out, new PrintStream(stderr, true, StandardCharsets.UTF_8),
                Clock.systemUTC()), err());
        JsonNode tool = new JwsVerifier(published(data)).verify(Files.readAllBytes(out.resolve("catalog.jws")),
                "pbx-catalog");
        assertEquals(served.get("modules"), tool.get("modules"));
        assertEquals(served.get("advisories"), tool.get("advisories"), "the demo advisory too");
    }

    /** Advisories of the source are signed with the catalog, checked as the server checks them (Advisories). */
    @Test
    void signsTheSourcesAdvisoriesAndRefusesABadOne() throws Exception {
        ObjectNode metadata = metadata("org.pbx.demo.callback-1.0.0.jar");
        ObjectNode advisory = metadata.putArray("advisories").addObject().put("id", "SA-1").put("moduleId", "org.pbx.demo.callback")
                .put("fixedVersion", "1.1.0").put("severity", "high");
        advisory.putArray("affected").add("[1.0.0,1.1.0)");
        advisory.putObject("title").put("en", "T").put("ru", "Т");
        advisory.putObject("text").put("en", "X").put("ru", "Х");
        assertEquals(0, run(metadata, "--version", "1"), err());
        JsonNode catalog = new JwsVerifier(published).verify(Files.readAllBytes(out.resolve("catalog.jws")), "pbx-catalog");
        assertEquals("SA-1", catalog.at("/advisories/0/id").asText());
        advisory.put("moduleId", "org.pbx.demo.nothere");
        assertEquals(1, run(metadata, "--version", "2"));
        assertTrue(err().contains("advisory SA-1: moduleId \"org.pbx.demo.nothere\" is no module of the catalog"), err());
    }

    private static Map<String, String> published(Path data) {
        return TrustRoots.loadOrCreate(data.resolve("keys"), VendorKeys.loadOrCreate(data.resolve("keys")),
                java.time.Clock.systemUTC()).published();
    }

    /** The server's own check (EntryChecks): with the products given, an unknown product or feature is refused. */
    @Test
    void refusesPaidModulesWhoseProductOrFeatureTheVendorDoesNotHave() throws Exception {
        Path products = dir.resolve("products.json");
        Files.writeString(products, "{\"products\": [{\"id\": \"crm-connector\", \"features\": [{\"id\": \"crm-connector\"}]}]}");
        assertEquals(0, run(metadata("org.pbx.demo.callback-1.0.0.jar"), "--version", "1", "--products", products.toString()),
                err());
        Files.writeString(products, "{\"products\": [{\"id\": \"crm-connector\", \"features\": [{\"id\": \"other\"}]}]}");
        assertEquals(1, run(metadata("org.pbx.demo.callback-1.0.0.jar"), "--version", "2", "--products", products.toString()));
        assertTrue(err().contains("product \"crm-connector\" does not grant feature \"crm-connector\""), err());
        Files.writeString(products, "{\"products\": []}");
        assertEquals(1, run(metadata("org.pbx.demo.callback-1.0.0.jar"), "--version", "3", "--products", products.toString()));
        assertTrue(err().contains("product \"crm-connector\" does not exist"), err());
        assertEquals(1, Harness.JSON.readTree(Codec64.payload(Files.readString(out.resolve("timestamp.jws"))))
                .get("version").asLong(), "nothing written after the first");
    }

    /** The payload of a compact JWS, unverified (only for reading our own output's version). */
    static final class Codec64 {
        static byte[] payload(String jws) {
            return java.util.Base64.getUrlDecoder().decode(jws.trim().split("\\.")[1]);
        }
    }
}
