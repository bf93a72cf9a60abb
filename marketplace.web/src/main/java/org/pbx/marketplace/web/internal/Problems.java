package org.pbx.marketplace.web.internal;

import java.util.List;
import java.util.Set;

import javax.ws.rs.core.Response;

import org.pbx.marketplace.api.dto.ReasonDTO;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Builds the API's problem details: a status that says whose move it is (fix the input, resolve a
 * conflict, log in, or wait for the server), a stable code and texts in the request's language.
 */
final class Problems {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String TYPE_PREFIX = "urn:pbx-marketplace:problem:";

    private static final Set<String> UNAVAILABLE = Set.of("SERVER_DOWN", "ANSWER_UNTRUSTED", "NO_TRUST_ROOT", "ROOT_EXPIRED",
            "STORAGE_FAILED", "E_DISABLED", "E_INTERNAL", "NEVER_FETCHED", "NOT_RECEIVED", "CATALOG_UNTRUSTED", "CATALOG_ROLLBACK",
            "CATALOG_EXPIRED", "CATALOG_MISMATCH", "CATALOG_TOO_LARGE", "DOWNLOAD_FAILED", "DISMISS_FAILED");
    /** The catalog's refusals that are about the module's state, not the input. */
    private static final Set<String> MODULE_CONFLICT = Set.of("BUSY", "REQUIRED_BY", "NOT_INSTALLED", "NO_UPDATE",
            "INCOMPATIBLE", "HOST_VERSION_UNKNOWN", "NO_LICENSE", "NOT_EARLIER", "ADVISORY_CONFIRM", "UNRESOLVED");
    private static final Set<String> CONFLICT = Set.of("ALREADY_REGISTERED", "NOT_REGISTERED", "E_BOUND_ELSEWHERE",
            "E_COUPON_USED", "E_TRIAL_USED", "E_NO_TRIAL", "E_NONCE_REPLAY",
            "OFFLINE_NO_REQUEST");
    private static final Set<String> FORBIDDEN = Set.of("E_KEY_REVOKED", "E_LICENSE_EXPIRED", "E_NOT_ENTITLED");
    private static final Set<String> NOT_FOUND = Set.of("E_UNKNOWN_KEY", "E_UNKNOWN_COUPON", "E_UNKNOWN_PRODUCT",
            "MODULE_UNKNOWN", "RELEASE_UNKNOWN", "ADVISORY_UNKNOWN");
    private static final Set<String> TOO_MANY = Set.of("E_RATE_LIMITED");

    /** Serializes problems where no JAX-RS writer runs (the login context). */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Problems() {
    }

    /** A problem of the web layer itself, its detail from the resource files ({@code problem.<code>}). */
    static ProblemDTO of(int status, String code, String language, Object... args) {
        return problem(status, code, Messages.get("problem." + code, language, args), language);
    }

    /** A refused license operation: the reason's message in the request's language, its field as a field error. */
    static ProblemDTO of(ReasonDTO reason, String language) {
        String detail = reason.message == null ? reason.code
                : reason.message.getOrDefault(language, reason.message.get(Language.DEFAULT));
        ProblemDTO problem = problem(statusOf(reason.code), reason.code, detail, language);
        problem.technical = reason.technical;
        if (reason.field != null) {
            problem.errors = List.of(new ProblemDTO.FieldError(reason.field, reason.code, detail));
        }
        return problem;
    }

    static Response response(ProblemDTO problem) {
        return Response.status(problem.status).type(PROBLEM_JSON).entity(problem).build();
    }

    static byte[] json(ProblemDTO problem) {
        try {
            return MAPPER.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem always serializes", e);
        }
    }

    static int statusOf(String code) {
        return UNAVAILABLE.contains(code) ? 503
                : CONFLICT.contains(code) || MODULE_CONFLICT.contains(code) ? 409
                : FORBIDDEN.contains(code) ? 403
                : NOT_FOUND.contains(code) ? 404
                : TOO_MANY.contains(code) ? 429
                : 400;
    }

    private static ProblemDTO problem(int status, String code, String detail, String language) {
        ProblemDTO problem = new ProblemDTO();
        problem.type = TYPE_PREFIX + code;
        problem.title = Messages.get(Messages.has("title." + status) ? "title." + status : "title.other", language);
        problem.status = status;
        problem.detail = detail;
        problem.code = code;
        return problem;
    }
}
