package org.pbx.marketplace.server.internal.error;

/** A client mistake: becomes a 4xx JSON error, never a 500. */
public class ApiException extends RuntimeException {
    private final ErrorCode error;
    private final String field;

    public ApiException(ErrorCode error, String field) {
        super(error.name() + (field == null ? "" : " (" + field + ")"), null, false, false);
        this.error = error;
        this.field = field;
    }

    public ApiException(ErrorCode error) { this(error, null); }

    public ErrorCode error() { return error; }
    public String field() { return field; }
}
