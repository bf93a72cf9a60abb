package org.pbx.marketplace.web.internal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details body (application/problem+json) with the Marketplace's extensions:
 * a stable {@code code} and, for a form, the {@code errors} of each field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProblemDTO {
    /** {@code urn:pbx-marketplace:problem:<code>}: identifies the kind of problem. */
    public String type;
    /** A short summary of the kind of problem, in the request's language. */
    public String title;
    /** The HTTP status. */
    public int status;
    /** What happened and what to do, in the request's language. */
    public String detail;
    /** A stable code, e.g. {@code KEY_FORMAT} or the vendor's {@code E_UNKNOWN_KEY}. */
    public String code;
    /** What failed underneath, for support (never shown as the admin's text); null if nothing more. */
    public String technical;
    /** Per-field errors of a form; absent when the problem is not about fields. */
    public List<FieldError> errors;

    /** One field's error. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class FieldError {
        /** The request field, e.g. {@code email}. */
        public String field;
        /** A stable code. */
        public String code;
        /** What to fix, in the request's language. */
        public String message;

        FieldError() {
        }

        FieldError(String field, String code, String message) {
            this.field = field;
            this.code = code;
            this.message = message;
        }
    }
}
