package org.pbx.marketplace.impl.internal.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;

import java.nio.file.Path;
import java.util.Dictionary;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.api.LicenseStatus;
import org.pbx.marketplace.api.dto.LicenseDTO;
import org.pbx.marketplace.impl.internal.gating.GatingPublisher;
import org.pbx.marketplace.impl.internal.protocol.InstallationIdentity;

/**
 * A mistyped serverUrl keeps the license service up: the license says why (en/ru), the log says
 * it once, and a call that needs the vendor is refused with that reason instead of an exception
 * that takes the component down.
 */
class LicenseEngineTest {

    @TempDir
    Path data;

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private LicenseEngine engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.stop();
        }
    }

    @Test
    void aMistypedServerUrlIsAReasonOnTheLicenseAndInTheLog() throws Exception {
        engine = engine();
        engine.start(SettingsTest.settings(c -> c.serverUrl = "htps:/vendor.example"), true);

        LicenseDTO license = engine.license();
        assertEquals(LicenseStatus.UNREGISTERED, license.status, "the service is up");
        assertEquals("CONFIG_SERVER_URL", license.reason.code);
        assertTrue(license.reason.message.get("ru").contains("serverUrl"));
        assertEquals(1, logged.stream().filter(line -> line.startsWith("WARN") && line.contains("htps:/vendor.example")).count(), logged.toString());

        LicenseException refused = assertThrows(LicenseException.class,
                () -> engine.operations().register(LicenseEngineTest.form()));
        assertEquals("CONFIG_SERVER_URL", refused.reason().code);

        engine.reconfigure(SettingsTest.settings(c -> c.serverUrl = "https://vendor.example"), true);
        assertEquals(null, engine.license().reason, "corrected: the reason goes");
        assertEquals("https://vendor.example/cabinet/", engine.license().cabinetUrl);
    }

    @Test
    void aMistypedVendorKeyIsNamedOnTheLicense() throws Exception {
        engine = engine();
        engine.start(SettingsTest.settings(c -> c.vendorKeys = new String[] {"ed25519-1=not-a-key"}), true);
        assertEquals("CONFIG_VENDOR_KEY", engine.license().reason.code);
        assertTrue(engine.license().reason.message.get("en").contains("ed25519-1"));
        assertTrue(logged.stream().anyMatch(line -> line.startsWith("WARN") && line.contains("ed25519-1")), logged.toString());
    }

    private LicenseEngine engine() throws Exception {
        BundleContext context = mock(BundleContext.class);
        doReturn(mock(ServiceRegistration.class)).when(context).registerService(any(Class.class), (Object) any(), any(Dictionary.class));
        return new LicenseEngine(InstallationIdentity.loadOrCreate(data.resolve("identity")),
                new LicenseStore(data.resolve("license.json")), new GatingPublisher(context), new KeyConfig(null),
                List.of(), (level, message) -> logged.add(level + " " + message));
    }

    static org.pbx.marketplace.api.dto.RegistrationDTO form() {
        org.pbx.marketplace.api.dto.RegistrationDTO form = new org.pbx.marketplace.api.dto.RegistrationDTO();
        form.companyName = "Co";
        form.email = "a@example.com";
        form.contactName = "Ivan";
        return form;
    }
}
