package org.pbx.marketplace.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.testsupport.HostProcess;
import org.pbx.marketplace.testsupport.AdminClient;

/**
 * The demo host jar as an admin runs it: it answers the Marketplace page, stops cleanly on
 * SIGTERM, and a restart on the same data folder keeps its license (key and status) and a bundle
 * installed at runtime.
 */
class HostRestartIT {

    private static final String READY = "PBX host ready: open http://localhost:";

    @TempDir
    Path data;

    @Test
    void pageAnswersAndLicenseAndRuntimeInstalledBundleSurviveRestart() throws Exception {
        String key;
        String bundle = Paths.get(System.getProperty("runtime.bundle")).toUri().toString();
        assertTrue(Files.exists(Paths.get(URI.create(bundle))), "test bundle " + bundle);

        try (HostProcess host = HostProcess.start(data)) {
            String ready = host.await("the ready line", line -> line.contains(READY));
            assertTrue(ready.contains(":" + host.port + "/marketplace/"), ready);
            assertEquals(401, status(host.port, "/marketplace/"), "the page asks for the admin login");
            AdminClient admin = new AdminClient(host.port, data);
            assertEquals(200, admin.status("/marketplace/"));
            admin.awaitStatus("/system/console/bundles", 200);
            assertEquals(401, status(host.port, "/system/console/bundles"), "the Web Console is not open with no login");
            // The ready line means the page is served; the license resource follows once the license service is up.
            admin.awaitStatus("/api/marketplace/v1/license", 200);

            HttpResponse<String> registered = admin.send("POST", "/api/marketplace/v1/registration",
                    "{\"companyName\":\"Restart Co\",\"email\":\"restart@example.com\",\"contactName\":\"Ann\"}");
            assertEquals(201, registered.statusCode(), registered.body());
            key = admin.send("GET", "/api/marketplace/v1/license/key", null).body();

            host.command("install " + bundle);
            host.await("the installed bundle's id", line -> line.contains("Bundle ID:"));
            assertEquals(143, host.terminate(), "exit code after SIGTERM");
        }
        assertTrue(Files.isDirectory(data.resolve("framework")), "framework storage under the data folder");
        assertTrue(Files.isDirectory(data.resolve("config")), "Config Admin store under the data folder");

        try (HostProcess host = HostProcess.start(data)) {
            host.await("the ready line after restart", line -> line.contains(READY));
            host.command("lb -s org.osgi.service.condition");
            host.await("the runtime-installed bundle still installed",
                    line -> line.contains("org.osgi.service.condition"));
            AdminClient admin = new AdminClient(host.port, data);
            assertEquals(200, admin.status("/marketplace/"), "the generated admin password kept across the restart");
            admin.awaitStatus("/api/marketplace/v1/license", 200);
            assertEquals(key, admin.send("GET", "/api/marketplace/v1/license/key", null).body(),
                    "the license key kept across the restart");
            assertTrue(admin.send("GET", "/api/marketplace/v1/license", null).body().contains("\"status\":\"ACTIVE\""));
            assertEquals(143, host.terminate(), "exit code after SIGTERM");
        }
    }

    private static int status(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
