package org.pbx.marketplace.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.testsupport.HostProcess;
import org.pbx.marketplace.testsupport.AdminClient;

/**
 * The demo host as an admin starts it (no switches): the Felix Web Console is not there to be
 * reached by a cross-site upload, and every file that holds a key, the password or the
 * configuration is out of other accounts' reach: the data folder and Config Admin's folder are
 * rwx------, the key files rw-------.
 */
class HostSecurityIT {

    private static final String READY = "PBX host ready: open http://localhost:";

    @TempDir
    Path data;

    @Test
    void noWebConsoleByDefaultAndSecretsAreOwnerOnly() throws Exception {
        try (HostProcess host = HostProcess.start(data, HostProcess.TIMEOUT, "-Dpbx.webconsole=false")) {
            host.await("the ready line", line -> line.contains(READY));
            AdminClient admin = new AdminClient(host.port, data);
            admin.awaitStatus("/api/marketplace/v1/license", 200);
            assertEquals(404, admin.status("/system/console/bundles"), "no Web Console unless -Dpbx.webconsole=true");
            HttpResponse<String> upload = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + host.port + "/system/console/bundles"))
                    .header("Authorization", AdminClient.basic("admin", AdminClient.password(data)))
                    .header("Origin", "https://evil.example").header("Content-Type", "multipart/form-data; boundary=x")
                    .POST(HttpRequest.BodyPublishers.ofString("--x--\r\n")).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(upload.statusCode() == 403 || upload.statusCode() == 404, upload.statusCode() + " " + upload.body());

            HttpResponse<String> registered = admin.send("POST", "/api/marketplace/v1/registration",
                    "{\"companyName\":\"Modes Co\",\"email\":\"modes@example.com\",\"contactName\":\"Ann\"}");
            assertEquals(201, registered.statusCode(), registered.body());
            assertEquals(143, host.terminate(), "exit code after SIGTERM");
        }
        List<String> wrong = new ArrayList<>();
        expect(wrong, data, "rwx------");
        expect(wrong, data.resolve("config"), "rwx------");
        expect(wrong, data.resolve(AdminClient.PASSWORD_FILE), "rw-------");
        List<Path> licenseFiles;
        try (Stream<Path> files = Files.walk(data.resolve("framework"))) {
            licenseFiles = files.filter(p -> p.getParent() != null && p.getParent().getFileName().toString().equals("license")
                    && Files.isRegularFile(p)).toList();
        }
        assertTrue(licenseFiles.stream().anyMatch(p -> p.getFileName().toString().equals("license.json")),
                "license.json written: " + licenseFiles);
        for (Path file : licenseFiles) {
            expect(wrong, file, "rw-------");
            expect(wrong, file.getParent(), "rwx------");
        }
        try (Stream<Path> files = Files.walk(data.resolve("config"))) {
            assertTrue(files.anyMatch(p -> p.toString().replace('/', '.').contains("org.pbx.marketplace.license")),
                    "the license configuration (with the key) is in the owner-only config folder");
        }
        assertTrue(wrong.isEmpty(), "not owner-only: " + wrong);
    }

    private static void expect(List<String> wrong, Path path, String mode) throws Exception {
        String actual = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        if (!actual.equals(mode)) {
            wrong.add(path + " " + actual + " (want " + mode + ")");
        }
    }
}
