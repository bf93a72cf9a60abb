package org.pbx.marketplace.impl.internal.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.api.LicenseStatus;
import org.pbx.marketplace.impl.internal.gating.GatingPublisher;
import org.pbx.marketplace.impl.internal.protocol.InstallationIdentity;

/** Offline activation's two steps against a real store: the request is kept until its token is imported, once. */
class OfflineActivatorTest {

    @TempDir
    Path data;

    private final Fixtures vendor = new Fixtures();
    private final EngineClock clock = new EngineClock();
    private Publication publication;
    private CheckScheduler scheduler;
    private LicenseStore store;
    private VendorLink link;
    private OfflineActivator offline;

    @BeforeEach
    void start() throws Exception {
        InstallationIdentity identity = InstallationIdentity.loadOrCreate(data);
        vendor.installation = identity.id();
        publication = new Publication(identity.id(), mock(GatingPublisher.class), List.of(), (level, message) -> { }, id -> null);
        scheduler = new CheckScheduler(() -> { });
        store = new LicenseStore(data.resolve("license.json"));
        LicenseMachine machine = new LicenseMachine(store, mock(KeyConfig.class), publication, scheduler, clock,
                (level, message) -> { }, () -> { });
        machine.start((jws, key) -> null);
        link = new VendorLink(identity, data.resolve("trust-root.json"), clock, (level, message) -> { }, restorer -> { });
        link.configure(vendor.settings("", ""), true);
        offline = new OfflineActivator(identity, machine, link, clock, (level, message) -> { }, publication::license);
    }

    @AfterEach
    void stop() {
        scheduler.stop();
        publication.stop();
    }

    @Test
    void theTokenMadeForTheRequestActivatesOnce() throws Exception {
        assertEquals("OFFLINE_NO_REQUEST", assertThrows(LicenseException.class, () -> offline.importToken("x")).reason().code);
        assertEquals("KEY_FORMAT", assertThrows(LicenseException.class, () -> offline.request("MKT-1")).reason().code);
        String request = offline.request(Fixtures.KEY.toLowerCase());
        String nonce = store.load().offlineNonce;
        assertEquals(Fixtures.KEY, store.load().offlineKey, "kept on disk before the file is handed out");
        assertEquals(3, request.split("\\.").length, "a signed request: " + request);

        String tokenFile = vendor.jws(vendor.claims(Fixtures.KEY, 1, clock.millis(), nonce));
        assertEquals("OFFLINE_TOKEN_OTHER_KEY", assertThrows(LicenseException.class, () -> offline.importToken(
                vendor.jws(vendor.claims(Fixtures.OTHER_KEY, 1, clock.millis(), nonce)))).reason().code);
        assertEquals(LicenseStatus.ACTIVE, offline.importToken(tokenFile).status);
        assertEquals(Fixtures.KEY, store.load().key);
        assertNull(store.load().offlineNonce);
        assertEquals("OFFLINE_NO_REQUEST", assertThrows(LicenseException.class, () -> offline.importToken(tokenFile)).reason().code);
    }

    @Test
    void withoutATrustRootNoTokenIsBelieved() throws Exception {
        link.configure(Settings.of(Fixtures.config("", ""), null, "no trust root is configured", "http://127.0.0.1:9/v"), true);
        offline.request(Fixtures.KEY);
        assertEquals("NO_TRUST_ROOT", assertThrows(LicenseException.class, () -> offline.importToken("a.b.c")).reason().code);
    }
}
