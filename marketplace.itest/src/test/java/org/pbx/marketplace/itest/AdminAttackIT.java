package org.pbx.marketplace.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.pbx.marketplace.api.LicenseService;

/**
 * The attacks of issue 16 on the admin surface, each through the real runtime: a hostile page
 * making a logged-in admin's browser upload a bundle to the Web Console; a password guesser; an
 * unauthenticated monitor reading license details; a module reading the full key; another account
 * reading the key from disk. A fresh framework per test: the throttle remembers loopback.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class AdminAttackIT extends MarketplaceTestSupport {

    private static final String EVIL_BUNDLE = "evil.csrf.upload";
    /** The Web Console of the test runtime keeps Felix's default login (the demo host sets its own). */
    private static final String CONSOLE_AUTHORIZATION = "Basic " + Base64.getEncoder()
            .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    /** The reveal service's name: the tests must compile, and run, whether or not the probe may see it. */
    private static final String REVEAL = "org.pbx.marketplace.admin.LicenseKeyReveal";

    @Inject
    LicenseService license;

    @Test
    public void aCrossSiteUploadToTheWebConsoleInstallsNothing() throws Exception {
        await("the Web Console", () -> sendRaw(HttpRequest.newBuilder(URI.create(baseUrl() + "/system/console/bundles"))
                .header("Authorization", CONSOLE_AUTHORIZATION).GET()).statusCode() == 200);
        // What a hostile page's auto-submitted form makes the admin's browser send: the admin's
        // credentials (the browser keeps them), the page's origin, no custom header.
        HttpResponse<String> evil = upload(b -> b.header("Origin", "https://evil.example").header("Sec-Fetch-Site", "cross-site"));
        assertEquals(evil.body(), 403, evil.statusCode());
        assertNull("no bundle installed by the cross-site form", installedBundle(EVIL_BUNDLE));
        // An older browser without Origin or Sec-Fetch-Site, no header: refused too.
        HttpResponse<String> bare = upload(b -> b);
        assertEquals(bare.body(), 403, bare.statusCode());
        assertNull(installedBundle(EVIL_BUNDLE));
        // The console's own page (same origin) still uploads: the refusal is the rule, not a broken test.
        HttpResponse<String> own = upload(b -> b.header("Origin", baseUrl()).header("Sec-Fetch-Site", "same-origin"));
        assertTrue(own.statusCode() + " " + own.body(), own.statusCode() < 400);
        await("the console's own upload to install the bundle", () -> installedBundle(EVIL_BUNDLE) != null);
        installedBundle(EVIL_BUNDLE).uninstall();
    }

    @Test
    public void fiftyWrongPasswordsAreThrottledAndTheRightOneWaitsToo() {
        String wrong = "Basic " + Base64.getEncoder().encodeToString("admin:guess".getBytes(StandardCharsets.UTF_8));
        int throttled = 0;
        String retryAfter = null;
        for (int i = 0; i < 50; i++) {
            HttpResponse<String> answer = sendRaw(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/marketplace/v1/license"))
                    .header("Authorization", wrong).GET());
            assertTrue(answer.statusCode() + " " + answer.body(), answer.statusCode() == 401 || answer.statusCode() == 429);
            if (answer.statusCode() == 429) {
                throttled++;
                retryAfter = answer.headers().firstValue("Retry-After").orElse(null);
                assertTrue(answer.body(), answer.body().contains("LOGIN_THROTTLED"));
            }
        }
        System.out.println("AdminAttackIT: " + throttled + " of 50 wrong passwords throttled, last Retry-After " + retryAfter);
        assertTrue("at most 5 guesses are checked, got " + (50 - throttled), throttled >= 45);
        assertNotNull("the refusal says when to come back", retryAfter);
        HttpResponse<String> right = sendRaw(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/marketplace/v1/license"))
                .header("Authorization", ADMIN_AUTHORIZATION).GET());
        assertEquals("during the lockout even the right password is not checked", 429, right.statusCode());
        assertFalse(right.body().contains("MKT-"));
    }

    @Test
    public void theHealthServletAsksForTheLogin() {
        await("the health servlet, logged in", () -> get("/system/health.json?tags=marketplace").statusCode() == 200);
        HttpResponse<String> anonymous = sendRaw(HttpRequest.newBuilder(URI.create(baseUrl() + "/system/health.json?tags=marketplace")).GET());
        assertEquals(anonymous.body(), 401, anonymous.statusCode());
        assertFalse("no license detail without the login", anonymous.body().contains("overallResult"));
    }

    @Test
    public void aModuleCannotReadTheKeyThroughTheApi() throws Exception {
        license.register(registration("Key Reader Co", "reader@example.com"));
        String key = revealOverHttp();
        assertTrue(key, key.startsWith("MKT-"));
        List<String> leaks = new ArrayList<>();
        for (java.lang.reflect.Method method : LicenseService.class.getMethods()) {
            if (method.getParameterCount() == 0 && method.getReturnType() == String.class) {
                leaks.add(method.getName() + "() = " + method.invoke(license));
            }
        }
        assertTrue("LicenseService offers the key: " + leaks, leaks.stream().noneMatch(l -> l.contains(key)));
        assertTrue("LicenseService has no licenseKey(): " + leaks,
                Arrays.stream(LicenseService.class.getMethods()).noneMatch(m -> m.getName().equals("licenseKey")));
        // The admin-only reveal exists for the web and shell bundles; a module (this probe) finds no such service...
        ServiceReference<?>[] found = context.getAllServiceReferences(REVEAL, null);
        assertNull("a module found the reveal service: " + Arrays.toString(found), found);
        // ...and cannot load its package by importing it as it would any other.
        try {
            context.getBundle().loadClass(REVEAL);
            fail("a module loaded " + REVEAL);
        } catch (ClassNotFoundException expected) {
            // The package is exported only with a mandatory attribute, which a plain import does not give.
        }
        assertTrue("the web bundle still shows it to the admin", revealOverHttp().equals(key));
    }

    @Test
    public void theKeyAndTheInstallationKeyAreOwnerOnlyOnDisk() throws Exception {
        license.register(registration("Disk Co", "disk@example.com"));
        Bundle impl = installedBundle("marketplace.impl");
        Path license = impl.getBundleContext().getDataFile("license").toPath();
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> files = Files.walk(license)) {
            files.forEach(p -> {
                String mode = mode(p);
                String expected = Files.isDirectory(p) ? "rwx------" : "rw-------";
                if (!mode.equals(expected)) {
                    wrong.add(license.relativize(p) + " " + mode);
                }
            });
        }
        assertTrue("license files found: " + license, Files.exists(license.resolve("license.json")));
        assertTrue("not owner-only: " + wrong, wrong.isEmpty());
    }

    private String revealOverHttp() {
        return revealedKey();
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private HttpResponse<String> upload(java.util.function.UnaryOperator<HttpRequest.Builder> headers) throws IOException {
        String boundary = "----evil" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\ninstall\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"bundlestart\"\r\n\r\nstart\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"bundlefile\"; filename=\"evil.jar\"\r\n"
                + "Content-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(evilBundle());
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/system/console/bundles"))
                .header("Authorization", CONSOLE_AUTHORIZATION)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        return sendRaw(headers.apply(request));
    }

    private static byte[] evilBundle() throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", EVIL_BUNDLE);
        main.putValue("Bundle-Version", "1.0.0");
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(jar, manifest)) {
            out.flush();
        }
        return jar.toByteArray();
    }
}
