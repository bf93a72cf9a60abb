package org.pbx.marketplace.impl.internal.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.log.Logger;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.impl.internal.protocol.InstallationIdentity;
import org.pbx.marketplace.impl.internal.protocol.JwsVerifier;
import org.pbx.marketplace.impl.internal.protocol.VendorChannel;
import org.pbx.marketplace.impl.internal.protocol.VendorClient;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * A host killed while an install puts a library and its module into the framework: the library is in the
 * journal before the framework has it, so the next start's recovery takes it out with the module.
 */
class LibraryInstallRecoveryTest {

    private static final String ID = "com.example.notes";
    private static final String LIB = "com.google.gson";

    /** The host dying: nothing of the installer catches it. */
    static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    @TempDir
    Path data;

    private final BundleContext context = mock(BundleContext.class);
    private final FrameworkWiring wiring = mock(FrameworkWiring.class);
    private final List<String> requests = new ArrayList<>();
    private HttpServer server;
    private VendorChannel.Connection connection;
    private byte[] moduleJar;
    private byte[] libraryJar;

    @BeforeEach
    void start() throws Exception {
        Bundle system = mock(Bundle.class);
        when(system.getLocation()).thenReturn(Constants.SYSTEM_BUNDLE_LOCATION);
        when(system.getSymbolicName()).thenReturn("org.apache.felix.framework");
        when(system.adapt(FrameworkWiring.class)).thenReturn(wiring);
        when(context.getBundles()).thenReturn(new Bundle[] {system});
        when(context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION)).thenReturn(system);
        doAnswer(call -> {
            Object[] arguments = call.getArguments();
            for (int i = 1; i < arguments.length; i++) {
                ((FrameworkListener) arguments[i]).frameworkEvent(new FrameworkEvent(FrameworkEvent.PACKAGES_REFRESHED, system, null));
            }
            return null;
        }).when(wiring).refreshBundles(any(), any(FrameworkListener[].class));
        moduleJar = jar(ID, "1.0.0");
        libraryJar = jar(LIB, "2.11.0");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            synchronized (requests) {
                requests.add(path);
            }
            byte[] body = path.startsWith("/v1/libraries/") ? libraryJar : moduleJar;
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        VendorClient client = new VendorClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofSeconds(2), Duration.ofSeconds(5), 64 * 1024, InstallationIdentity.loadOrCreate(data.resolve("id")),
                Clock.systemUTC());
        connection = new VendorChannel.Connection(client, new JwsVerifier(Map.of()));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aLibraryInstalledByAnInstallTheHostDiedInIsUninstalledAtTheNextStart() throws Exception {
        ObjectMapper json = new ObjectMapper();
        CatalogLibrary library = new CatalogLibrary(json.valueToTree(Map.of("symbolicName", LIB, "version", "2.11.0",
                "size", libraryJar.length, "sha256", CatalogFetcher.sha256(libraryJar), "path", "/v1/libraries/" + LIB + "/2.11.0/download")));
        Map<String, Object> release = Map.of("version", "1.0.0", "size", moduleJar.length, "sha256", CatalogFetcher.sha256(moduleJar),
                "path", "/v1/modules/" + ID + "/1.0.0/download");
        CatalogDocument.Module module = new CatalogDocument.Module(json.valueToTree(Map.of("id", ID, "releases", List.of(release))));
        Bundle installedLibrary = bundle(LIB, library.location());
        when(context.installBundle(eq(library.location()), any(InputStream.class))).thenReturn(installedLibrary);
        // The host dies as the framework takes the module, after it took the library.
        when(context.installBundle(eq(ModuleInstaller.LOCATION_PREFIX + ID), any(InputStream.class))).thenThrow(new Killed());
        InstallJournal journal = new InstallJournal(data.resolve("install-journal.json"));
        Logger logger = mock(Logger.class);
        ModuleInstaller installer = new ModuleInstaller(context, data.resolve("modules"), Duration.ofSeconds(5), journal,
                Duration.ofSeconds(5), logger);

        assertThrows(Killed.class, () -> installer.install(List.of(new AbstractMap.SimpleEntry<>(module, module.releases.get(0))),
                new LibraryResolution.Plan(List.of(library)), new Operation(ID, "INSTALL", "1.0.0", System.currentTimeMillis()),
                connection, new ModuleLicensing(mock(LicenseService.class), mock(VendorChannel.class))));
        assertEquals(List.of("/v1/libraries/" + LIB + "/2.11.0/download", "/v1/modules/" + ID + "/1.0.0/download"), requests,
                "the library is downloaded first, without a license key");

        // The next start: the framework still has the library (Felix persisted its install).
        when(context.getBundle(library.location())).thenReturn(installedLibrary);
        ModuleInstaller restarted = new ModuleInstaller(context, data.resolve("modules"), Duration.ofSeconds(5),
                new InstallJournal(data.resolve("install-journal.json")), Duration.ofSeconds(5), logger);
        assertEquals(List.of(ID, LIB), restarted.recover());
        verify(installedLibrary).uninstall();
        assertEquals(List.of(), journal.leftover(), "the journal is gone once rolled back");
    }

    /**
     * A removal killed after its own journal was cleared and before the libraries' removal was journaled (HostCrashIT's
     * window): no journal is left, the library no module needs is still there; the next start removes it. A library
     * that an unresolved module may need is kept (an unresolved module has no wires to tell).
     */
    @Test
    void aLibraryNoModuleNeedsIsRemovedAtTheNextStartUnlessAModuleIsUnresolved() throws Exception {
        String location = FrameworkChanges.LIBRARY_PREFIX + LIB + "/2.11.0";
        Bundle orphan = bundle(LIB, location);
        Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        Bundle unresolved = bundle(ID, ModuleInstaller.LOCATION_PREFIX + ID);
        when(context.getBundles()).thenReturn(new Bundle[] {system, unresolved, orphan});
        Logger logger = mock(Logger.class);
        ModuleInstaller restarted = new ModuleInstaller(context, data.resolve("modules"), Duration.ofSeconds(5),
                new InstallJournal(data.resolve("install-journal.json")), Duration.ofSeconds(5), logger);

        assertEquals(List.of(), restarted.recover(), "no journal: nothing rolled back");
        verify(orphan, org.mockito.Mockito.never()).uninstall();

        when(context.getBundles()).thenReturn(new Bundle[] {system, orphan});
        restarted.recover();
        verify(orphan).uninstall();
    }

    private static Bundle bundle(String name, String location) {
        Bundle bundle = mock(Bundle.class);
        when(bundle.getVersion()).thenReturn(Version.parseVersion("2.11.0"));
        when(bundle.getLocation()).thenReturn(location);
        when(bundle.getSymbolicName()).thenReturn(name);
        when(bundle.getHeaders("")).thenReturn(new Hashtable<>());
        return bundle;
    }

    private static byte[] jar(String name, String version) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        main.putValue(Constants.BUNDLE_SYMBOLICNAME, name);
        main.putValue(Constants.BUNDLE_VERSION, version);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JarOutputStream(bytes, manifest).close();
        return bytes.toByteArray();
    }
}
