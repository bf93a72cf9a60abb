package org.pbx.marketplace.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.LicenseStatus;
import org.pbx.marketplace.api.dto.LicenseDTO;

/**
 * Issue 18, item 3, through Config Admin as an operator edits it: a mistyped server URL or license
 * key keeps the license service (and the license) up, with the reason on the license in en and ru
 * and a line in the log, instead of an exception or a key silently dropped.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LicenseSettingsIT extends MarketplaceTestSupport {

    private static final String PID = "org.pbx.marketplace.license";

    @Inject
    LicenseService license;

    @Inject
    ConfigurationAdmin configAdmin;

    @Inject
    LogReaderService logReader;

    @Test
    public void mistypedSettingsAreReasonsNotOutages() throws Exception {
        if (revealedKey() == null) {
            license.register(registration("Settings Co", "settings@example.com"));
        }
        String key = revealedKey();
        await("the key in the configuration", () -> key.equals(configured("licenseKey")));
        assertEquals(LicenseStatus.ACTIVE, license.license().status);
        Object service = serviceId();
        List<LogEntry> logged = new CopyOnWriteArrayList<>();
        LogListener listener = logged::add;
        logReader.addLogListener(listener);
        try {
            configure("htp:/ vendor.example.com", key);
            LicenseDTO mistypedUrl = awaitReason("SERVER_URL_INVALID");
            assertEquals("the license stays", LicenseStatus.ACTIVE, mistypedUrl.status);
            assertTrue(mistypedUrl.reason.message.get("en"), mistypedUrl.reason.message.get("en").contains("server URL"));
            assertTrue(mistypedUrl.reason.message.get("ru"), mistypedUrl.reason.message.get("ru").contains("Адрес сервера"));
            assertEquals("the same license service, never taken down", service, serviceId());
            assertEquals("SERVER_URL_INVALID", expectRefusal(LicenseException.class, license::refresh).reason().code);
            await("the server URL's problem in the log", () -> logged.stream().anyMatch(entry -> entry.getLogLevel() == LogLevel.WARN
                    && entry.getMessage().startsWith("The server URL in the Marketplace license settings can't be used")));

            configure("", "MKT-12345-ABCDE");
            LicenseDTO mistypedKey = awaitReason("CONFIGURED_KEY_INVALID");
            assertEquals("the license stays", LicenseStatus.ACTIVE, mistypedKey.status);
            assertTrue(mistypedKey.reason.message.get("ru"), mistypedKey.reason.message.get("ru").contains("неверный формат"));
            assertEquals("the key in use is not dropped", key, revealedKey());
            assertEquals("nor is the admin's typo overwritten", "MKT-12345-ABCDE", configured("licenseKey"));
            await("the key's problem in the log", () -> logged.stream().anyMatch(entry -> entry.getLogLevel() == LogLevel.WARN
                    && entry.getMessage().startsWith("The license key in the Marketplace license settings")));
            assertFalse("the typo is not logged", logged.stream().anyMatch(entry -> entry.getMessage().contains("MKT-12345-ABCDE")));
            assertEquals(service, serviceId());
        } finally {
            logReader.removeLogListener(listener);
            configure("", key);
        }
        await("the reason to go once the settings are corrected", () -> license.license().reason == null);
        assertEquals(LicenseStatus.ACTIVE, license.refresh().status);
    }

    private LicenseDTO awaitReason(String code) {
        await("the license to say " + code, () -> {
            LicenseDTO now = license.license();
            return now.reason != null && code.equals(now.reason.code);
        });
        return license.license();
    }

    private Object serviceId() {
        ServiceReference<LicenseService> reference = context.getServiceReference(LicenseService.class);
        return reference == null ? null : reference.getProperty(Constants.SERVICE_ID);
    }

    private void configure(String serverUrl, String licenseKey) throws Exception {
        Configuration configuration = configAdmin.getConfiguration(PID, "?");
        Dictionary<String, Object> props = configuration.getProperties() == null ? new Hashtable<>() : configuration.getProperties();
        props.put("serverUrl", serverUrl);
        props.put("licenseKey", licenseKey);
        configuration.update(props);
    }

    private Object configured(String property) {
        try {
            Dictionary<String, Object> props = configAdmin.getConfiguration(PID, "?").getProperties();
            return props == null ? null : props.get(property);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
