package org.pbx.marketplace.impl.internal.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.InOrder;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.log.Logger;
import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.dto.ReasonDTO;
import org.pbx.marketplace.impl.internal.AtomicFiles;
import org.pbx.marketplace.impl.internal.protocol.VendorChannel;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Failures of an install said, never swallowed: a framework refresh that hangs, a journal that
 * can't be cleared, a rollback that can't undo, and a trial spent only by an install that succeeded.
 */
class ModuleInstallerFailuresTest {

    private static final String ID = "org.pbx.demo.recording";
    private static final String LOCATION = ModuleInstaller.LOCATION_PREFIX + ID;

    @TempDir
    Path data;

    private InstallerFixture framework;
    private BundleContext context;
    private FrameworkWiring wiring;
    private final Logger logger = mock(Logger.class);
    private final LicenseService license = mock(LicenseService.class);
    private final VendorChannel channel = mock(VendorChannel.class);
    private final AtomicBoolean trialStarted = new AtomicBoolean();
    /** Whether the vendor plays an older server: paid jars only to a license that holds the feature. */
    private volatile boolean olderServer;
    private final List<String> trialHeaders = new ArrayList<>();
    private byte[] served;
    private InstallJournal journal;

    @BeforeEach
    void start() throws Exception {
        framework = new InstallerFixture(data, "/v1/modules/", exchange -> {
            synchronized (trialHeaders) {
                trialHeaders.add(exchange.getRequestHeaders().getFirst(ModuleDownload.TRIAL_HEADER));
            }
            if (olderServer && !trialStarted.get()) {
                exchange.sendResponseHeaders(403, -1);
                exchange.close();
            } else {
                InstallerFixture.serve(exchange, served);
            }
        });
        context = framework.context;
        wiring = framework.wiring;

        when(channel.licenseKey()).thenReturn("MKT-TEST");
        when(license.isFeatureAvailable("call-recording")).thenAnswer(call -> trialStarted.get());
        when(license.whyUnavailable("call-recording")).thenReturn(reason("NOT_COVERED"));
        when(license.startTrial("call-recording-pro")).thenAnswer(call -> {
            trialStarted.set(true);
            return null;
        });
        journal = new InstallJournal(data.resolve("install-journal.json"));
    }

    @AfterEach
    void stop() {
        framework.close();
    }

    @Test
    void anUpdateWhoseRefreshDoesNotFinishFailsAndGetsItsPreviousJarBack() throws Exception {
        byte[] previous = jar("1.0.0");
        AtomicFiles.write(data.resolve("modules").resolve(ID).resolve("1.0.0.jar"), previous);
        Bundle existing = bundle("1.0.0");
        when(context.getBundle(LOCATION)).thenReturn(existing);
        List<byte[]> given = new ArrayList<>();
        doAnswer(call -> {
            given.add(((InputStream) call.getArguments()[0]).readAllBytes());
            return null;
        }).when(existing).update(any(InputStream.class));
        // The refresh after the update hangs; the rollback's own refresh then finishes.
        AtomicInteger refreshes = new AtomicInteger();
        doAnswer(call -> {
            if (refreshes.incrementAndGet() > 1) {
                InstallerFixture.finished(call.getArguments());
            }
            return null;
        }).when(wiring).refreshBundles(any(), any(FrameworkListener[].class));

        CatalogException e = assertThrows(CatalogException.class, () -> install(false, "1.1.0"));

        assertEquals("START_FAILED", e.reason().code, e.reason().message.get("en"));
        assertTrue(e.reason().technical.contains("refresh did not finish"), e.reason().technical);
        verify(existing, never()).start();
        assertEquals(2, given.size(), "the new jar, then the previous one back");
        assertArrayEquals(previous, given.get(1));
        assertEquals(List.of(), journal.leftover(), "rolled back whole: nothing for the next start");
    }

    @Test
    void aJournalThatCannotBeClearedFailsTheInstallBeforeItSucceedsAndRollsItBack() throws Exception {
        journal = spy(journal);
        doThrow(new IOException("No space left on device")).when(journal).clear();
        Bundle installed = newBundle();

        CatalogException e = assertThrows(CatalogException.class, () -> install(false, "1.0.0"));

        assertEquals("JOURNAL_FAILED", e.reason().code);
        assertTrue(e.reason().technical.contains("No space left"), e.reason().technical);
        verify(installed).start();
        verify(installed).uninstall();
        verify(logger).warn(argThat((String text) -> text.contains("journal could not be cleared")));
    }

