package org.pbx.marketplace.impl.internal.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.impl.internal.protocol.VendorChannel;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Module jars that a signed catalog names correctly (size and hash match) but that are not the
 * plain bundle they claim to be: each is refused before the framework is touched. Real jars over
 * real HTTP; the framework is a mock (the ITs install real ones).
 */
class ModuleInstallerAttackTest {

    private static final String ID = "org.pbx.demo.weather";
    private static final String HOST_BUNDLE = "org.apache.felix.scr";

    @TempDir
    Path data;

    private InstallerFixture framework;
    private BundleContext context;
    private volatile byte[] served;
    private ModuleInstaller installer;

    @BeforeEach
    void start() throws Exception {
        Bundle scr = mock(Bundle.class);
        when(scr.getLocation()).thenReturn("file:/opt/pbx/bundles/scr.jar");
        when(scr.getSymbolicName()).thenReturn(HOST_BUNDLE);
        when(scr.getVersion()).thenReturn(Version.parseVersion("2.2.10"));
        framework = new InstallerFixture(data, "/v1/modules/", exchange -> InstallerFixture.serve(exchange, served), scr);
        when(framework.system.getVersion()).thenReturn(Version.parseVersion("7.0.5"));
        context = framework.context;
        installer = new ModuleInstaller(context, data.resolve("modules"), Duration.ofSeconds(5),
                new InstallJournal(data.resolve("install-journal.json")), Duration.ofSeconds(5), mock(org.osgi.service.log.Logger.class));
    }

    @AfterEach
    void stop() {
        framework.close();
    }

    @Test
    void aPlainBundleIsInstalled() throws Exception {
        Bundle installed = mock(Bundle.class);
        when(installed.getHeaders("")).thenReturn(new Hashtable<>());
        when(context.installBundle(anyString(), any(InputStream.class))).thenReturn(installed);
        install(ID, jar(manifest(ID, "1.0.0", null)));
        verify(context).installBundle(anyString(), any(InputStream.class));
        verify(installed).start();
    }

    @Test
    void aJarWithTwoManifestsIsRefused() throws Exception {
        // The first local header says weather 1.0.0; the central directory, which Felix reads, says a fragment of SCR.
        byte[] jar = twoManifests(manifest(ID, "1.0.0", null), manifest(ID, "1.0.0", HOST_BUNDLE));
        try (JarInputStream stream = new JarInputStream(new ByteArrayInputStream(jar))) {
            assertEquals(null, stream.getManifest().getMainAttributes().getValue(Constants.FRAGMENT_HOST));
        }
        Path file = Files.write(data.resolve("two.jar"), jar);
        try (JarFile zip = new JarFile(file.toFile())) {
            assertEquals(HOST_BUNDLE, zip.getManifest().getMainAttributes().getValue(Constants.FRAGMENT_HOST),
                    "the two readers see two bundles");
        }
        assertRefused("TWO_MANIFESTS", ID, jar);
    }

    @Test
    void aFragmentIsRefused() throws Exception {
        assertRefused("FRAGMENT", ID, jar(manifest(ID, "1.0.0", HOST_BUNDLE + ";bundle-version=\"[2,3)\"")));
        assertRefused("FRAGMENT", ID, jar(manifest(ID, "1.0.0", "system.bundle;extension:=framework")));
    }

    @Test
    void aBundleNamedAsTheHostsOwnIsRefused() throws Exception {
        assertRefused("HOST_BUNDLE", HOST_BUNDLE, jar(manifest(HOST_BUNDLE, "9.0.0", null)));
        assertRefused("HOST_BUNDLE", "org.apache.felix.framework", jar(manifest("org.apache.felix.framework", "9.0.0", null)));
    }

    @Test
    void aJarWhoseOnlyManifestIsNotWhereTheFrameworkLooksIsRefused() throws Exception {
        // JarFile finds "meta-inf/manifest.mf" regardless of case; Felix asks for the exact name and would find none.
        assertRefused("WRONG_BUNDLE", ID, jar("meta-inf/manifest.mf", manifest(ID, "1.0.0", null)));
    }

    @Test
    void theDownloadPathMustStayOnTheServer() {
        URI base = URI.create("https://vendor.example:8443/vendor");
        assertTrue(ModuleChecks.staysOn(base, "/v1/modules/org.x/1.0.0/download"));
        for (String path : List.of("@evil.example/x", ".evil.example/x", "//evil.example/x", "/../x", "/v1/..",
                "/v1/./x", "/%2e%2e/x", "\\\\evil/x", "https://evil.example/x", "/x?@evil", ":1/x", "")) {
            assertFalse(ModuleChecks.staysOn(base, path), path);
        }
    }

    // ---- helpers

    private void assertRefused(String code, String moduleId, byte[] jar) throws Exception {
        CatalogException e = assertThrows(CatalogException.class, () -> install(moduleId, jar));
        assertEquals(code, e.reason().code, e.reason().message.get("en"));
        assertTrue(e.reason().message.get("ru").length() > 10);
        verify(context, never()).installBundle(anyString(), any(InputStream.class));
        try (var left = Files.list(data.resolve("modules"))) {
            assertEquals(List.of(), left.toList(), "nothing left in the modules folder");
        }
    }

    private void install(String moduleId, byte[] jar) throws Exception {
        served = jar;
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> release = Map.of("version", "1.0.0", "size", jar.length, "sha256", CatalogFetcher.sha256(jar),
                "path", "/v1/modules/" + moduleId + "/1.0.0/download");
        CatalogDocument.Module module = new CatalogDocument.Module(json.valueToTree(
                Map.of("id", moduleId, "commercial", false, "releases", List.of(release))));
        CatalogDocument.Release chosen = module.releases.get(0);
        installer.install(List.of(new AbstractMap.SimpleEntry<>(module, chosen)),
                new Operation(moduleId, "INSTALL", "1.0.0", System.currentTimeMillis()), framework.connection,
                new ModuleLicensing(mock(LicenseService.class), mock(VendorChannel.class)));
    }

    private static Manifest manifest(String bsn, String version, String fragmentHost) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        main.putValue(Constants.BUNDLE_SYMBOLICNAME, bsn);
        main.putValue(Constants.BUNDLE_VERSION, version);
        if (fragmentHost != null) {
            main.putValue(Constants.FRAGMENT_HOST, fragmentHost);
        }
        return manifest;
    }

    private static byte[] jar(Manifest manifest) throws Exception {
        return jar(BundleJar.MANIFEST, manifest);
    }

    private static byte[] jar(String manifestName, Manifest manifest) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(manifestName));
            manifest.write(zip);
            zip.putNextEntry(new ZipEntry("org/pbx/demo/weather/readme.txt"));
            zip.write("weather".getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** Two entries named META-INF/MANIFEST.MF: ZipOutputStream refuses that, so the second is renamed in place. */
    private static byte[] twoManifests(Manifest first, Manifest second) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(BundleJar.MANIFEST));
            first.write(zip);
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MX"));
            second.write(zip);
        }
        byte[] jar = bytes.toByteArray();
        byte[] from = "META-INF/MANIFEST.MX".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + from.length <= jar.length; i++) {
            if (java.util.Arrays.equals(jar, i, i + from.length, from, 0, from.length)) {
                jar[i + from.length - 1] = 'F';
            }
        }
        return jar;
    }
}
