package org.pbx.marketplace.shell.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.Test;
import org.pbx.marketplace.api.LicenseStatus;
import org.pbx.marketplace.api.dto.LicenseDTO;
import org.pbx.marketplace.api.dto.ModuleDTO;
import org.pbx.marketplace.api.dto.ProductDTO;
import org.pbx.marketplace.api.dto.ReasonDTO;

class LicenseHealthTest {

    private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(14);
    private static final Function<String, ReasonDTO> ALL_LICENSED = feature -> null;

    @Test
    void unregisteredWithoutPaidModulesIsOk() {
        assertEquals(Result.Status.OK, status(license(LicenseStatus.UNREGISTERED), List.of(), ALL_LICENSED));
    }

    @Test
    void activeWithLicensedPaidModuleIsOk() {
        assertEquals(Result.Status.OK, status(license(LicenseStatus.ACTIVE), List.of(paid()), ALL_LICENSED));
    }

    @Test
    void graceIsWarn() {
        assertEquals(Result.Status.WARN, status(license(LicenseStatus.GRACE), List.of(), ALL_LICENSED));
    }

    @Test
    void productExpiringWithinTheWindowIsWarnButNotBeforeOrAfter() {
        assertEquals(Result.Status.WARN, status(withProduct(NOW.plus(Duration.ofDays(13))), List.of(), ALL_LICENSED));
        assertEquals(Result.Status.OK, status(withProduct(NOW.plus(Duration.ofDays(15))), List.of(), ALL_LICENSED));
        assertEquals(Result.Status.OK, status(withProduct(NOW.minus(Duration.ofDays(1))), List.of(), ALL_LICENSED),
                "already expired: the feature check says so, not the window");
    }

    @Test
    void installedPaidModuleWithoutLicenseIsCriticalAndSaysWhich() {
        ReasonDTO reason = new ReasonDTO();
        reason.code = "NOT_REGISTERED";
        reason.message = Map.of("en", "Register the PBX.", "ru", "Зарегистрируйте АТС.");
        Result result = new Result(LicenseHealth.judge(license(LicenseStatus.UNREGISTERED), List.of(paid()),
                feature -> reason, NOW, WINDOW));
        assertEquals(Result.Status.CRITICAL, result.getStatus());
        String messages = result.toString();
        assertTrue(messages.contains("org.pbx.demo.recording"), messages);
        assertTrue(messages.contains("NOT_REGISTERED"), messages);
        assertFalse(messages.contains("MKT-"), "never the key: " + messages);
    }

    private static Result.Status status(LicenseDTO license, List<ModuleDTO> paid, Function<String, ReasonDTO> why) {
        return new Result(LicenseHealth.judge(license, paid, why, NOW, WINDOW)).getStatus();
    }

    private static LicenseDTO license(LicenseStatus status) {
        LicenseDTO license = new LicenseDTO();
        license.status = status;
        license.products = List.of();
        return license;
    }

    private static LicenseDTO withProduct(Instant expires) {
        LicenseDTO license = license(LicenseStatus.ACTIVE);
        ProductDTO product = new ProductDTO();
        product.id = "call-recording-pro";
        product.trial = true;
        product.expiresAt = expires.toEpochMilli();
        license.products = List.of(product);
        return license;
    }

    private static ModuleDTO paid() {
        ModuleDTO module = new ModuleDTO();
        module.id = "org.pbx.demo.recording";
        module.commercial = true;
        module.featureId = "call-recording";
        module.installedVersion = "1.0.0";
        return module;
    }
}
