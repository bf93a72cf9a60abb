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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.InOrder;
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
import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.dto.ReasonDTO;
import org.pbx.marketplace.impl.internal.AtomicFiles;
import org.pbx.marketplace.impl.internal.protocol.InstallationIdentity;
import org.pbx.marketplace.impl.internal.protocol.JwsVerifier;
import org.pbx.marketplace.impl.internal.protocol.VendorChannel;
import org.pbx.marketplace.impl.internal.protocol.VendorClient;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * Failures of an install said, never swallowed: a framework refresh that hangs, a journal that
 * can't be cleared, a rollback that can't undo, and a trial spent only by an install that succeeded.
 */
class ModuleInstallerFailuresTest {

    private static final String ID = "org.pbx.demo.recording";
    private static final String LOCATION = ModuleInstaller.LOCATION_PREFIX + ID;

    @TempDir
    Path data;

    private final BundleContext context = mock(BundleContext.class);
    private final FrameworkWiring wiring = mock(FrameworkWiring.class);
    private final Logger logger = mock(Logger.class);
    private final LicenseService license = mock(LicenseService.class);
    private final VendorChannel channel = mock(VendorChannel.class);
    private final AtomicBoolean trialStarted = new AtomicBoolean();
    /** Whether the vendor plays an older server: paid jars only to a license that holds the feature. */
    private volatile boolean olderServer;
    private final List<String> trialHeaders = new ArrayList<>();
    private HttpServer server;
    private byte[] served;
    private VendorChannel.Connection connection;
    private InstallJournal journal;

    @BeforeEach
    void start() throws Exception {
        Bundle system = mock(Bundle.class);
        when(system.getLocation()).thenReturn(Constants.SYSTEM_BUNDLE_LOCATION);
        when(system.getSymbolicName()).thenReturn("org.apache.felix.framework");
        when(system.adapt(FrameworkWiring.class)).thenReturn(wiring);
        when(context.getBundles()).thenReturn(new Bundle[] {system});
        when(context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION)).thenReturn(system);
        refreshesFinish(true);

        when(channel.licenseKey()).thenReturn("MKT-TEST");
        when(license.isFeatureAvailable("call-recording")).thenAnswer(call -> trialStarted.get());
        when(license.whyUnavailable("call-recording")).thenReturn(reason("NOT_COVERED"));
        when(license.startTrial("call-recording-pro")).thenAnswer(call -> {
            trialStarted.set(true);
            return null;
        });

        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/modules/", exchange -> {
            synchronized (trialHeaders) {
                trialHeaders.add(exchange.getRequestHeaders().getFirst(ModuleDownload.TRIAL_HEADER));
            }
            if (olderServer && !trialStarted.get()) {
                exchange.sendResponseHeaders(403, -1);
            } else {
                exchange.sendResponseHeaders(200, served.length);
                exchange.getResponseBody().write(served);
            }
            exchange.close();
        });
        server.start();
        VendorClient client = new VendorClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofSeconds(2), Duration.ofSeconds(5), 64 * 1024, InstallationIdentity.loadOrCreate(data.resolve("id")),
                Clock.systemUTC());
        connection = new VendorChannel.Connection(client, new JwsVerifier(Map.of()));
        journal = new InstallJournal(data.resolve("install-journal.json"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
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
                finish(call.getArguments());
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
                new Operation(ID, "INSTALL", version, System.currentTimeMillis()), connection, new ModuleLicensing(license, channel));
    }

    private Bundle newBundle() throws Exception {
        Bundle bundle = bundle("1.0.0");
        when(context.installBundle(anyString(), any(InputStream.class))).thenReturn(bundle);
        return bundle;
    }

    private void refreshesFinish(boolean finish) {
        doAnswer(call -> {
            if (finish) {
                finish(call.getArguments());
            }
            return null;
        }).when(wiring).refreshBundles(any(), any(FrameworkListener[].class));
    }

    private static void finish(Object[] arguments) {
        for (int i = 1; i < arguments.length; i++) {
            ((FrameworkListener) arguments[i]).frameworkEvent(new FrameworkEvent(FrameworkEvent.PACKAGES_REFRESHED, mock(Bundle.class), null));
        }
    }

    private static Bundle bundle(String version) {
        Bundle bundle = mock(Bundle.class);
        when(bundle.getVersion()).thenReturn(Version.parseVersion(version));
        when(bundle.getLocation()).thenReturn(LOCATION);
        when(bundle.getSymbolicName()).thenReturn(ID);
        when(bundle.getHeaders("")).thenReturn(new Hashtable<>());
        return bundle;
    }

    private static ReasonDTO reason(String code) {
        ReasonDTO reason = new ReasonDTO();
        reason.code = code;
        reason.message = Map.of("en", code + " (en)", "ru", code + " (ru)");
        return reason;
    }

    private static byte[] jar(String version) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        main.putValue(Constants.BUNDLE_SYMBOLICNAME, ID);
        main.putValue(Constants.BUNDLE_VERSION, version);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JarOutputStream(bytes, manifest).close();
        return bytes.toByteArray();
    }
}
