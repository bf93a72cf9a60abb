package org.pbx.marketplace.impl.internal.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.api.LicenseStatus;
import org.pbx.marketplace.api.dto.RegistrationDTO;
import org.pbx.marketplace.impl.internal.gating.GatingPublisher;
import org.pbx.marketplace.impl.internal.protocol.InstallationIdentity;

/** Issue 18, item 3: mistyped settings keep the engine up, said on the license (en, ru) and once in the log. */
class LicenseEngineTest {

    @TempDir
    Path data;

    private final Fixtures vendor = new Fixtures();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final KeyConfig keyConfig = mock(KeyConfig.class);
    private LicenseEngine engine;

    @BeforeEach
    void start() throws Exception {
        engine = new LicenseEngine(InstallationIdentity.loadOrCreate(data), new LicenseStore(data.resolve("license.json")),
                data.resolve("trust-root.json"), mock(GatingPublisher.class), keyConfig, List.of(),
                (level, message) -> logged.add(level + " " + message), id -> null);
    }

    @AfterEach
    void stop() {
        engine.stop();
    }

    @Test
    void aMistypedServerUrlIsAReasonAndEveryCallSaysIt() throws Exception {
        engine.start(vendor.settings("https//vendor.example.com", ""), true);
        assertEquals(LicenseStatus.UNREGISTERED, engine.license().status);
        assertEquals("SERVER_URL_INVALID", engine.license().reason.code);
        assertTrue(engine.license().reason.message.get("ru").startsWith("Адрес сервера"));
        assertEquals(1, logged.stream().filter(line -> line.startsWith("WARN The server URL")).count(), logged.toString());
        RegistrationDTO form = new RegistrationDTO();
        form.companyName = "Acme";
        form.email = "ann@example.com";
        form.contactName = "Ann";
        assertEquals("SERVER_URL_INVALID", assertThrows(LicenseException.class, () -> engine.register(form)).reason().code);
        assertEquals("SERVER_URL_INVALID", assertThrows(LicenseException.class, engine::connection).reason().code);

        engine.reconfigure(vendor.settings("https//vendor.example.com", ""), true);
        assertEquals(1, logged.stream().filter(line -> line.startsWith("WARN The server URL")).count(), "said once, not per change");
        engine.reconfigure(vendor.settings("https://vendor.example.com", ""), true);
        assertNull(engine.license().reason, "corrected: the reason goes");
        assertEquals("https://vendor.example.com/cabinet/", engine.license().cabinetUrl);
    }

    @Test
    void aMistypedKeyIsSaidNotDroppedAndTheConfigurationIsLeftAlone() throws Exception {
        engine.start(vendor.settings("", "MKT-ABCDE-12345"), true);
        assertEquals("CONFIGURED_KEY_INVALID", engine.license().reason.code);
        assertTrue(logged.stream().anyMatch(line -> line.startsWith("WARN The license key in the Marketplace license settings")),
                logged.toString());
        assertTrue(logged.stream().noneMatch(line -> line.contains("MKT-ABCDE-12345")), "the value is not logged");
        verify(keyConfig, never()).store(any());
    }

    @Test
    void anIncompleteFormIsRefusedFieldByFieldBeforeTheVendorIsAsked() {
        engine.start(vendor.settings("https//vendor.example.com", ""), true);
        RegistrationDTO form = new RegistrationDTO();
        form.email = " ";
        LicenseException refused = assertThrows(LicenseException.class, () -> engine.register(form));
        assertEquals("FORM_INVALID", refused.reason().code);
        assertEquals("The form is not filled in correctly: companyName, email, contactName.", refused.reason().message.get("en"));
    }
}
