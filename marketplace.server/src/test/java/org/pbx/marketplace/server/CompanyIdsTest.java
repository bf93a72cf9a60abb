package org.pbx.marketplace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.pbx.marketplace.server.internal.error.ApiException;
import org.pbx.marketplace.server.internal.error.ErrorCode;
import org.pbx.marketplace.server.internal.validation.CompanyIds;
import org.pbx.marketplace.server.internal.validation.CompanyIds.Kind;

/** Every test vector of shared/reference/company-ids.md. */
class CompanyIdsTest {
    @ParameterizedTest
    @ValueSource(strings = {"7707083893", "7830002293", "0108003670", "1234567894", "500100732259", "123456789047",
            "005826107187"})
    void validInn(String inn) {
        assertTrue(CompanyIds.innValid(inn));
        assertEquals(Kind.RU_INN, CompanyIds.check("RU " + inn).kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567895", "123456789037"})
    void invalidInn(String inn) {
        assertFalse(CompanyIds.innValid(inn));
        assertEquals(ErrorCode.E_COMPANY_ID_CHECK,
                assertThrows(ApiException.class, () -> CompanyIds.check("RU" + inn)).error());
    }

    @ParameterizedTest
    @ValueSource(strings = {"940140000385", "990140004654", "070941024691", "871008401427", "061211600012",
            "830717350867"})
    void validKazakhIinBin(String number) {
        assertTrue(CompanyIds.kzValid(number));
        assertEquals(Kind.KZ_IIN_BIN, CompanyIds.check("KZ" + number).kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"000813159890", "940140000386", "949940000385"})
    void invalidKazakhIinBin(String number) {
        assertFalse(CompanyIds.kzValid(number));
        assertEquals(ErrorCode.E_COMPANY_ID_CHECK,
                assertThrows(ApiException.class, () -> CompanyIds.check("KZ " + number)).error());
    }

    @ParameterizedTest
    @ValueSource(strings = {"200988541", "591705582", "191682495", "MA1953684", "МА1953684"})
    void validUnp(String unp) {
        assertEquals(Kind.BY_UNP, CompanyIds.check(unp).kind());
        assertEquals(Kind.BY_UNP, CompanyIds.check("BY " + unp).kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"200988542", "711953681", "991705588", "7A1953689"})
    void invalidUnp(String unp) {
        assertFalse(CompanyIds.unpValid(unp));
        assertEquals(ErrorCode.E_COMPANY_ID_CHECK, assertThrows(ApiException.class, () -> CompanyIds.check(unp)).error());
    }

    @Test
    void withoutPrefixTwelveDigitsMayBeEitherCountry() {
        assertEquals(Kind.RU_INN, CompanyIds.check("500 100 732 259").kind());
        assertEquals(Kind.KZ_IIN_BIN, CompanyIds.check("940140000385").kind());
        assertEquals(ErrorCode.E_COMPANY_ID_CHECK,
                assertThrows(ApiException.class, () -> CompanyIds.check("7707083894")).error());
    }

    @Test
    void anythingElseIsShortFreeText() {
        assertEquals(Kind.FREE_TEXT, CompanyIds.check("DE 123/456.78-9").kind());
        assertEquals(Kind.FREE_TEXT, CompanyIds.check("EDRPOU 32855961").kind());
        assertEquals(Kind.FREE_TEXT, CompanyIds.check("ABC123456").kind(), "too few digits to be a UNP");
        assertEquals(ErrorCode.E_COMPANY_ID_TEXT,
                assertThrows(ApiException.class, () -> CompanyIds.check("x".repeat(33))).error());
        assertEquals(ErrorCode.E_COMPANY_ID_TEXT,
                assertThrows(ApiException.class, () -> CompanyIds.check("id#1")).error());
    }
}
