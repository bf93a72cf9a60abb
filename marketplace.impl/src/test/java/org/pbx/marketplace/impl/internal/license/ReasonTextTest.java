package org.pbx.marketplace.impl.internal.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pbx.marketplace.api.dto.ReasonDTO;

/** What the admin reads carries no internals; what failed underneath is kept for support; the advice fits. */
class ReasonTextTest {

    @Test
    void anUnansweredCallAdvisesTheNetworkAndKeepsTheCauseForSupport() {
        ReasonDTO reason = Reason.SERVER_DOWN.dto("TLS failed: PKIX path building failed");
        assertEquals("The marketplace server did not answer. Check the PBX's network connection and DNS, then try again.",
                reason.message.get("en"));
        assertEquals("Сервер маркетплейса не ответил. Проверьте сетевое подключение и DNS АТС и повторите попытку.",
                reason.message.get("ru"));
        assertEquals("TLS failed: PKIX path building failed", reason.technical);
    }

    @Test
    void aServerThatAnsweredWithAnErrorIsNotANetworkProblem() {
        ReasonDTO reason = Reason.SERVER_DOWN.dto("the server answered HTTP 503");
        assertTrue(reason.message.get("en").startsWith("The marketplace server answered with an error."), reason.message.get("en"));
        assertFalse(reason.message.get("en").contains("DNS"), "no network advice when the server answered");
        assertFalse(reason.message.get("en").contains("HTTP"));
        assertEquals("the server answered HTTP 503", reason.technical);
    }

    @Test
    void theGraceReasonHasNoDateOfItsOwn() {
        // The page's banner says until when, in the page's date format; the reason must not say it again in another.
        ReasonDTO reason = Reason.SERVER_UNREACHABLE.dto("connection refused", "2026-12-08 10:00 UTC");
        assertFalse(reason.message.get("en").contains("2026"), reason.message.get("en"));
        assertFalse(reason.message.get("ru").contains("("), reason.message.get("ru"));
        assertEquals("connection refused", reason.technical);
    }

    @Test
    void reasonsWithoutTechnicalPartsAreUnchanged() {
        ReasonDTO reason = Reason.LICENSE_EXPIRED.dto();
        assertEquals("The license has expired. Renew it with a coupon or in the license cabinet.", reason.message.get("en"));
        assertEquals(null, reason.technical);
    }
}
