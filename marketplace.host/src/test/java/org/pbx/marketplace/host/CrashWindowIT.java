package org.pbx.marketplace.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.json.Json;
import org.pbx.marketplace.testsupport.HostProcess;

/**
 * The narrowest windows of HostCrashIT, made on purpose instead of hit by chance: the data folder
 * as a SIGKILL at that moment leaves it, then the next start of the real host.
 */
class CrashWindowIT {

    private static final String WEATHER = "org.pbx.demo.weather";
    private static final String CALLBACK = "org.pbx.demo.callback";

    @TempDir
    Path data;

    /**
     * The catalog installer's journal as it is when the host dies after the framework took the
     * bundles and before it started them (weather new, callback updated from 1.0.0): the next start
     * puts back what was there before and removes the journal.
     */
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

    /**
     * A removal killed after Felix recorded the module's stop and before it marked it uninstalled:
     * the module stopped, still installed, and the installer's journal. The next start completes the
     * removal instead of leaving a RESOLVED module behind.
     */
    @Test
    void aRemovalKilledBetweenStopAndUninstallIsCompletedAtTheNextStart() throws Exception {
        CrashHost host = CrashHost.start(data);
        try {
            host.awaitDemoCatalog();
            host.operate("POST", "/modules/" + WEATHER + "/install", "{}");
            // What Felix's uninstall does first (a persistent stop), from the host's own console.
            host.process.command("stop " + host.bundleId(WEATHER));
            Map<String, String> installed = Map.of(WEATHER, "1.0.0");
            long deadline = System.nanoTime() + HostProcess.TIMEOUT.toNanos();
            while (!host.moduleBundles().equals(List.of(WEATHER + " 1.0.0 Resolved"))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the module not stopped: " + host.moduleBundles());
                }
                Thread.sleep(50);
            }
            assertEquals(installed, host.catalogInstalled());
            Path journal = catalogData().resolve("install-journal.json");
            Files.writeString(journal, "{\"entries\":[{\"moduleId\":\"" + WEATHER + "\",\"location\":\"marketplace:module:" + WEATHER + "\"}]}");
            host.kill();

            host = CrashHost.start(data);
            assertEquals(List.of(), host.awaitModuleBundles(Map.of(), Map.of()), "the removal completed");
            assertEquals(Map.of(), host.catalogInstalled());
            assertFalse(Files.exists(journal), "the journal is gone once the removal completed");
        } finally {
            host.close();
        }
    }

    /**
     * A registration after an unregistration, killed after the license store took the new key and
     * before Config Admin did: the configuration still says "no key". The next start takes that for
     * the stale copy it is and keeps the registration, instead of unregistering it as if the admin
     * had emptied the key.
     */
    @Test
    void aRegistrationKilledBeforeTheConfigurationWasWrittenIsKept() throws Exception {
        String key;
        CrashHost host = CrashHost.start(data);
        try {
            register(host, "Window Co 1", "window1");
            assertEquals(204, host.admin.send("DELETE", CrashHost.API + "/license", null).statusCode());
            key = register(host, "Window Co 2", "window2");
            host.kill();
            Path config = data.resolve("config/org/pbx/marketplace/license.config");
            String written = Files.readString(config);
            assertTrue(written.contains("licenseKey=\"" + key + "\""), written);
            Files.writeString(config, written.replace("licenseKey=\"" + key + "\"", "licenseKey=\"\""));

            host = CrashHost.start(data);
            assertEquals(key, host.key(), "the registration kept");
            assertEquals("Window Co 2", host.company());
            // The configuration is put back in line with the store asynchronously; wait (bounded) for it.
            long deadline = System.nanoTime() + HostProcess.TIMEOUT.toNanos();
            while (!read(config).contains("licenseKey=\"" + key + "\"")) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the key not restored into the configuration: " + read(config));
                }
                Thread.sleep(50);
            }
            assertEquals(key, host.key(), "still registered once the configuration caught up");
            assertEquals("Window Co 2", host.company());
        } finally {
            host.close();
        }
    }

    /** Felix's store deletes the file before it renames the new one into place: absent reads as empty. */
    private static String read(Path file) throws Exception {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    private static String register(CrashHost host, String company, String mailbox) throws Exception {
        HttpResponse<String> response = host.admin.send("POST", CrashHost.API + "/registration",
                "{\"companyName\":\"" + company + "\",\"email\":\"" + mailbox + "@example.com\",\"contactName\":\"Ann\"}");
        assertEquals(201, response.statusCode(), response.body());
        return host.key();
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
