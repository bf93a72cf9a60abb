package org.pbx.marketplace.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.json.Json;

/**
 * The narrowest window of HostCrashIT, made on purpose instead of hit by chance: the catalog
 * installer's journal as it is on disk when the host dies after the framework took the bundles
 * and before it started them (weather new, callback updated from 1.0.0). The next start of the
 * real host puts back what was there before, in the real framework, and removes the journal.
 */
class InstallJournalRecoveryIT {

    private static final String WEATHER = "org.pbx.demo.weather";
    private static final String CALLBACK = "org.pbx.demo.callback";

    @TempDir
    Path data;

    @Test
    void aJournalLeftBetweenInstallAndStartIsRolledBackAtTheNextStart() throws Exception {
        CrashHost host = CrashHost.start(data);
        try {
            host.awaitDemoCatalog();
            host.operate("POST", "/modules/" + CALLBACK + "/install", "{\"version\":\"1.0.0\"}");
            host.operate("POST", "/modules/" + CALLBACK + "/update", null);
            host.operate("POST", "/modules/" + WEATHER + "/install", "{}");
            assertEquals(Map.of(CALLBACK, "1.1.0", WEATHER, "1.0.0"), host.catalogInstalled());
            Path catalog = catalogData();
            Path kept = catalog.resolve("modules").resolve(CALLBACK).resolve("1.0.0.jar");
            assertTrue(Files.isRegularFile(kept), "the installer keeps the jar of each version it installed: " + kept);
            Path journal = catalog.resolve("install-journal.json");
            assertFalse(Files.exists(journal), "no journal once the operations ended");
            Files.writeString(journal, "{\"entries\":["
                    + "{\"moduleId\":\"" + CALLBACK + "\",\"location\":\"marketplace:module:" + CALLBACK + "\","
                    + "\"previousVersion\":\"1.0.0\",\"previousJar\":" + new Json().toJson(kept.toString()) + "},"
                    + "{\"moduleId\":\"" + WEATHER + "\",\"location\":\"marketplace:module:" + WEATHER + "\"}]}");
            host.kill();

            host = CrashHost.start(data);
            Map<String, String> before = Map.of(CALLBACK, "1.0.0");
            assertEquals(List.of(CALLBACK + " 1.0.0 Active"), host.awaitModuleBundles(before, before));
            assertEquals(before, host.catalogInstalled(), "the catalog after the rollback");
            assertFalse(Files.exists(journal), "the journal is gone once rolled back");
            assertEquals(200, host.admin.status("/marketplace/"));
        } finally {
            host.close();
        }
    }

    /** The catalog's folder in the data area of the bundle that runs it (framework/bundleN/data/catalog). */
    private Path catalogData() throws Exception {
        try (Stream<Path> files = Files.walk(data.resolve("framework"))) {
            return files.filter(f -> f.endsWith(Path.of("data", "catalog", "catalog.json"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no catalog cache under " + data.resolve("framework")))
                    .getParent();
        }
    }
}
