package org.pbx.marketplace.server.internal.error;

/** A client mistake: becomes a 4xx JSON error, never a 500. */
public class ApiException extends RuntimeException {
    private final ErrorCode error;
    private final String field;
    private final String detail;

    public ApiException(ErrorCode error, String field) {
        this(error, field, null);
    }

    /** @param detail what exactly is wrong, in English, for the vendor's operator (admin API only); may be null */
    public ApiException(ErrorCode error, String field, String detail) {
        super(error.name() + (field == null ? "" : " (" + field + ")") + (detail == null ? "" : ": " + detail),
                null, false, false);
        this.error = error;
        this.field = field;
        this.detail = detail;
    }

    public ApiException(ErrorCode error) { this(error, null); }

    public ErrorCode error() { return error; }
    public String field() { return field; }
    public String detail() { return detail; }
}
