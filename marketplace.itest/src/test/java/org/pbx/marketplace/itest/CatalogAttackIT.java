package org.pbx.marketplace.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.ModuleCatalog;
import org.pbx.marketplace.api.dto.CatalogDTO;
import org.pbx.marketplace.api.dto.OperationDTO;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Attacks on module downloads, through a tampering network or a vendor serving the wrong thing
 * (jars of two faces, fragments, the host's own bundle names, path-traversing ids), a frozen
 * catalog and a tampered stored one: each is refused with its own reason, and the framework's
 * bundle list stays as it was.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class CatalogAttackIT extends MarketplaceTestSupport {

    private static final String CALLBACK = "org.pbx.demo.callback";
    private static final String WEATHER = "org.pbx.demo.weather";

    @Inject
    ConfigurationAdmin configAdmin;

    private TamperingProxy proxy;

    /** The vendor's data folder outlives each test's framework: what a test changes there is put back. */
    private byte[] catalogSource;
    private byte[] weatherJar;

    @Before
    public void throughTheProxy() throws Exception {
        await("the vendor server", () -> get("/vendor/v1/keys").statusCode() == 200);
        catalogSource = Files.readAllBytes(vendorModules().getParent().resolve("catalog-source.json"));
        weatherJar = Files.readAllBytes(vendorModules().resolve(WEATHER + "-1.0.0.jar"));
        proxy = new TamperingProxy(baseUrl() + "/vendor");
        configure("org.pbx.marketplace.license", "serverUrl", proxy.url());
    }

    @After
    public void closeProxy() throws Exception {
        proxy.close();
        Files.write(vendorModules().getParent().resolve("catalog-source.json"), catalogSource);
        Files.write(vendorModules().resolve(WEATHER + "-1.0.0.jar"), weatherJar);
    }

    @Test
    public void tamperedJarIsRefused() throws Exception {
        proxy.rewrite = (path, body) -> path.contains("/download") ? flipLastByte(body) : body;
        assertRefused(CALLBACK, "HASH_MISMATCH");
    }

    @Test
    public void longerJarIsCutAtItsSizeAndRefused() throws Exception {
        proxy.rewrite = (path, body) -> path.contains("/download") ? Arrays.copyOf(body, body.length + 100) : body;
        assertRefused(CALLBACK, "SIZE_MISMATCH");
    }

    @Test
    public void shorterJarIsRefused() throws Exception {
        proxy.rewrite = (path, body) -> path.contains("/download") ? Arrays.copyOf(body, body.length - 1) : body;
        assertRefused(CALLBACK, "SIZE_MISMATCH");
    }

    @Test
    public void jarOfAnotherBundleIsRefused() throws Exception {
        // The vendor (or someone who got into its module folder) serves callback's jar as weather's:
        // the catalog's hash then matches, only the bundle's identity gives it away.
        Path modules = vendorModules();
        Files.copy(modules.resolve(CALLBACK + "-1.1.0.jar"), modules.resolve(WEATHER + "-1.0.0.jar"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertRefused(WEATHER, "WRONG_BUNDLE");
    }

    @Test
    public void slowServerHitsTheDeadline() throws Exception {
        configure("org.pbx.marketplace.catalog", "downloadDeadlineSeconds", 2);
        proxy.slowPath = "/download";
        // The catalog component comes back with its new configuration: use that one.
        assertRefused(awaitService(ModuleCatalog.class, "(downloadDeadlineSeconds=2)"), CALLBACK, "DOWNLOAD_FAILED");
    }

    @Test
    public void moduleFailingInItsActivatorIsRolledBack() throws Exception {
        publishBroken(false);
        assertRefused("org.pbx.demo.broken", "START_FAILED");
    }

    /**
     * Issue 21: a paid module that fails to start leaves the trial of its product unspent (the message says "the PBX
     * is as before"), so the vendor still grants it afterwards. Before, the trial was started first.
     */
    @Test
    public void aPaidModuleThatFailsToStartLeavesItsTrialUnspent() throws Exception {
        LicenseService license = awaitService(LicenseService.class, null);
        license.register(registration("Trial Keep Co", "trial-keep@example.com"));
        publishBroken(true);
        List<String> asked = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        proxy.rewrite = (path, body) -> {
            asked.add(path);
            return body;
        };

        assertRefused("org.pbx.demo.broken", "START_FAILED");
        assertTrue("the paid download went through the vendor: " + asked, asked.stream().anyMatch(p -> p.contains("broken")));
        assertFalse("no trial was started for a failed install: " + asked, asked.stream().anyMatch(p -> p.startsWith("/v1/trials")));
        assertFalse(license.isFeatureAvailable("call-recording"));

        // Unspent: the vendor still grants it (a spent trial is refused with E_TRIAL_USED).
        license.startTrial("call-recording-pro");
        assertTrue("the trial, still unspent, is granted now", license.isFeatureAvailable("call-recording"));
    }

    /** The broken sample bundle (fails in its activator) as a release of the catalog, free or paid (call recording's feature). */
    private void publishBroken(boolean commercial) throws Exception {
        Path broken = Paths.get(System.getProperty("marketplace.brokenbundle"));
        Path modules = vendorModules();
        Files.copy(broken, modules.resolve("org.pbx.demo.broken-1.0.0.jar"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path source = modules.getParent().resolve("catalog-source.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(source.toFile());
        ObjectNode module = ((ArrayNode) root.get("modules")).addObject();
        module.put("id", "org.pbx.demo.broken").put("vendor", "Test").put("category", "test").put("commercial", commercial);
        if (commercial) {
            module.put("featureId", "call-recording").put("productId", "call-recording-pro");
        }
        module.putObject("name").put("en", "Broken").put("ru", "Сломанный");
        module.putObject("description").put("en", "Fails to start.").put("ru", "Не запускается.");
        ObjectNode release = module.putArray("releases").addObject();
        release.put("version", "1.0.0").put("minHostVersion", "7.0.0").put("file", "org.pbx.demo.broken-1.0.0.jar")
                .put("date", "2025-01-01");
        release.putObject("changelog").put("en", "-").put("ru", "-");
        release.putArray("requires");
        json.writerWithDefaultPrettyPrinter().writeValue(source.toFile(), root);
    }

    @Test
    public void catalogStaysVisibleAndStaleWithTheServerDown() throws Exception {
        ModuleCatalog catalog = awaitService(ModuleCatalog.class, null);
        CatalogDTO fresh = catalog.refresh();
        assertFalse(fresh.stale);
        proxy.rewrite = (path, body) -> "<html>502 Bad Gateway</html>".getBytes();
        try {
            catalog.refresh();
            fail("a refresh through a broken network must fail");
        } catch (CatalogException e) {
            assertTrue(e.reason().code, e.reason().code.startsWith("SERVER_DOWN") || e.reason().code.startsWith("CATALOG_"));
        }
        CatalogDTO stale = catalog.catalog(null);
        assertTrue("marked stale", stale.stale);
        assertEquals("STALE", stale.reason.code);
        assertEquals("still shows the last good catalog", fresh.modules.size(), stale.modules.size());
    }

    @Test
    public void jarWithTwoManifestsIsRefused() throws Exception {
        // The first local header names weather 1.0.0, as a stream reader sees it; the central directory,
        // which Felix reads, names a fragment of SCR. The catalog's hash is of these very bytes.
        Files.write(vendorModules().resolve(WEATHER + "-1.0.0.jar"),
                twoManifests(manifest(WEATHER, "1.0.0", null), manifest(WEATHER, "1.0.0", "org.apache.felix.scr")));
        assertRefused(WEATHER, "TWO_MANIFESTS");
    }

    @Test
    public void fragmentIsRefused() throws Exception {
        Files.write(vendorModules().resolve(WEATHER + "-1.0.0.jar"), jar(manifest(WEATHER, "1.0.0", "org.apache.felix.scr")));
        assertRefused(WEATHER, "FRAGMENT");
    }

    @Test
    public void bundleNamedAsTheHostsOwnIsRefused() throws Exception {
        String scr = "org.apache.felix.scr";
        Files.write(vendorModules().resolve("scr-9.0.0.jar"), jar(manifest(scr, "9.0.0", null)));
        addModule(scr, "9.0.0", "scr-9.0.0.jar");
        assertRefused(scr, "HOST_BUNDLE");
    }

    @Test
    public void catalogWithAPathTraversalIdIsRefused() throws Exception {
        ModuleCatalog catalog = awaitService(ModuleCatalog.class, null);
        long good = catalog.refresh().version;
        Files.write(vendorModules().resolve("evil-1.0.0.jar"), jar(manifest("evil", "1.0.0", null)));
        addModule("../../../../../../tmp/evil", "1.0.0", "evil-1.0.0.jar");
        CatalogException e = expectRefusal(CatalogException.class, catalog::refresh);
        assertEquals("CATALOG_INVALID", e.reason().code);
        assertTrue(e.reason().message.get("ru").contains("отклонён"));
        CatalogDTO kept = catalog.catalog(null);
        assertEquals("the last good catalog stays", good, kept.version);
        assertTrue(kept.modules.stream().noneMatch(m -> m.id.contains("evil")));
    }

    @Test
    public void installsWaitForAFreshCatalogOnceItExpired() throws Exception {
        ModuleCatalog catalog = awaitService(ModuleCatalog.class, null);
        long signedForADay = catalog.refresh().version;
        configure("org.pbx.marketplace.server", "catalogLifetimeSeconds", 6L);
        // The server re-signs once the stored catalog is half its new lifetime old.
        long[] refreshedAt = new long[1];
        await("a catalog of a 6 s lifetime", () -> {
            try {
                refreshedAt[0] = System.currentTimeMillis();
                return catalog.refresh().version > signedForADay;
            } catch (CatalogException e) {
                return false;
            }
        });
        // A frozen network: the PBX keeps the catalog it has, which then expires.
        proxy.rewrite = (path, body) -> "<html>502 Bad Gateway</html>".getBytes();
        // Signed before it was fetched, so expired 6 s after the fetch at the latest.
        await("the catalog's 6 s to pass", () -> System.currentTimeMillis() > refreshedAt[0] + 7_000);
        assertTrue(catalog.catalog(null).stale);
        List<String> before = bundleList();
        CatalogException e = expectRefusal(CatalogException.class, () -> catalog.install(CALLBACK, null));
        assertEquals("CATALOG_OUTDATED", e.reason().code);
        assertTrue(e.reason().message.get("en"), e.reason().message.get("en").contains("expired"));
        assertTrue(e.reason().message.get("ru"), e.reason().message.get("ru").contains("истёк"));
        assertEquals(before, bundleList());
    }

    @Test
    public void storedCatalogIsVerifiedAgainWhenLoaded() throws Exception {
        ModuleCatalog catalog = awaitService(ModuleCatalog.class, null);
        catalog.refresh();
        // Someone with write access to the data folder adds a module to the stored catalog; the signature stays.
        Path stored = Paths.get(installedBundle("marketplace.impl").getBundleContext()
                .getDataFile("catalog/catalog.json").getPath());
        ObjectMapper json = new ObjectMapper();
        ObjectNode entry = (ObjectNode) json.readTree(stored.toFile());
        String[] parts = entry.get("catalog").asText().split("\\.");
        ObjectNode payload = (ObjectNode) json.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
        ObjectNode planted = ((ArrayNode) payload.get("modules")).addObject();
        planted.put("id", "org.evil.planted").put("commercial", false).putArray("releases");
        planted.putObject("name").put("en", "Planted");
        entry.put("catalog", parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(json.writeValueAsBytes(payload)) + "." + parts[2]);
        json.writeValue(stored.toFile(), entry);
        proxy.rewrite = (path, body) -> "<html>502 Bad Gateway</html>".getBytes();
        // A new catalog component (as after a restart) loads the stored file.
        configure("org.pbx.marketplace.catalog", "downloadDeadlineSeconds", 7);
        ModuleCatalog reloaded = awaitService(ModuleCatalog.class, "(downloadDeadlineSeconds=7)");
        await("the reloaded catalog to try the server", () -> reloaded.catalog(null).stale);
        CatalogDTO shown = reloaded.catalog(null);
        assertTrue("the planted module is not shown", shown.modules.stream().noneMatch(m -> m.id.equals("org.evil.planted")));
        assertEquals("NEVER_FETCHED", shown.reason.code);
    }

    // ---- helpers

    private void addModule(String id, String version, String file) throws Exception {
        Path source = vendorModules().getParent().resolve("catalog-source.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(source.toFile());
        ObjectNode module = ((ArrayNode) root.get("modules")).addObject();
        module.put("id", id).put("vendor", "Test").put("category", "test").put("commercial", false);
        module.putObject("name").put("en", "Hostile").put("ru", "Враждебный");
        module.putObject("description").put("en", "-").put("ru", "-");
        ObjectNode release = module.putArray("releases").addObject();
        release.put("version", version).put("minHostVersion", "7.0.0").put("file", file).put("date", "2025-01-01");
        release.putObject("changelog").put("en", "-").put("ru", "-");
        release.putArray("requires");
        json.writerWithDefaultPrettyPrinter().writeValue(source.toFile(), root);
    }

    private static java.util.jar.Manifest manifest(String bsn, String version, String fragmentHost) {
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        java.util.jar.Attributes main = manifest.getMainAttributes();
        main.put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", bsn);
        main.putValue("Bundle-Version", version);
        if (fragmentHost != null) {
            main.putValue("Fragment-Host", fragmentHost);
        }
        return manifest;
    }

    private static byte[] jar(java.util.jar.Manifest manifest) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("META-INF/MANIFEST.MF"));
            manifest.write(zip);
            zip.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
            zip.write("hostile".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** Two entries named META-INF/MANIFEST.MF: ZipOutputStream refuses that, so the second is renamed in place. */
    private static byte[] twoManifests(java.util.jar.Manifest first, java.util.jar.Manifest second) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("META-INF/MANIFEST.MF"));
            first.write(zip);
            zip.putNextEntry(new java.util.zip.ZipEntry("META-INF/MANIFEST.MX"));
            second.write(zip);
        }
        byte[] jar = bytes.toByteArray();
        byte[] from = "META-INF/MANIFEST.MX".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i + from.length <= jar.length; i++) {
            if (Arrays.equals(jar, i, i + from.length, from, 0, from.length)) {
                jar[i + from.length - 1] = 'F';
            }
        }
        return jar;
    }

    private void assertRefused(String moduleId, String code) throws Exception {
        assertRefused(awaitService(ModuleCatalog.class, null), moduleId, code);
    }

    private void assertRefused(ModuleCatalog catalog, String moduleId, String code) throws Exception {
        catalog.refresh();
        List<String> before = bundleList();
        OperationDTO started = catalog.install(moduleId, null);
        await("the install of " + moduleId + " to finish", () -> !"RUNNING".equals(catalog.operation(started.id).state));
        OperationDTO done = catalog.operation(started.id);
        assertEquals("FAILED", done.state);
        assertEquals(done.error.message.get("en") + " (" + done.error.technical + ")", code, done.error.code);
        assertTrue(done.error.message.get("ru").length() > 10);
        assertEquals("the framework's bundle list is unchanged", before, bundleList());
    }

    private List<String> bundleList() {
        return Arrays.stream(context.getBundles())
                .map(b -> b.getSymbolicName() + " " + b.getVersion() + " " + (b.getState() == Bundle.ACTIVE ? "ACTIVE" : b.getState()))
                .sorted().collect(Collectors.toList());
    }

    private Path vendorModules() {
        return Paths.get(context.getProperty("pbx.data"), "vendor-server", "modules");
    }

    private void configure(String pid, String key, Object value) throws Exception {
        Configuration configuration = configAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> props = configuration.getProperties() == null ? new Hashtable<>() : configuration.getProperties();
        props.put(key, value);
        configuration.update(props);
        await("configuration " + pid + " to apply", () -> {
            Configuration c;
            try {
                c = configAdmin.getConfiguration(pid, "?");
            } catch (java.io.IOException e) {
                return false;
            }
            return c.getProperties() != null && value.equals(c.getProperties().get(key));
        });
    }

    private static byte[] flipLastByte(byte[] body) {
        byte[] copy = body.clone();
        copy[copy.length - 1] ^= 0x01;
        return copy;
    }
}
