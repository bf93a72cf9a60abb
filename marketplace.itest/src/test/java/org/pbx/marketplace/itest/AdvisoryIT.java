package org.pbx.marketplace.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.api.InstalledAdvisories;
import org.pbx.marketplace.api.ModuleCatalog;
import org.pbx.marketplace.api.dto.AdvisoryDTO;
import org.pbx.marketplace.api.dto.CatalogDTO;
import org.pbx.marketplace.api.dto.OperationDTO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Security advisories of the signed catalog on the real runtime (issue 22 items 1, 2): an advisory for
 * an installed version on the page's API, in marketplace:modules, in the health check and on the
 * InstalledAdvisories service; dismissed (CSRF-protected) and still so after a restart of the bundle;
 * the automatic policy installing the fix and not the feature release; a tampered catalog's
 * advisories ignored like the rest of it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class AdvisoryIT extends MarketplaceTestSupport {

    private static final String CALLBACK = "org.pbx.demo.callback";
    private static final String WEATHER = "org.pbx.demo.weather";
    private static final String DEMO_ADVISORY = "PBXSA-DEMO-001";
    private static final String FIXME = "com.example.fixme";
    private static final String HEALTH = "/system/health.json?tags=advisories&forceInstantExecution=true";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ConfigurationAdmin configAdmin;

    @Inject
    CommandProcessor processor;

    private byte[] catalogSource;

    @Before
    public void keepTheSource() throws Exception {
        catalogSource = Files.readAllBytes(vendorData().resolve("catalog-source.json"));
    }

    @After
    public void putTheSourceBack() throws Exception {
        Files.write(vendorData().resolve("catalog-source.json"), catalogSource);
    }

    @Test
    public void anAdvisoryForAnInstalledVersionShowsOnPageShellHealthAndService() throws Exception {
        ModuleCatalog catalog = awaitService(ModuleCatalog.class, null);
        assertTrue("nothing installed, nothing covered", catalog.catalog(null).advisories.isEmpty());
        assertEquals("SUCCEEDED", awaitDone(catalog, catalog.install(CALLBACK, "1.0.0")).state);

        // The page's data: the banner's list and the module's own.
        JsonNode page = JSON.readTree(get("/api/marketplace/v1/modules").body());
        assertEquals(DEMO_ADVISORY, page.get("advisories").get(0).get("id").asText());
        assertEquals("high", page.get("advisories").get(0).get("severity").asText());
        assertEquals("1.1.0", page.get("advisories").get(0).get("fixedVersion").asText());
        assertTrue(page.get("advisories").get(0).get("fixAvailable").asBoolean());
        JsonNode module = moduleOf(page, CALLBACK);
        assertEquals(DEMO_ADVISORY, module.get("advisories").get(0).get("id").asText());
        assertEquals(0, moduleOf(page, WEATHER).get("advisories").size());
        assertTrue("the page has the banner's place", get("/marketplace/").body().contains("id=\"advisories\""));

        String shell = shell("marketplace:modules");
        Files.writeString(Paths.get("target", "advisory-shell-output.txt"), shell);
        assertTrue(shell, shell.contains("advisory " + DEMO_ADVISORY + " (high)"));
        assertTrue(shell, shell.contains(DEMO_ADVISORY + " [HIGH] " + CALLBACK + " 1.0.0: Callback widget 1.0 accepts"));
        assertTrue(shell, shell.contains("fixed in 1.1.0: marketplace:update " + CALLBACK));

        HttpResponse<String> health = awaitHealth();
        assertEquals(health.body(), 200, health.statusCode());
        assertTrue(health.body(), java.util.regex.Pattern.compile("\"overallResult\"\\s*:\\s*\"WARN\"").matcher(health.body()).find());
        assertTrue(health.body(), health.body().contains(DEMO_ADVISORY));

        InstalledAdvisories service = awaitService(InstalledAdvisories.class,
                "(&(" + InstalledAdvisories.ADVISORY_IDS + "=" + DEMO_ADVISORY + ")(" + InstalledAdvisories.ADVISORY_MODULES
                        + "=" + CALLBACK + ")(" + InstalledAdvisories.ADVISORY_SEVERITY + "=high))");
        assertEquals(DEMO_ADVISORY, service.advisories().get(0).id);

        // Dismissed through the page's API: a cross-site request is refused, an unknown id is 404.
        String path = "/api/marketplace/v1/advisories/" + DEMO_ADVISORY + "/dismiss";
        assertEquals(403, sendRaw(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", ADMIN_AUTHORIZATION)
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode());
        assertFalse(catalog.catalog(null).advisories.get(0).dismissed);
        assertEquals(404, send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/marketplace/v1/advisories/NO-SUCH/dismiss"))
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode());
        assertEquals(204, send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).POST(HttpRequest.BodyPublishers.noBody())).statusCode());
        assertTrue(catalog.catalog(null).advisories.get(0).dismissed);

        // After a restart of the product's bundle: the advisory (from the stored, verified catalog) and the dismissal stay.
        restartImpl();
        ModuleCatalog again = awaitService(ModuleCatalog.class, null);
        await("the advisory after the restart", () -> !again.catalog(null).advisories.isEmpty());
        AdvisoryDTO kept = again.catalog(null).advisories.get(0);
        assertEquals(DEMO_ADVISORY, kept.id);
        assertTrue("the dismissal survived the restart", kept.dismissed);
        assertTrue("dismissing hides the banner, not the risk", awaitHealth().body().contains(DEMO_ADVISORY));

        // Fixed by hand: nothing covered any more, and the service says so.
        assertEquals("SUCCEEDED", awaitDone(again, again.update(CALLBACK)).state);
        awaitService(InstalledAdvisories.class, "(" + InstalledAdvisories.ADVISORY_SEVERITY + "=none)");
        assertTrue(again.catalog(null).advisories.isEmpty());
    }

    @Test
    public void theAutomaticPolicyInstallsTheFixAndNotTheFeatureRelease() throws Exception {
        ModuleCatalog catalog = awaitService(ModuleCatalog.class, null);
        addFixmeModule();
        catalog.refresh();
        assertEquals("manual", catalog.catalog(null).updatePolicy);
        assertEquals("SUCCEEDED", awaitDone(catalog, catalog.install(FIXME, "1.0.0")).state);
        HttpResponse<String> critical = awaitHealth();
        assertEquals("a critical advisory is CRITICAL: " + critical.body(), 503, critical.statusCode());
        assertEquals("the manual policy installs nothing", "1.0.0", installedBundle(FIXME).getVersion().toString());

        automaticPolicy();
        await("the automatic policy to update " + FIXME + " to its fix 1.0.1",
                () -> "1.0.1".equals(String.valueOf(installedBundle(FIXME) == null ? null : installedBundle(FIXME).getVersion())));
        ModuleCatalog reconfigured = awaitService(ModuleCatalog.class, null);
        await("the automatic update to be listed as done", () -> {
            List<OperationDTO> ops = reconfigured.catalog(null).automaticUpdates;
            return !ops.isEmpty() && "SUCCEEDED".equals(ops.get(0).state);
        });
        CatalogDTO after = reconfigured.catalog(null);
        assertEquals("automatic", after.updatePolicy);
        OperationDTO automatic = after.automaticUpdates.get(0);
        assertEquals(FIXME, automatic.moduleId);
        assertEquals("UPDATE", automatic.kind);
        assertEquals("the fix, not the feature release 1.1.0", "1.0.1", automatic.version);
        assertTrue(after.advisories.isEmpty());
        assertTrue("1.1.0 is still offered by hand", after.modules.stream().filter(m -> m.id.equals(FIXME)).findFirst().get().updateAvailable);

        restartImpl();
        ModuleCatalog restarted = awaitService(ModuleCatalog.class, null);
        await("the catalog after the restart", () -> restarted.catalog(null).version > 0);
        assertEquals("the policy survived the restart", "automatic", restarted.catalog(null).updatePolicy);
        assertEquals("and never takes the feature release", "1.0.1", installedBundle(FIXME).getVersion().toString());
    }

    @Test
    public void anAdvisoryInACatalogWhoseSignatureFailsIsIgnored() throws Exception {
        TamperingProxy proxy = new TamperingProxy(baseUrl() + "/vendor");
        try {
            configureLicense(proxy.url());
            ModuleCatalog catalog = awaitService(ModuleCatalog.class, null);
            await("the catalog through the proxy", () -> {
                try {
                    return catalog.refresh().version > 0;
                } catch (CatalogException e) {
                    return false;
                }
            });
            assertEquals("SUCCEEDED", awaitDone(catalog, catalog.install(WEATHER, "1.0.0")).state);
            long good = catalog.catalog(null).version;
            // The vendor signs a new catalog; on the way the network adds an advisory on weather to it.
            addAdvisory(WEATHER, "SA-REAL", "low");
            // Both documents re-signed by a key that is not the vendor's, the timestamp naming the forged catalog exactly.
            Forger forger = new Forger();
            proxy.rewrite = (path, body) -> path.endsWith("/v1/catalog") ? forger.catalog(body, WEATHER)
                    : path.endsWith("/v1/catalog/timestamp") ? forger.timestamp(body, get("/vendor/v1/catalog").body(), WEATHER) : body;
            CatalogException refused = null;
            try {
                catalog.refresh();
            } catch (CatalogException e) {
                refused = e;
            }
            assertEquals("refused for its signature: " + (refused == null ? "accepted" : refused.reason().technical),
                    "CATALOG_UNTRUSTED", refused == null ? null : refused.reason().code);
            CatalogDTO kept = catalog.catalog(null);
            assertEquals("the last good catalog stays", good, kept.version);
            assertTrue("no advisory of the tampered catalog", kept.advisories.isEmpty());
            ServiceReference<InstalledAdvisories> ref = context.getServiceReference(InstalledAdvisories.class);
            assertEquals(0, ((String[]) ref.getProperty(InstalledAdvisories.ADVISORY_IDS)).length);

            // The same catalog untouched: its real advisory shows, so the check above could have failed.
            proxy.rewrite = (path, body) -> body;
            assertEquals("SA-REAL", catalog.refresh().advisories.get(0).id);
            awaitService(InstalledAdvisories.class, "(" + InstalledAdvisories.ADVISORY_IDS + "=SA-REAL)");
        } finally {
            proxy.close();
        }
    }

    // ---- helpers

    private Path vendorData() {
        return Paths.get(context.getProperty("pbx.data"), "vendor-server");
    }

    private static JsonNode moduleOf(JsonNode catalog, String id) {
        for (JsonNode m : catalog.get("modules")) {
            if (m.get("id").asText().equals(id)) {
                return m;
            }
        }
        throw new AssertionError("no module " + id + " in " + catalog);
    }

    private String shell(String command) throws Exception {
        try (GogoSession shell = new GogoSession(processor, "en")) {
            GogoSession.Output output = shell.run(command);
            assertEquals(output.toString(), "", output.err);
            return output.out;
        }
    }

    private HttpResponse<String> awaitHealth() {
        await("the health check servlet at /system/health", () -> get(HEALTH).statusCode() != 404);
        return get(HEALTH);
    }

    private OperationDTO awaitDone(ModuleCatalog catalog, OperationDTO started) {
        await("operation " + started.kind + " " + started.moduleId + " to finish",
                () -> !"RUNNING".equals(catalog.operation(started.id).state));
        return catalog.operation(started.id);
    }

    /** Stops and starts marketplace.impl, as a restart of the PBX does to it: only what it stored is left. */
    private void restartImpl() throws Exception {
        Bundle impl = installedBundle("marketplace.impl");
        impl.stop();
        impl.start();
        await("the catalog service after the restart", () -> context.getServiceReference(ModuleCatalog.class) != null
                && context.getServiceReference(InstalledAdvisories.class) != null);
    }

    private void automaticPolicy() throws Exception {
        Configuration configuration = configAdmin.getConfiguration("org.pbx.marketplace.catalog", "?");
        Dictionary<String, Object> props = configuration.getProperties() == null ? new Hashtable<>() : configuration.getProperties();
        props.put("updatePolicy", "automatic");
        props.put("updateWindow", "00:00-24:00");
        configuration.update(props);
    }

    private void configureLicense(String url) throws Exception {
        Configuration configuration = configAdmin.getConfiguration("org.pbx.marketplace.license", "?");
        Dictionary<String, Object> props = configuration.getProperties() == null ? new Hashtable<>() : configuration.getProperties();
        props.put("serverUrl", url);
        configuration.update(props);
    }

    /** com.example.fixme 1.0.0 (under a critical advisory), 1.0.1 (its fix) and 1.1.0 (a feature release) in the vendor's source. */
    private void addFixmeModule() throws Exception {
        Path source = vendorData().resolve("catalog-source.json");
        ObjectNode root = (ObjectNode) JSON.readTree(source.toFile());
        ObjectNode module = ((ArrayNode) root.get("modules")).addObject();
        module.put("id", FIXME).put("vendor", "Test").put("category", "test").put("commercial", false);
        module.putObject("name").put("en", "Fix me").put("ru", "Исправь меня");
        module.putObject("description").put("en", "-").put("ru", "-");
        ArrayNode releases = module.putArray("releases");
        for (String version : List.of("1.0.0", "1.0.1", "1.1.0")) {
            String file = FIXME + "-" + version + ".jar";
            Files.write(vendorData().resolve("modules").resolve(file), jar(FIXME, version));
            ObjectNode release = releases.addObject();
            release.put("version", version).put("minHostVersion", "7.0.0").put("file", file).put("date", "2026-01-01");
            release.putObject("changelog").put("en", "-").put("ru", "-");
            release.putArray("requires");
        }
        ArrayNode advisories = root.has("advisories") ? (ArrayNode) root.get("advisories") : root.putArray("advisories");
        advisories.add(advisory(FIXME, "SA-IT-1", "critical", "[1.0.0,1.0.1)", "1.0.1"));
        JSON.writerWithDefaultPrettyPrinter().writeValue(source.toFile(), root);
    }

    private void addAdvisory(String moduleId, String id, String severity) throws Exception {
        Path source = vendorData().resolve("catalog-source.json");
        ObjectNode root = (ObjectNode) JSON.readTree(source.toFile());
        ArrayNode advisories = root.has("advisories") ? (ArrayNode) root.get("advisories") : root.putArray("advisories");
        advisories.add(advisory(moduleId, id, severity, "[1.0.0,1.0.0]", null));
        JSON.writerWithDefaultPrettyPrinter().writeValue(source.toFile(), root);
    }

    private static ObjectNode advisory(String moduleId, String id, String severity, String range, String fixed) {
        ObjectNode advisory = JSON.createObjectNode();
        advisory.put("id", id).put("moduleId", moduleId).put("severity", severity);
        advisory.putArray("affected").add(range);
        if (fixed != null) {
            advisory.put("fixedVersion", fixed);
        }
        advisory.putObject("title").put("en", "Test advisory " + id).put("ru", "Тестовый бюллетень " + id);
        advisory.putObject("text").put("en", "Update.").put("ru", "Обновите.");
        return advisory;
    }

    /**
     * A network attacker's documents: the catalog with a forged advisory added, the timestamp naming it by
     * hash and length, both signed with the attacker's own Ed25519 key under the vendor's header (kid).
     */
    private static final class Forger {
        private final java.security.KeyPair key;

        Forger() throws java.security.GeneralSecurityException {
            key = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        }

        byte[] catalog(byte[] jws, String moduleId) {
            return forge(new String(jws, StandardCharsets.US_ASCII), payload -> {
                ArrayNode advisories = payload.has("advisories") ? (ArrayNode) payload.get("advisories") : payload.putArray("advisories");
                advisories.add(advisory(moduleId, "SA-FORGED", "critical", "[1.0.0,1.0.0]", null));
            });
        }

        byte[] timestamp(byte[] jws, String realCatalog, String moduleId) {
            byte[] forged = catalog(realCatalog.getBytes(StandardCharsets.US_ASCII), moduleId);
            return forge(new String(jws, StandardCharsets.US_ASCII), payload -> ((ObjectNode) payload.get("catalog"))
                    .put("sha256", sha256(forged)).put("length", forged.length));
        }

        private byte[] forge(String jws, java.util.function.Consumer<ObjectNode> change) {
            try {
                String[] parts = jws.split("\\.");
                ObjectNode payload = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
                change.accept(payload);
                String input = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(payload));
                java.security.Signature signer = java.security.Signature.getInstance("Ed25519");
                signer.initSign(key.getPrivate());
                signer.update(input.getBytes(StandardCharsets.US_ASCII));
                return (input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign())).getBytes(StandardCharsets.US_ASCII);
            } catch (java.io.IOException | java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String sha256(byte[] bytes) {
            try {
                return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static byte[] jar(String bsn, String version) throws java.io.IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", bsn);
        main.putValue("Bundle-Version", version);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            manifest.write(zip);
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write(("fix me " + version).getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
