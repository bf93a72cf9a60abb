package org.pbx.marketplace.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pbx.marketplace.api.LicenseStatus;
import org.pbx.marketplace.api.dto.AdvisoryDTO;
import org.pbx.marketplace.api.dto.CatalogDTO;
import org.pbx.marketplace.api.dto.FeatureDTO;
import org.pbx.marketplace.api.dto.LicenseDTO;
import org.pbx.marketplace.api.dto.ModuleDTO;
import org.pbx.marketplace.api.dto.OperationDTO;
import org.pbx.marketplace.api.dto.OwnerDTO;
import org.pbx.marketplace.api.dto.ProductDTO;
import org.pbx.marketplace.api.dto.ReasonDTO;

/**
 * Issue 20, item 9: what the console shows an admin is words in the session's language, not enum
 * values or feature ids (ids stay where a command takes them, and the reason's code stays for support).
 */
class ShellTextsTest {

    /** 2026-12-08 10:00 UTC. */
    private static final long DEC_8 = 1_796_724_000_000L;

    @Test
    void theStatusIsSaidInWords() {
        for (LicenseStatus status : LicenseStatus.values()) {
            LicenseDTO license = license(status);
            String en = StatusView.render(license, Texts.in("en"));
            String ru = StatusView.render(license, Texts.in("ru"));
            assertFalse(en.contains(status.name()), en);
            assertFalse(ru.contains(status.name()), ru);
        }
        assertTrue(StatusView.render(license(LicenseStatus.UNREGISTERED), Texts.in("en")).contains("  Status: Not registered\n"));
        assertTrue(StatusView.render(license(LicenseStatus.UNREGISTERED), Texts.in("ru")).contains("  Статус: не зарегистрирована\n"));
        assertTrue(StatusView.render(license(LicenseStatus.ACTIVE), Texts.in("en")).contains("  Status: Active\n"));
        assertTrue(StatusView.render(license(LicenseStatus.GRACE), Texts.in("ru")).contains("  Статус: действует без связи\n"));
        assertTrue(StatusView.render(license(LicenseStatus.PENDING), Texts.in("ru")).contains("  Статус: ожидает подтверждения\n"));
    }

    @Test
    void productsAndFeaturesAreNamedInTheLanguageWithTheirIdsBeside() {
        String ru = StatusView.render(license(LicenseStatus.ACTIVE), Texts.in("ru"));
        assertTrue(ru.matches("(?s).*call-recording-pro\\s+Запись разговоров Pro\\s+да\\s+2026-12-08 10:00 UTC\\n.*"), ru);
        assertTrue(ru.matches("(?s).*Функция\\s+Название\\s+Доступна\\s+Места\\s+Действует до\\n-+.*"), ru);
        assertTrue(ru.matches("(?s).*call-recording\\s+Запись разговоров Pro\\s+да\\s+0/10\\s+2026-12-08 10:00 UTC\\n.*"), ru);
        assertTrue(ru.matches("(?s).*marketplace\\s+\u2014\\s+да.*"), "a feature without a name: a dash, the id beside: " + ru);
        String en = StatusView.render(license(LicenseStatus.ACTIVE), Texts.in("en"));
        assertTrue(en.matches("(?s).*call-recording\\s+Call Recording Pro\\s+yes\\s+0/10\\s+2026-12-08 10:00 UTC\\n.*"), en);
    }

    @Test
    void datesHaveOneFormatAndSayTheirZoneAsTheReasonsDo() {
        String en = StatusView.render(license(LicenseStatus.GRACE), Texts.in("en"));
        assertTrue(en.contains("  Works offline until: 2026-12-08 10:00 UTC\n"), en);
        assertTrue(en.contains("the license still counts until 2026-12-08 10:00 UTC."), en);
    }

