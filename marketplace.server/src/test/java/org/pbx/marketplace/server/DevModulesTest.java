package org.pbx.marketplace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.server.internal.VendorCore;
import org.pbx.marketplace.server.internal.catalog.DevModules;
import org.pbx.marketplace.server.internal.catalog.ReleasePublisher;
import org.pbx.marketplace.server.internal.store.ProductStore;

/** A module developer's entry (pbx.vendor.devModules) lands in the demo vendor's catalog with a product to try it. */
class DevModulesTest {
    @TempDir
    Path dir;

    @Test
    void publishesTheEntryWithItsJarAndAProductWithATrial() throws Exception {
        Path entry = entry("com.example.fax", "1.0.0", TestBundles.jar("com.example.fax", "1.0.0", "v1"));
        try (VendorCore core = VendorCore.open(VendorServerSettings.builder(dir.resolve("vendor")).demoData(true).build())) {
            List<String> said = publish(core, entry.toString());
            assertEquals(List.of("DEV: com.example.fax 1.0.0 is in the demo vendor's catalog; product fax-pro grants"
                    + " feature fax (30-day trial: installing the module starts it)"), said);
            ProductStore.Details product = core.admin().product("fax-pro");
            assertEquals(30, product.trialDays());
            assertEquals("fax", product.features().get(0).id());
            String source = Files.readString(dir.resolve("vendor/catalog-source.json"));
            assertTrue(source.contains("com.example.fax"), source);
            assertTrue(Files.isRegularFile(dir.resolve("vendor/modules/com.example.fax-1.0.0.jar")));

            // The next start of the host publishes the same jar again: nothing changes, nothing is refused.
            assertTrue(publish(core, entry.toString()).get(0).endsWith("(the same jar as before); product fax-pro grants"
                    + " feature fax (30-day trial: installing the module starts it)"));
        }
    }

    @Test
    void saysWhyAnEntryIsNotPublished() throws Exception {
        Path wrong = entry("com.example.fax", "1.0.0", TestBundles.jar("com.example.other", "1.0.0", "v1"));
        Path missing = dir.resolve("missing.json");
        Path noJar = dir.resolve("nojar/catalog-entry.json");
        Files.createDirectories(noJar.getParent());
        Files.writeString(noJar, withFile(TestBundles.entry("com.example.fax", "1.0.0", "fax-pro", "fax")));
        try (VendorCore core = VendorCore.open(VendorServerSettings.builder(dir.resolve("vendor")).demoData(true).build())) {
            List<String> said = publish(core, wrong + ", " + missing + "," + noJar);
            assertTrue(said.get(0).contains("not published: 8007 E_BUNDLE_MISMATCH"), said.get(0));
            assertTrue(said.get(1).endsWith("not published: no such file (the property pbx.vendor.devModules names catalog entries)"),
                    said.get(1));
            assertTrue(said.get(2).endsWith("is not there; build the module first (mvn package)"), said.get(2));
            assertTrue(!Files.readString(dir.resolve("vendor/catalog-source.json")).contains("com.example.fax"));
        }
    }

    private List<String> publish(VendorCore core, String property) {
        return DevModules.publish(property, core.admin(),
                new ReleasePublisher(core.database(), dir.resolve("vendor"), java.time.Clock.systemUTC()));
    }

    private Path entry(String id, String version, byte[] jar) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("module-" + Math.abs(jar.length) + "-" + System.nanoTime()));
        Files.createDirectories(folder.resolve("target"));
        Files.write(folder.resolve("target/module.jar"), jar);
        Path entry = folder.resolve("catalog-entry.json");
        Files.writeString(entry, withFile(TestBundles.entry(id, version, "fax-pro", "fax")));
        return entry;
    }

    private static String withFile(String entry) {
        return entry.replace("\"requires\": []", "\"file\": \"target/module.jar\", \"requires\": []");
    }
}
