package org.pbx.marketplace.impl.internal.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pbx.marketplace.api.dto.ReasonDTO;
import org.pbx.marketplace.impl.internal.license.Technical;

/** The catalog's reasons: no content types or nested parentheses for the admin; the cause kept for support. */
class CatalogReasonTextTest {

    @Test
    void aFailedFetchSaysThePlainThingAndKeepsTheAnswerForSupport() {
        ReasonDTO down = CatalogReason.SERVER_DOWN.dto("HTTP 503 application/json;charset=utf-8");
        assertEquals("The marketplace server answered with an error. The catalog shown is the last one received; refresh later.",
                down.message.get("en"));
        assertEquals("HTTP 503 application/json;charset=utf-8", down.technical);

        // A catalog never fetched, because of that failure: one sentence, no nested reason inside it.
        ReasonDTO never = CatalogReason.NEVER_FETCHED.dto(Technical.underneath(down));
        assertEquals("The catalog has not been received yet: the marketplace server answered with an error. Refresh later.",
                never.message.get("en"));
        assertFalse(never.message.get("ru").contains("("), never.message.get("ru"));
        assertEquals("HTTP 503 application/json;charset=utf-8", never.technical);
    }

    @Test
    void aModuleThatFailedToStartNamesTheModuleNotTheException() {
        ReasonDTO failed = CatalogReason.START_FAILED.dto("org.pbx.demo.crm", "org.osgi.framework.BundleException: Unresolved requirement");
        assertEquals("Module \"org.pbx.demo.crm\" could not be started. It was rolled back; the PBX is as before.", failed.message.get("en"));
        assertTrue(failed.technical.startsWith("org.osgi.framework.BundleException"));
    }
}
