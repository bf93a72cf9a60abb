package org.pbx.marketplace.impl.internal.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.log.Logger;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.impl.internal.protocol.VendorChannel;

import com.fasterxml.jackson.databind.ObjectMapper;

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

    private final List<String> requests = new ArrayList<>();
    private InstallerFixture framework;
    private BundleContext context;
    private byte[] moduleJar;
    private byte[] libraryJar;

    @BeforeEach
    void start() throws Exception {
        moduleJar = InstallerFixture.jar(ID, "1.0.0");
        libraryJar = InstallerFixture.jar(LIB, "2.11.0");
        framework = new InstallerFixture(data, "/v1/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            synchronized (requests) {
                requests.add(path);
            }
            InstallerFixture.serve(exchange, path.startsWith("/v1/libraries/") ? libraryJar : moduleJar);
        });
        context = framework.context;
    }

    @AfterEach
    void stop() {
        framework.close();
    }

    @Test
    void aLibraryInstalledByAnInstallTheHostDiedInIsUninstalledAtTheNextStart() throws Exception {
        ObjectMapper json = new ObjectMapper();
        CatalogLibrary library = new CatalogLibrary(json.valueToTree(Map.of("symbolicName", LIB, "version", "2.11.0",
                "size", libraryJar.length, "sha256", CatalogFetcher.sha256(libraryJar), "path", "/v1/libraries/" + LIB + "/2.11.0/download")));
        Map<String, Object> release = Map.of("version", "1.0.0", "size", moduleJar.length, "sha256", CatalogFetcher.sha256(moduleJar),
                "path", "/v1/modules/" + ID + "/1.0.0/download");
        CatalogDocument.Module module = new CatalogDocument.Module(json.valueToTree(Map.of("id", ID, "releases", List.of(release))));
        Bundle installedLibrary = InstallerFixture.bundle(LIB, library.location(), "2.11.0");
        when(context.installBundle(eq(library.location()), any(InputStream.class))).thenReturn(installedLibrary);
        // The host dies as the framework takes the module, after it took the library.
        when(context.installBundle(eq(ModuleInstaller.LOCATION_PREFIX + ID), any(InputStream.class))).thenThrow(new Killed());
        InstallJournal journal = new InstallJournal(data.resolve("install-journal.json"));
        Logger logger = mock(Logger.class);
        ModuleInstaller installer = new ModuleInstaller(context, data.resolve("modules"), Duration.ofSeconds(5), journal,
                Duration.ofSeconds(5), logger);

        assertThrows(Killed.class, () -> installer.install(List.of(new AbstractMap.SimpleEntry<>(module, module.releases.get(0))),
                new LibraryResolution.Plan(List.of(library)), new Operation(ID, "INSTALL", "1.0.0", System.currentTimeMillis()),
                framework.connection, new ModuleLicensing(mock(LicenseService.class), mock(VendorChannel.class))));
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
        Bundle orphan = InstallerFixture.bundle(LIB, location, "2.11.0");
        Bundle system = framework.system;
        Bundle unresolved = InstallerFixture.bundle(ID, ModuleInstaller.LOCATION_PREFIX + ID, "2.11.0");
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
}
