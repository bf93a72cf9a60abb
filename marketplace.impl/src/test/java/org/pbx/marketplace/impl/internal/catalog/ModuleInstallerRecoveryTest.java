package org.pbx.marketplace.impl.internal.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.FrameworkWiring;
import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.impl.internal.AtomicFiles;

/**
 * A host killed in the middle of an install or update: the journal it left is rolled back at the
 * next start, as the operation's own rollback would have done, and removed.
 */
class ModuleInstallerRecoveryTest {

    private static final String ID = "org.pbx.demo.callback";
    private static final String LOCATION = ModuleInstaller.LOCATION_PREFIX + ID;

    @TempDir
    Path data;

    private final BundleContext context = mock(BundleContext.class);
    private final FrameworkWiring wiring = mock(FrameworkWiring.class);
    private InstallJournal journal;
    private ModuleInstaller installer;

    @BeforeEach
    void framework() {
        Bundle system = mock(Bundle.class);
        when(context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION)).thenReturn(system);
        when(system.adapt(FrameworkWiring.class)).thenReturn(wiring);
        // The framework's bundles, as the start's library cleanup lists them (a test that needs more sets its own).
        when(system.getLocation()).thenReturn(Constants.SYSTEM_BUNDLE_LOCATION);
        when(context.getBundles()).thenReturn(new Bundle[] {system});
        // A refresh that is done at once, as Felix's ends with PACKAGES_REFRESHED.
        doAnswer(call -> {
            Object[] arguments = call.getArguments();
            for (int i = 1; i < arguments.length; i++) {
                ((FrameworkListener) arguments[i]).frameworkEvent(new FrameworkEvent(FrameworkEvent.PACKAGES_REFRESHED, system, null));
            }
            return null;
        }).when(wiring).refreshBundles(any(), any(FrameworkListener[].class));
        journal = new InstallJournal(data.resolve("install-journal.json"));
        installer = new ModuleInstaller(context, data.resolve("modules"), Duration.ofSeconds(5), journal, Duration.ofSeconds(5),
                mock(org.osgi.service.log.Logger.class));
    }

    @Test
    void noJournalTouchesNothing() throws Exception {
        assertEquals(List.of(), installer.recover());
        verify(context, never()).getBundle(LOCATION);
    }

    @Test
    void aNewModuleKilledBeforeItsStartIsUninstalled() throws Exception {
        Bundle halfInstalled = bundle("1.1.0", Bundle.INSTALLED);
        when(context.getBundle(LOCATION)).thenReturn(halfInstalled);
        journal.write(List.of(new InstallJournal.Entry(ID, LOCATION, null, null)));

        assertEquals(List.of(ID), installer.recover());

        verify(halfInstalled).uninstall();
        verify(halfInstalled, never()).start();
        assertEquals(List.of(), journal.leftover(), "the journal is gone once rolled back");
    }

    @Test
    void aNewModuleKilledBeforeTheFrameworkHadItLeavesNothingToDo() throws Exception {
        journal.write(List.of(new InstallJournal.Entry(ID, LOCATION, null, null)));

        assertEquals(List.of(ID), installer.recover());

        verify(context, never()).installBundle(anyString(), any(InputStream.class));
        assertEquals(List.of(), journal.leftover());
    }

    @Test
    void anUpdateKilledAfterTheFrameworkTookTheNewJarGetsThePreviousJarBackAndIsStarted() throws Exception {
        byte[] previous = "the 1.0.0 jar".getBytes(StandardCharsets.UTF_8);
        Path kept = data.resolve("modules").resolve(ID).resolve("1.0.0.jar");
        AtomicFiles.write(kept, previous);
        Bundle updated = bundle("1.1.0", Bundle.RESOLVED);
        AtomicReference<byte[]> putBack = new AtomicReference<>();
        doAnswer(call -> {
            putBack.set(((InputStream) call.getArguments()[0]).readAllBytes());
            return null;
        }).when(updated).update(any(InputStream.class));
        when(context.getBundle(LOCATION)).thenReturn(updated);
        journal.write(List.of(new InstallJournal.Entry(ID, LOCATION, "1.0.0", kept)));

        assertEquals(List.of(ID), installer.recover());

        assertArrayEquals(previous, putBack.get(), "the previous version's jar");
        verify(updated).start();
        assertEquals(List.of(), journal.leftover());
    }

    @Test
    void anUpdateKilledBeforeTheFrameworkTookTheNewJarIsOnlyStarted() throws Exception {
        Path kept = data.resolve("modules").resolve(ID).resolve("1.0.0.jar");
        AtomicFiles.write(kept, new byte[] {1});
        Bundle old = bundle("1.0.0", Bundle.ACTIVE);
        when(context.getBundle(LOCATION)).thenReturn(old);
        journal.write(List.of(new InstallJournal.Entry(ID, LOCATION, "1.0.0", kept)));

        installer.recover();

        verify(old, never()).update(any(InputStream.class));
        verify(old).start();
    }

    @Test
    void aRollbackTheFrameworkRefusesKeepsTheJournalForTheNextStart() throws Exception {
        Bundle halfInstalled = bundle("1.1.0", Bundle.INSTALLED);
        doThrow(new BundleException("storage locked")).when(halfInstalled).uninstall();
        when(context.getBundle(LOCATION)).thenReturn(halfInstalled);
        journal.write(List.of(new InstallJournal.Entry(ID, LOCATION, null, null)));

        assertThrows(CatalogException.class, installer::recover);

        assertEquals(1, journal.leftover().size(), "tried again at the next start");
    }

    @Test
    void aRemovalIsJournaledWhileTheFrameworkRemovesTheModule() throws Exception {
        Bundle module = bundle("1.0.0", Bundle.ACTIVE);
        when(context.getBundles()).thenReturn(new Bundle[] {module});
        List<List<InstallJournal.Entry>> seen = new java.util.ArrayList<>();
        doAnswer(call -> {
            seen.add(journal.leftover());
            return null;
        }).when(module).uninstall();

        installer.uninstall(ID);

        assertEquals(1, seen.size());
        assertEquals(LOCATION, seen.get(0).get(0).location, "on disk while Felix stops and uninstalls the module");
        assertEquals(null, seen.get(0).get(0).previousJar, "so that the next start removes it, finishing the removal");
        assertEquals(List.of(), journal.leftover(), "gone once removed");
    }

    @Test
    void theJournalIsWrittenWholeOrNotAtAll() throws Exception {
        Path file = data.resolve("install-journal.json");
        // A crash while writing leaves only the temporary file: no journal, nothing to roll back.
        Files.writeString(file.resolveSibling("install-journal.json.tmp"), "{\"entries\":[{\"moduleId\":\"org.pb");
        assertEquals(List.of(), journal.leftover());
        journal.write(List.of(new InstallJournal.Entry(ID, LOCATION, "1.0.0", data.resolve("1.0.0.jar"))));
        InstallJournal.Entry read = journal.leftover().get(0);
        assertEquals(LOCATION, read.location);
        assertEquals("1.0.0", read.previousVersion);
        assertTrue(read.previousJar.endsWith("1.0.0.jar"));
        journal.clear();
        assertFalse(Files.exists(file));
    }

    private static Bundle bundle(String version, int state) {
        Bundle bundle = mock(Bundle.class);
        when(bundle.getVersion()).thenReturn(Version.parseVersion(version));
        when(bundle.getState()).thenReturn(state);
        when(bundle.getLocation()).thenReturn(LOCATION);
        when(bundle.getSymbolicName()).thenReturn(ID);
        when(bundle.getHeaders("")).thenReturn(new Hashtable<>());
        return bundle;
    }
}
