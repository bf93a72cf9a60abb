package org.pbx.marketplace.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pbx.marketplace.api.LicenseStatus;
import org.pbx.marketplace.api.dto.LicenseDTO;

/** The fake's state is the one the test chose, judged as the Marketplace judges it. */
class FakeLicenseServiceTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private final FakeLicenseService license = new FakeLicenseService(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void startsUnregisteredWithNoFeature() {
        assertEquals(LicenseStatus.UNREGISTERED, license.license().status);
        assertFalse(license.isFeatureAvailable("call-recording"));
        assertEquals("NOT_REGISTERED", license.whyUnavailable("call-recording").code);
    }

    @Test
    void aLicensedFeatureIsAvailableAndOthersAreNot() {
        license.licensed("call-recording");
        assertTrue(license.isFeatureAvailable("call-recording"));
        assertNull(license.whyUnavailable("call-recording"));
        assertFalse(license.isFeatureAvailable("crm-connector"));
        assertEquals("FEATURE_NOT_LICENSED", license.whyUnavailable("crm-connector").code);
        assertTrue(license.whyUnavailable("crm-connector").message.get("ru").contains("crm-connector"));
        assertTrue(license.whyUnavailable("crm-connector").message.get("ru").contains("функцию с идентификатором «crm-connector»"));
        assertEquals("feature crm-connector", license.whyUnavailable("crm-connector").technical);
    }

    @Test
    void expiryIsJudgedByTheClock() {
        license.licensed().grant("call-recording", NOW.plusSeconds(1)).grant("crm-connector", NOW);
        assertTrue(license.isFeatureAvailable("call-recording"));
        assertFalse(license.isFeatureAvailable("crm-connector"));
        assertEquals("FEATURE_EXPIRED", license.whyUnavailable("crm-connector").code);
        assertEquals(NOW.toEpochMilli(), license.license().features.get(1).expiresAt);
    }

    @Test
    void graceKeepsFeaturesAndOtherStatusesTakeThemAway() {
        license.licensed("call-recording").status(LicenseStatus.GRACE);
        assertTrue(license.isFeatureAvailable("call-recording"));
        license.status(LicenseStatus.REVOKED);
        assertFalse(license.isFeatureAvailable("call-recording"));
        assertEquals("LICENSE_REVOKED", license.whyUnavailable("call-recording").code);
        assertEquals("LICENSE_REVOKED", license.license().reason.code);
        license.status(LicenseStatus.EXPIRED);
        assertEquals("LICENSE_EXPIRED", license.whyUnavailable("call-recording").code);
    }

    @Test
    void listenersHearEveryChangeWithTheNewSnapshot() {
        List<LicenseDTO> heard = new ArrayList<>();
        license.addListener(heard::add);
        license.licensed("call-recording");
        license.remove("call-recording");
        license.unregister();
        assertEquals(3, heard.size());
        assertTrue(heard.get(0).features.get(0).available);
        assertTrue(heard.get(1).features.isEmpty());
        assertEquals(LicenseStatus.UNREGISTERED, heard.get(2).status);
    }

    @Test
    void vendorOperationsSayTheyAreNotFaked() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> license.startTrial("call-recording-pro"));
        assertTrue(e.getMessage().contains("licensed()"), e.getMessage());
    }
}
