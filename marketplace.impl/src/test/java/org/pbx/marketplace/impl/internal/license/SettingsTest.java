package org.pbx.marketplace.impl.internal.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pbx.marketplace.api.dto.ReasonDTO;

/** Issue 18: a mistyped setting never throws; it is left out and said, in en and ru. */
class SettingsTest {

    @Test
    void aMistypedServerUrlIsAReasonNotAnException() {
        for (String url : new String[] {"htp:/ vendor example", "ftp://vendor.example.com", "http://vendor.example.com"}) {
            Settings settings = Settings.of(Fixtures.config(url, ""), null, "none", "http://127.0.0.1:9/vendor");
            assertNull(settings.serverUrl, url);
            assertNull(settings.cabinetUrl(), url);
            ReasonDTO problem = settings.problem();
            assertEquals("SERVER_URL_INVALID", problem.code, url);
            assertTrue(problem.message.get("en").contains("server URL"), problem.message.get("en"));
            assertTrue(problem.message.get("ru").contains("Адрес сервера"), problem.message.get("ru"));
            assertTrue(problem.technical != null && !problem.technical.isEmpty(), "what is wrong, for the log: " + url);
        }
    }

    @Test
    void aMistypedKeyIsNeitherUsedNorDroppedSilently() {
        Settings settings = Settings.of(Fixtures.config("", "MKT-1234"), null, "none", "http://127.0.0.1:9/vendor");
        assertTrue(settings.keyMistyped);
        assertNull(settings.licenseKey);
        ReasonDTO problem = settings.problem();
        assertEquals("CONFIGURED_KEY_INVALID", problem.code);
        assertTrue(problem.message.get("ru").contains("неверный формат"), problem.message.get("ru"));
        assertFalse(problem.message.get("en").contains("MKT-1234"), "the configured value is not repeated");
    }

    @Test
    void goodSettingsHaveNoProblem() {
        Settings settings = Settings.of(Fixtures.config(" https://vendor.example.com/ ", " mkt-aaaaa-bbbbb-ccccc-ddddd "),
                null, "none", "http://127.0.0.1:9/vendor");
        assertNull(settings.problem());
        assertEquals(Fixtures.KEY, settings.licenseKey);
        assertEquals("https://vendor.example.com/cabinet/", settings.cabinetUrl());
        Settings local = Settings.of(Fixtures.config("", ""), null, "none", "http://127.0.0.1:9/vendor");
        assertEquals("http://127.0.0.1:9/vendor/cabinet/", local.cabinetUrl());
        assertNull(local.licenseKey);
        assertFalse(local.keyMistyped);
    }
}
