package org.pbx.marketplace.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.jar.JarInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.testsupport.TestInstallation;

/** The signed catalog pair and module downloads (docs/protocol.md, "Catalog"). */
class CatalogTest {
    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void start() {
        h = Harness.start(dir);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private JsonNode module(JsonNode catalog, String id) {
        for (JsonNode m : catalog.get("modules")) {
            if (m.get("id").asText().equals(id)) {
                return m;
            }
        }
        throw new AssertionError("no module " + id);
    }

    @Test
    void timestampNamesTheExactCatalogBytes() throws Exception {
        Harness.Resp ts = h.get("/v1/catalog/timestamp");
        Harness.Resp cat = h.get("/v1/catalog");
        assertEquals("application/jose", ts.header("Content-Type"));
        assertEquals("application/jose", cat.header("Content-Type"));
        JsonNode timestamp = h.verifier.verify(ts.body(), "pbx-timestamp");
        JsonNode catalog = h.verifier.verify(cat.body(), "pbx-catalog");
        assertEquals(sha256(cat.body()), timestamp.at("/catalog/sha256").asText());
        assertEquals(cat.body().length, timestamp.at("/catalog/length").asInt());
        assertEquals(timestamp.get("version"), catalog.get("version"));
        assertEquals(timestamp.get("iat").asLong() + 86_400, timestamp.get("exp").asLong());

        JsonNode crm = module(catalog, "org.pbx.demo.crm");
        assertTrue(crm.get("commercial").asBoolean());
        assertEquals("crm-connector", crm.get("featureId").asText());
        assertEquals("crm-connector", crm.get("productId").asText(), "the product whose trial grants the feature");
        assertEquals("call-recording-pro", module(catalog, "org.pbx.demo.recording").get("productId").asText());
        assertEquals("Коннектор CRM", crm.at("/name/ru").asText());
        assertTrue(crm.get("demo").asBoolean());
        JsonNode release = crm.get("releases").get(0);
        assertEquals("2.0.0", release.get("version").asText());
        assertEquals("org.pbx.demo.callback", release.at("/requires/0").asText());
        assertEquals("/v1/modules/org.pbx.demo.crm/2.0.0/download", release.get("path").asText());
        JsonNode callback = module(catalog, "org.pbx.demo.callback");
        assertFalse(callback.get("commercial").asBoolean());
        assertTrue(callback.path("featureId").isMissingNode());
        assertTrue(callback.path("productId").isMissingNode());
        JsonNode weather = module(catalog, "org.pbx.demo.weather");
        assertFalse(weather.get("commercial").asBoolean());
        assertEquals("1.0.0", weather.at("/releases/0/version").asText());
        assertEquals(2, callback.get("releases").size());
        for (String field : new String[] {"version", "minHostVersion", "maxHostVersion", "size", "sha256", "path",
                "changelog", "date", "requires"}) {
            assertTrue(callback.get("releases").get(0).has(field), field);
        }
    }

    @Test
    void signaturesCoverTheBytesAndTheType() {
        byte[] catalog = h.get("/v1/catalog").body();
        byte[] flipped = catalog.clone();
        String text = new String(catalog, StandardCharsets.US_ASCII);
        int inPayload = text.indexOf('.') + 10;
        flipped[inPayload] = (byte) (flipped[inPayload] == 'A' ? 'B' : 'A');
        assertFalse(h.verifier.accepts(flipped, "pbx-catalog"), "a flipped payload byte is caught");
        assertFalse(h.verifier.accepts(catalog, "pbx-timestamp"), "a catalog never passes as a timestamp");
        assertFalse(h.verifier.accepts(h.get("/v1/catalog/timestamp").body(), "pbx-catalog"));
    }

    @Test
    void versionsOnlyGrowAcrossReSigningAndContentChanges() throws Exception {
        long first = h.verifier.verify(h.get("/v1/catalog").body(), "pbx-catalog").get("version").asLong();
        assertEquals(first, h.verifier.verify(h.get("/v1/catalog").body(), "pbx-catalog").get("version").asLong(),
                "unchanged and fresh: the same document");
        h.clock.advance(Duration.ofHours(12));
        JsonNode resigned = h.verifier.verify(h.get("/v1/catalog").body(), "pbx-catalog");
        assertTrue(resigned.get("version").asLong() > first, "re-signed at half-life with a higher version");
        assertEquals(h.clock.epochSeconds(), resigned.get("iat").asLong());

        Path source = dir.resolve("catalog-source.json");
        ObjectNode edited = (ObjectNode) Harness.JSON.readTree(Files.readString(source));
        ((ObjectNode) edited.get("modules").get(0).get("name")).put("en", "Callback widget (renamed)");
        Files.writeString(source, edited.toString());
        JsonNode changed = h.verifier.verify(h.get("/v1/catalog").body(), "pbx-catalog");
        assertTrue(changed.get("version").asLong() > resigned.get("version").asLong());
        assertEquals("Callback widget (renamed)", module(changed, "org.pbx.demo.callback").at("/name/en").asText());
        JsonNode ts = h.verifier.verify(h.get("/v1/catalog/timestamp").body(), "pbx-timestamp");
        assertEquals(changed.get("version"), ts.get("version"));
    }

    @Test
    void freeModulesDownloadForAnyoneAndMatchTheCatalog() throws Exception {
        JsonNode catalog = h.verifier.verify(h.get("/v1/catalog").body(), "pbx-catalog");
        JsonNode release = module(catalog, "org.pbx.demo.callback").get("releases").get(1);
        Harness.Resp download = h.get(release.get("path").asText());
        assertEquals(200, download.status());
        assertEquals(release.get("size").asInt(), download.body().length);
        assertEquals(release.get("sha256").asText(), sha256(download.body()));
        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(download.body()))) {
            assertEquals("org.pbx.demo.callback", jar.getManifest().getMainAttributes().getValue("Bundle-SymbolicName"));
            assertEquals("1.1.0", jar.getManifest().getMainAttributes().getValue("Bundle-Version"));
        }
    }

    @Test
    void commercialModulesDownloadOnlyWithTheFeature() throws Exception {
        TestInstallation pbx = new TestInstallation();
        String key = h.register(pbx, "dl@example.com", "Download Ltd");
        JsonNode catalog = h.verifier.verify(h.get("/v1/catalog").body(), "pbx-catalog");
        JsonNode release = module(catalog, "org.pbx.demo.recording").get("releases").get(0);
        String path = release.get("path").asText();
        Map<String, String> keyHeader = Map.of("X-Pbx-License-Key", key);
        assertEquals(403, h.getSigned(path, pbx, keyHeader).status());
        h.token(h.post("/v1/trials", pbx, Harness.body("licenseKey", key, "productId", "call-recording-pro",
                "nonce", TestInstallation.nonce())));
        Harness.Resp download = h.getSigned(path, pbx, keyHeader);
        assertEquals(200, download.status(), download.text());
        assertEquals(release.get("sha256").asText(), sha256(download.body()));
        h.clock.advance(Duration.ofDays(31));
        assertEquals(403, h.getSigned(path, pbx, keyHeader).status(), "an expired trial downloads nothing");
    }

    /**
     * A PBX that starts the trial only once the module runs (so that a failed install spends none) names the
     * trial on the download: served while that trial is still open, and the trial is not spent by the download.
     */
    @Test
    void aPaidDownloadNamingAnOpenTrialIsServedWithoutSpendingIt() throws Exception {
        TestInstallation pbx = new TestInstallation();
        String key = h.register(pbx, "trial-dl@example.com", "Trial Download Ltd");
        JsonNode catalog = h.verifier.verify(h.get("/v1/catalog").body(), "pbx-catalog");
        String path = module(catalog, "org.pbx.demo.recording").get("releases").get(0).get("path").asText();
        Map<String, String> named = Map.of("X-Pbx-License-Key", key, "X-Pbx-Trial-Product", "call-recording-pro");

        assertEquals(200, h.getSigned(path, pbx, named).status(), "the trial is open");
        assertEquals(200, h.getSigned(path, pbx, named).status(), "and still open: the download spent nothing");
        assertEquals(403, h.getSigned(path, pbx, Map.of("X-Pbx-License-Key", key, "X-Pbx-Trial-Product", "crm-connector")).status(),
                "a product that does not grant the module's feature opens nothing");
        JsonNode token = h.token(h.post("/v1/trials", pbx, Harness.body("licenseKey", key, "productId", "call-recording-pro",
                "nonce", TestInstallation.nonce())));
        assertTrue(token.toString().contains("call-recording-pro"), "the trial starts when the PBX asks, after the install");
        h.clock.advance(Duration.ofDays(31));
        assertEquals(403, h.getSigned(path, pbx, named).status(), "a trial once started is not open again");
    }

    @Test
    void vendorFilesReplaceTheDemoOnesAndTheCatalogFollows() throws Exception {
        JsonNode before = h.verifier.verify(h.get("/v1/catalog").body(), "pbx-catalog");
        byte[] replacement = "not really a jar, but the vendor's bytes".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("modules/org.pbx.demo.callback-1.0.0.jar"), replacement);
        JsonNode after = h.verifier.verify(h.get("/v1/catalog").body(), "pbx-catalog");
        assertTrue(after.get("version").asLong() > before.get("version").asLong());
        JsonNode release = module(after, "org.pbx.demo.callback").get("releases").get(0);
        assertEquals(sha256(replacement), release.get("sha256").asText());
        assertArrayEquals(replacement, h.get(release.get("path").asText()).body());
    }

    /** The demo releases are the sample bundles the build copied in (marketplace.samples), byte for byte. */
    @Test
    void demoReleasesAreTheRealSampleBundles() throws Exception {
        JsonNode catalog = h.verifier.verify(h.get("/v1/catalog").body(), "pbx-catalog");
        assertEquals(4, catalog.get("modules").size());
        int releases = 0;
        for (JsonNode module : catalog.get("modules")) {
            for (JsonNode release : module.get("releases")) {
                String id = module.get("id").asText();
                String version = release.get("version").asText();
                byte[] sample = Files.readAllBytes(Path.of(
                        CatalogTest.class.getResource("/demo-modules/" + id + "-" + version + ".jar").toURI()));
                assertEquals(sha256(sample), release.get("sha256").asText(), id);
                assertEquals(sample.length, release.get("size").asInt());
                try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(sample))) {
                    java.util.jar.Attributes main = jar.getManifest().getMainAttributes();
                    assertEquals(id, main.getValue("Bundle-SymbolicName"));
                    assertEquals(version, main.getValue("Bundle-Version"));
                    assertTrue(main.getValue("Service-Component").contains(".xml"), "a DS component: " + id);
                }
                releases++;
            }
        }
        assertEquals(5, releases, "callback 1.0.0 and 1.1.0, weather, recording, crm");
    }
}
