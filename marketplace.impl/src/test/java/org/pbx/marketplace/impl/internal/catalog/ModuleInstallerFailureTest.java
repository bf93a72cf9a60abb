package org.pbx.marketplace.impl.internal.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

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
import org.osgi.service.log.Logger;
import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.impl.internal.AtomicFiles;

/**
 * Failures of a framework change are said, never swallowed: a refresh that does not finish in time
 * fails the operation and rolls back; a journal that can't be cleared fails it before it reports
 * success; a rollback step that fails is logged with what it left and named on the operation.
 */
class ModuleInstallerFailureTest {

    private static final String ID = "org.pbx.demo.callback";
    private static final String LOCATION = ModuleInstaller.LOCATION_PREFIX + ID;
    private static final byte[] NEW_JAR = {1, 1, 0};

    @TempDir
    Path data;

    private final BundleContext context = mock(BundleContext.class);
    private final FrameworkWiring wiring = mock(FrameworkWiring.class);
    private final Logger logger = mock(Logger.class);
    private final Bundle system = mock(Bundle.class);
    /** Refreshes that never finish: the first {@code hanging} ones. */
    private final AtomicInteger hanging = new AtomicInteger();
    private InstallJournal journal;
    private ModuleInstaller installer;

    @BeforeEach
    void framework() {
        when(context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION)).thenReturn(system);
        when(system.adapt(FrameworkWiring.class)).thenReturn(wiring);
        doAnswer(call -> {
            if (hanging.getAndDecrement() > 0) {
                return null; // the framework never says it is done
            }
            Object[] arguments = call.getArguments();
            for (int i = 1; i < arguments.length; i++) {
                ((FrameworkListener) arguments[i]).frameworkEvent(new FrameworkEvent(FrameworkEvent.PACKAGES_REFRESHED, system, null));
            }
            return null;
        }).when(wiring).refreshBundles(any(), any(FrameworkListener[].class));
        journal = spy(new InstallJournal(data.resolve("install-journal.json")));
        installer = new ModuleInstaller(context, data.resolve("modules"), Duration.ofSeconds(5), journal, logger,
                Duration.ofMillis(300));
    }

    @Test
    void aRefreshThatDoesNotFinishInTimeFailsTheUpdateAndPutsThePreviousJarBack() throws Exception {
        Bundle module = installed("1.0.0");
        AtomicFiles.write(data.resolve("modules").resolve(ID).resolve("1.0.0.jar"), new byte[] {1, 0, 0});
        hanging.set(1);

        CatalogException failed = assertThrows(CatalogException.class, () -> installer.apply(update(), operation()));

        assertEquals("REFRESH_TIMEOUT", failed.reason().code);
        verify(module, times(2)).update(any(InputStream.class));
        verify(module, times(0)).start();
        assertEquals(List.of(), journal.leftover(), "rolled back whole: nothing left for the next start");
    }

    @Test
    void aRefreshThatNeverFinishesLeavesTheJournalAndSaysSo() throws Exception {
        installed("1.0.0");
        AtomicFiles.write(data.resolve("modules").resolve(ID).resolve("1.0.0.jar"), new byte[] {1, 0, 0});
        hanging.set(Integer.MAX_VALUE);

        CatalogException failed = assertThrows(CatalogException.class, () -> installer.apply(update(), operation()));

        assertEquals("REFRESH_TIMEOUT", failed.reason().code);
        assertTrue(failed.reason().message.get("en").contains("Rolling back did not finish"), failed.reason().message.get("en"));
        assertTrue(failed.reason().message.get("ru").contains("Откат выполнен не полностью"));
        assertEquals(1, journal.leftover().size(), "the next start rolls back again");
        verify(logger).error(contains("the install journal stays"));
    }

    @Test
    void aJournalThatCannotBeClearedFailsTheInstallAndRollsItBack() throws Exception {
        Bundle fresh = bundle("1.1.0");
        when(context.installBundle(anyString(), any(InputStream.class))).thenReturn(fresh);
        doThrow(new IOException("read-only file system")).when(journal).clear();

        CatalogException failed = assertThrows(CatalogException.class, () -> installer.apply(update(), operation()));

        assertEquals("JOURNAL_FAILED", failed.reason().code);
        assertTrue(failed.reason().message.get("en").contains("read-only file system"));
        verify(fresh).start();
        verify(fresh).uninstall();
        verify(logger, atLeastOnce()).error(contains("could not be cleared"));
    }

    @Test
    void aRollbackStepThatFailsIsLoggedWithWhatItLeftAndShownOnTheOperation() throws Exception {
        Bundle fresh = bundle("1.1.0");
        when(context.installBundle(anyString(), any(InputStream.class))).thenReturn(fresh);
        doThrow(new BundleException("activator failed")).when(fresh).start();
        doThrow(new BundleException("storage locked")).when(fresh).uninstall();

        CatalogException failed = assertThrows(CatalogException.class, () -> installer.apply(update(), operation()));

        assertEquals("START_FAILED", failed.reason().code);
        String en = failed.reason().message.get("en");
        assertTrue(en.contains("uninstall " + ID + " 1.1.0 failed (storage locked)"), en);
        verify(logger, atLeastOnce()).error(contains("uninstall " + ID + " 1.1.0 failed (storage locked)"));
        assertEquals(1, journal.leftover().size(), "the next start tries the rollback again");
    }

    @Test
    void aRemovalWhoseRefreshDoesNotFinishFails() throws Exception {
        Bundle module = installed("1.0.0");
        when(context.getBundles()).thenReturn(new Bundle[] {module});
        hanging.set(1);

        CatalogException failed = assertThrows(CatalogException.class, () -> installer.uninstall(ID));

        assertEquals("REFRESH_TIMEOUT", failed.reason().code);
        assertEquals(List.of(), journal.leftover(), "removed either way: nothing for the next start to redo");
    }

    private List<ModuleInstaller.Verified> update() {
        return List.of(new ModuleInstaller.Verified(ID, Version.parseVersion("1.1.0"), NEW_JAR));
    }

    private static Operation operation() {
        return new Operation(ID, "INSTALL", "1.1.0", System.currentTimeMillis());
    }

    private Bundle installed(String version) {
        Bundle bundle = bundle(version);
        when(context.getBundle(LOCATION)).thenReturn(bundle);
        return bundle;
    }

    private static Bundle bundle(String version) {
        Bundle bundle = mock(Bundle.class);
        when(bundle.getVersion()).thenReturn(Version.parseVersion(version));
        when(bundle.getLocation()).thenReturn(LOCATION);
        when(bundle.getSymbolicName()).thenReturn(ID);
        when(bundle.getHeaders("")).thenReturn(new Hashtable<>());
        return bundle;
    }
}
