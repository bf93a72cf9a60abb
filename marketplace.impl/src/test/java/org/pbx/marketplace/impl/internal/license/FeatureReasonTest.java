package org.pbx.marketplace.impl.internal.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pbx.marketplace.api.dto.LicenseDTO;
import org.pbx.marketplace.api.dto.ReasonDTO;

/**
 * Issue 20, item 9: why a feature is unavailable names it as the catalog does, in each language, with
 * its id kept as the technical detail; a feature the PBX has no name for is called by its id in a
 * sentence that says so. The license's own product names come in both languages.
 */
class FeatureReasonTest {

    private static final long T = 1_772_359_200_000L;
    private static final Map<String, String> CRM = Map.of("en", "CRM Connector", "ru", "Коннектор CRM");

    private final Fixtures vendor = new Fixtures();
    private final FeatureNames names = new FeatureNames();

    @Test
    void aFeatureNotOnTheLicenseIsNamedInEachLanguage() {
        names.learn(Map.of("crm-connector", CRM));
        ReasonDTO why = active().why("crm-connector", names::of);
        assertEquals("FEATURE_NOT_LICENSED", why.code);
        assertEquals("The license does not include the feature \"CRM Connector\". Buy it or start a trial in the marketplace.",
                why.message.get("en"));
        assertEquals("Лицензия не включает функцию «Коннектор CRM». Купите её или начните пробный период в маркетплейсе.",
                why.message.get("ru"));
        assertEquals("feature crm-connector", why.technical);
    }

    @Test
    void aFeatureWithoutANameIsCalledByItsIdAndSaysSo() {
        ReasonDTO why = active().why("crm-connector", names::of);
        assertEquals("The license does not include the feature with the id \"crm-connector\". Buy it or start a trial in the marketplace.",
                why.message.get("en"));
        assertEquals("Лицензия не включает функцию с идентификатором «crm-connector». Купите её или начните пробный период в маркетплейсе.",
                why.message.get("ru"));
        assertEquals("feature crm-connector", why.technical);
    }

    @Test
    void aNameInEnglishOnlyServesBothLanguages() {
        names.learn(Map.of("crm-connector", Map.of("en", "CRM Connector")));
        ReasonDTO why = active().why("crm-connector", names::of);
        assertEquals("Лицензия не включает функцию «CRM Connector». Купите её или начните пробный период в маркетплейсе.",
                why.message.get("ru"));
    }

    @Test
    void anExpiredFeatureIsNamedToo() {
        names.learn(Map.of("crm-connector", CRM));
        Map<String, Object> claims = vendor.claims(Fixtures.KEY, 1, T, null);
        claims.put("features", List.of(Map.of("id", "crm-connector", "expiresAt", T / 1000 - 60, "seats", 0, "seatsUsed", 0)));
        ReasonDTO why = state(token(claims), T).why("crm-connector", names::of);
        assertEquals("FEATURE_EXPIRED", why.code);
        assertEquals("The license for the feature \"CRM Connector\" has expired. Renew it with a coupon or in the license cabinet.",
                why.message.get("en"));
        assertEquals("Срок лицензии на функцию «Коннектор CRM» истёк. Продлите её купоном или в личном кабинете.",
                why.message.get("ru"));
        assertEquals("feature crm-connector", why.technical);

        names.learn(Map.of());
        assertEquals("Срок лицензии на функцию с идентификатором «crm-connector» истёк. Продлите её купоном или в личном кабинете.",
                state(token(claims), T).why("crm-connector", names::of).message.get("ru"));
    }

    @Test
    void anAvailableFeatureHasNoReason() {
        assertNull(active().why("call-recording", names::of));
    }

    @Test
    void theLicenseNamesProductsInBothLanguagesAndFeaturesAsTheCatalogDoes() {
        names.learn(Map.of("call-recording", Map.of("en", "Call Recording Pro", "ru", "Запись разговоров Pro")));
        Map<String, Object> claims = vendor.claims(Fixtures.KEY, 1, T, null);
        claims.put("products", List.of(Map.of("id", "call-recording-pro",
                "name", Map.of("en", "Call Recording Pro", "ru", "Запись разговоров Pro"), "trial", true, "expiresAt", T / 1000 + 86400)));
        LicenseDTO dto = state(token(claims), T).toDTO(Fixtures.INSTALLATION, names::of);
        assertEquals("Call Recording Pro", dto.products.get(0).name);
        assertEquals(Map.of("en", "Call Recording Pro", "ru", "Запись разговоров Pro"), dto.products.get(0).names);
        assertEquals("Запись разговоров Pro", dto.features.get(0).names.get("ru"));
    }

    @Test
    void aProductWithOneNameHasItInEnglish() {
        LicenseDTO dto = active().toDTO(Fixtures.INSTALLATION, names::of);
        assertEquals(Map.of("en", "Call Recording Pro"), dto.products.get(0).names);
        assertNull(dto.features.get(0).names, "no name learned for the feature");
    }

    private LicenseState active() {
        return state(vendor.token(Fixtures.KEY, 1, T), T);
    }

    private static LicenseState state(Token token, long now) {
        LicenseStore.Record record = new LicenseStore.Record();
        record.key = Fixtures.KEY;
        return LicenseState.evaluate(record, token, null, now, 0);
    }

    private Token token(Map<String, Object> claims) {
        String jws = vendor.jws(claims);
        try {
            return Token.of(jws, LicenseStore.MAPPER.readTree(Base64.getUrlDecoder().decode(jws.split("\\.")[1])));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