    @Test
    void aReasonKeepsItsCodeAndItsDetailForSupport() {
        ReasonDTO why = new ReasonDTO();
        why.code = "FEATURE_NOT_LICENSED";
        why.message = Map.of("en", "The license does not include the feature \"CRM Connector\". Buy it or start a trial in the marketplace.",
                "ru", "Лицензия не включает функцию «Коннектор CRM». Купите её или начните пробный период в маркетплейсе.");
        why.technical = "feature crm-connector";
        assertEquals("Лицензия не включает функцию «Коннектор CRM». Купите её или начните пробный период в маркетплейсе."
                + " [FEATURE_NOT_LICENSED] (подробности: feature crm-connector)", Texts.in("ru").reason(why));
        assertEquals("The license does not include the feature \"CRM Connector\". Buy it or start a trial in the marketplace."
                + " [FEATURE_NOT_LICENSED] (details: feature crm-connector)", Texts.in("en").reason(why));
        why.technical = null;
        assertTrue(Texts.in("en").reason(why).endsWith(" [FEATURE_NOT_LICENSED]"));
    }

    @Test
    void operationsSayTheirKindAndStepsInWords() throws Exception {
        OperationDTO op = new OperationDTO();
        op.id = "op-1";
        op.kind = "INSTALL";
        op.moduleId = "org.pbx.demo.callback";
        op.version = "1.0.0";
        op.state = "SUCCEEDED";
        op.step = "DONE";
        op.percent = 100;
        assertEquals("Installation of org.pbx.demo.callback 1.0.0: operation op-1 started\n  done 100%\n"
                + "Installation of org.pbx.demo.callback 1.0.0: done.\n", followed(op, "en"));
        assertEquals("Установка org.pbx.demo.callback 1.0.0: запущена операция op-1\n  готово 100%\n"
                + "Установка org.pbx.demo.callback 1.0.0: готово.\n", followed(op, "ru"));
        op.kind = "UNINSTALL";
        op.version = null;
        assertTrue(followed(op, "ru").endsWith("Удаление org.pbx.demo.callback: готово.\n"));
        assertTrue(followed(op, "en").endsWith("Removal of org.pbx.demo.callback: done.\n"));
        op.kind = "UPDATE";
        op.version = "1.1.0";
        assertTrue(followed(op, "en").endsWith("Update of org.pbx.demo.callback to 1.1.0: done.\n"));
        assertTrue(followed(op, "ru").endsWith("Обновление org.pbx.demo.callback до 1.1.0: готово.\n"));
        op.kind = "DOWNGRADE";
        op.version = "1.0.0";
        assertTrue(followed(op, "ru").endsWith("Возврат org.pbx.demo.callback к версии 1.0.0: готово.\n"));
        op.state = "RUNNING";
        op.step = "DOWNLOAD";
        op.percent = 40;
        String stillRunning = followed(op, "ru");
        assertTrue(stillRunning.contains("  загрузка 40%\n"), stillRunning);
        assertTrue(stillRunning.contains("шаг «загрузка», 40%"), stillRunning);
    }