    @Test
    void aRollbackThatCannotUndoIsLoggedWithWhatWasLeftAndShownOnTheOperation() throws Exception {
        Bundle installed = newBundle();
        doThrow(new BundleException("activator failed")).when(installed).start();
        doThrow(new BundleException("storage locked")).when(installed).uninstall();

        CatalogException e = assertThrows(CatalogException.class, () -> install(false, "1.0.0"));

        assertEquals("ROLLBACK_INCOMPLETE", e.reason().code);
        assertTrue(e.reason().message.get("en").contains(ID + " 1.0.0 still installed"), e.reason().message.get("en"));
        assertTrue(e.reason().message.get("ru").contains(ID), e.reason().message.get("ru"));
        assertTrue(e.reason().technical.startsWith("START_FAILED"), e.reason().technical);
        verify(logger).error(argThat((String text) -> text.contains("storage locked") && text.contains("still installed")));
        assertEquals(1, journal.leftover().size(), "kept: the next start finishes the rollback");
    }

    @Test
    void aPaidModuleStartsItsTrialOnlyOnceTheFrameworkStartedIt() throws Exception {
        Bundle installed = newBundle();

        install(true, "1.0.0");

        InOrder order = inOrder(installed, license);
        order.verify(installed).start();
        order.verify(license).startTrial("call-recording-pro");
        assertEquals(List.of("call-recording-pro"), trialHeaders, "the download named the trial to come");
        assertEquals(List.of(), journal.leftover());
    }

    @Test
    void aPaidModuleThatFailsToStartLeavesTheTrialUnspent() throws Exception {
        Bundle installed = newBundle();
        doThrow(new BundleException("activator failed")).when(installed).start();

        CatalogException e = assertThrows(CatalogException.class, () -> install(true, "1.0.0"));

        assertEquals("START_FAILED", e.reason().code);
        verify(license, never()).startTrial(anyString());
        verify(installed).uninstall();
    }

    @Test
    void aTrialTheVendorRefusesAfterTheStartRollsTheInstallBack() throws Exception {
        Bundle installed = newBundle();
        LicenseException used = new LicenseException(reason("TRIAL_USED"));
        doThrow(used).when(license).startTrial("call-recording-pro");

        CatalogException e = assertThrows(CatalogException.class, () -> install(true, "1.0.0"));

        assertEquals("NO_LICENSE", e.reason().code);
        verify(installed).uninstall();
        assertEquals(List.of(), journal.leftover());
    }

    @Test
    void anOlderServerThatServesOnlyAHeldFeatureGetsTheTrialFirst() throws Exception {
        olderServer = true;
        Bundle installed = newBundle();

        install(true, "1.0.0");

        InOrder order = inOrder(license, context, installed);
        order.verify(license).startTrial("call-recording-pro");
        order.verify(context).installBundle(anyString(), any(InputStream.class));
        order.verify(installed).start();
        assertEquals(2, trialHeaders.size(), "refused with the trial named, then served to the trial's license");
    }

    // ---- helpers

    private void install(boolean commercial, String version) throws Exception {
        served = jar(version);
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> release = Map.of("version", version, "size", served.length, "sha256", CatalogFetcher.sha256(served),
                "path", "/v1/modules/" + ID + "/" + version + "/download");
        CatalogDocument.Module module = new CatalogDocument.Module(json.valueToTree(Map.of("id", ID, "commercial", commercial,
                "featureId", "call-recording", "productId", "call-recording-pro", "releases", List.of(release))));
        ModuleInstaller installer = new ModuleInstaller(context, data.resolve("modules"), Duration.ofSeconds(5), journal,
                Duration.ofMillis(300), logger);
        installer.install(List.of(new AbstractMap.SimpleEntry<>(module, module.releases.get(0))),
                new Operation(ID, "INSTALL", version, System.currentTimeMillis()), framework.connection, new ModuleLicensing(license, channel));
    }

    private Bundle newBundle() throws Exception {
        Bundle bundle = bundle("1.0.0");
        when(context.installBundle(anyString(), any(InputStream.class))).thenReturn(bundle);
        return bundle;
    }

    private static Bundle bundle(String version) {
        return InstallerFixture.bundle(ID, LOCATION, version);
    }

    private static ReasonDTO reason(String code) {
        ReasonDTO reason = new ReasonDTO();
        reason.code = code;
        reason.message = Map.of("en", code + " (en)", "ru", code + " (ru)");
        return reason;
    }

    private static byte[] jar(String version) throws IOException {
        return InstallerFixture.jar(ID, version);
    }
}
