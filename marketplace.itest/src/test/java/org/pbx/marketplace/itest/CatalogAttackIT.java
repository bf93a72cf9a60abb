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
import org.pbx.marketplace.api.ModuleCatalog;
import org.pbx.marketplace.api.dto.CatalogDTO;
import org.pbx.marketplace.api.dto.OperationDTO;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Attacks on module downloads, through a tampering network or a vendor serving the wrong thing:
 * each is refused with its own reason, and the framework's bundle list stays as it was.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class CatalogAttackIT extends MarketplaceTestSupport {

    private static final String CALLBACK = "org.pbx.demo.callback";
    private static final String WEATHER = "org.pbx.demo.weather";

    @Inject
    ConfigurationAdmin configAdmin;

    private TamperingProxy proxy;

    @Before
    public void throughTheProxy() throws Exception {
        await("the vendor server", () -> get("/vendor/v1/keys").statusCode() == 200);
        proxy = new TamperingProxy(baseUrl() + "/vendor");
        configure("org.pbx.marketplace.license", "serverUrl", proxy.url());
    }

    @After
    public void closeProxy() throws Exception {
        proxy.close();
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
        Path broken = Paths.get(System.getProperty("marketplace.brokenbundle"));
        Path modules = vendorModules();
        Files.copy(broken, modules.resolve("org.pbx.demo.broken-1.0.0.jar"));
        Path source = modules.getParent().resolve("catalog-source.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(source.toFile());
        ObjectNode module = ((ArrayNode) root.get("modules")).addObject();
        module.put("id", "org.pbx.demo.broken").put("vendor", "Test").put("category", "test").put("commercial", false);
        module.putObject("name").put("en", "Broken").put("ru", "Сломанный");
        module.putObject("description").put("en", "Fails to start.").put("ru", "Не запускается.");
        ObjectNode release = module.putArray("releases").addObject();
        release.put("version", "1.0.0").put("minHostVersion", "7.0.0").put("file", "org.pbx.demo.broken-1.0.0.jar")
                .put("date", "2025-01-01");
        release.putObject("changelog").put("en", "-").put("ru", "-");
        release.putArray("requires");
        json.writerWithDefaultPrettyPrinter().writeValue(source.toFile(), root);
        assertRefused("org.pbx.demo.broken", "START_FAILED");
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

    // ---- helpers

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
        assertEquals(code, done.error.code);
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