    @Test
    void theCatalogTableSaysSeverityPolicyAndWhatToDoInWords() {
        CatalogDTO catalog = new CatalogDTO();
        catalog.version = 5;
        catalog.hostVersion = "7.2.0";
        catalog.updatePolicy = "manual";
        ModuleDTO recording = new ModuleDTO();
        recording.id = "org.pbx.demo.recording";
        recording.name = Map.of("en", "Call Recording Pro", "ru", "Запись разговоров Pro");
        recording.commercial = true;
        recording.featureId = "call-recording";
        recording.productId = "call-recording-pro";
        recording.latestVersion = "1.0.0";
        recording.compatible = true;
        AdvisoryDTO advisory = new AdvisoryDTO();
        advisory.id = "PBXSA-DEMO-001";
        advisory.severity = "high";
        advisory.moduleId = recording.id;
        advisory.installedVersion = "1.0.0";
        advisory.title = Map.of("en", "A flaw", "ru", "Уязвимость");
        recording.advisories = List.of(advisory);
        catalog.modules = List.of(recording);
        catalog.advisories = List.of(advisory);

        String en = ModuleCommands.ModuleTable.render(catalog, Texts.in("en"));
        assertTrue(en.contains("advisory PBXSA-DEMO-001 (high), needs a license (to try it: marketplace:trial call-recording-pro)"), en);
        assertTrue(en.contains("(update policy: manual)"), en);
        assertTrue(en.contains("PBXSA-DEMO-001 [HIGH] org.pbx.demo.recording 1.0.0: A flaw"), en);
        String ru = ModuleCommands.ModuleTable.render(catalog, Texts.in("ru"));
        assertTrue(ru.contains("бюллетень PBXSA-DEMO-001 (важность: высокая), нужна лицензия (попробовать: marketplace:trial call-recording-pro)"), ru);
        assertTrue(ru.contains("(политика обновлений: вручную)"), ru);
        assertTrue(ru.contains("PBXSA-DEMO-001 [важность: высокая] org.pbx.demo.recording 1.0.0: Уязвимость"), ru);
        assertFalse(ru.contains("HIGH"), ru);

        recording.productId = null;
        assertTrue(ModuleCommands.ModuleTable.render(catalog, Texts.in("en")).contains("needs a license\n"),
                "no product to try: no id the admin can't use");
    }

    @Test
    void aRegistrationSaysALetterWasSentOnlyWhenTheVendorSaysSo() {
        LicenseDTO after = license(LicenseStatus.ACTIVE);
        assertTrue(LicenseCommands.registered(after, "ann@example.com", Texts.in("en")).contains("sent no letter"));
        after.letterSent = false;
        assertTrue(LicenseCommands.registered(after, "ann@example.com", Texts.in("ru")).contains("marketplace:key --reveal"));
        after.letterSent = true;
        assertEquals("Registered. The vendor sent the key to ann@example.com.",
                LicenseCommands.registered(after, "ann@example.com", Texts.in("en")));
    }

    @Test
    void aTrialNamesItsProduct() {
        LicenseDTO after = license(LicenseStatus.ACTIVE);
        assertEquals("Начат пробный период «Запись разговоров Pro».",
                Texts.in("ru").get("trial.done", LicenseCommands.productName(after, "call-recording-pro", Texts.in("ru"))));
        assertEquals("The trial of \"Call Recording Pro\" started.",
                Texts.in("en").get("trial.done", LicenseCommands.productName(after, "call-recording-pro", Texts.in("en"))));
        assertEquals("other", LicenseCommands.productName(after, "other", Texts.in("en")));
    }

    private static String followed(OperationDTO op, String language) throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        OperationFollower follower = new OperationFollower(null, Texts.in(language), out);
        follower.printStart(op);
        follower.follow(op, Duration.ZERO);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static LicenseDTO license(LicenseStatus status) {
        LicenseDTO license = new LicenseDTO();
        license.status = status;
        license.maskedKey = "MKT-*****-*****-*****-ABCDE";
        license.installationId = "0123456789abcdef0123456789abcdef";
        license.offlineUntil = DEC_8;
        license.owner = new OwnerDTO();
        license.owner.companyName = "Acme";
        license.owner.email = "ann@example.com";
        ProductDTO product = new ProductDTO();
        product.id = "call-recording-pro";
        product.name = "Call Recording Pro";
        product.names = Map.of("en", "Call Recording Pro", "ru", "Запись разговоров Pro");
        product.trial = true;
        product.expiresAt = DEC_8;
        license.products = List.of(product);
        FeatureDTO feature = new FeatureDTO();
        feature.id = "call-recording";
        feature.names = Map.of("en", "Call Recording Pro", "ru", "Запись разговоров Pro");
        feature.available = true;
        feature.seats = 10;
        feature.expiresAt = DEC_8;
        FeatureDTO base = new FeatureDTO();
        base.id = "marketplace";
        base.available = true;
        license.features = List.of(feature, base);
        return license;
    }
}
