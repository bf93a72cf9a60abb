package org.pbx.marketplace.web.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.api.dto.ReasonDTO;

/**
 * Turns a refused operation into an HTTP answer the page and scripts can act on:
 * {@code {"code": "...", "message": {"en": "...", "ru": "..."}}} with a status that says whose
 * move it is (fix the input, resolve a conflict, or wait for the server).
 */
final class Problems {

    private static final Set<String> UNAVAILABLE = Set.of("SERVER_DOWN", "ANSWER_UNTRUSTED", "NO_VENDOR_KEYS", "STORAGE_FAILED");
    private static final Set<String> CONFLICT = Set.of("ALREADY_REGISTERED", "NOT_REGISTERED", "E_BOUND_ELSEWHERE",
            "E_EMAIL_OTHER_COMPANY", "E_COUPON_USED", "E_TRIAL_USED", "E_NO_TRIAL", "E_NONCE_REPLAY");
    private static final Set<String> FORBIDDEN = Set.of("E_KEY_REVOKED", "E_LICENSE_EXPIRED");
    private static final Set<String> NOT_FOUND = Set.of("E_UNKNOWN_KEY", "E_UNKNOWN_COUPON", "E_UNKNOWN_PRODUCT");

    private Problems() {
    }

    static Response call(LicenseResource.LicenseCall call) {
        try {
            return call.run();
        } catch (LicenseException e) {
            return of(e.reason());
        }
    }

    static Response of(ReasonDTO reason) {
        int status = UNAVAILABLE.contains(reason.code) ? 503
                : CONFLICT.contains(reason.code) ? 409
                : FORBIDDEN.contains(reason.code) ? 403
                : NOT_FOUND.contains(reason.code) ? 404
                : 400;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", reason.code);
        body.put("message", reason.message);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    static Response of(int status, String code, String en, String ru) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", Map.of("en", en, "ru", ru));
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
