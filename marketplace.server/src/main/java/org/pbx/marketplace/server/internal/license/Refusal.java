package org.pbx.marketplace.server.internal.license;

import org.pbx.marketplace.server.internal.error.ErrorCode;

/** A "no" about the license itself; on token endpoints it is answered signed, elsewhere as a JSON error. */
public final class Refusal extends RuntimeException {
    private final ErrorCode error;

    public Refusal(ErrorCode error) {
        super(error.name(), null, false, false);
        this.error = error;
    }

    public ErrorCode error() { return error; }

    /** The reason word in a signed refusal. */
    public String reason() {
        return switch (error) {
            case E_UNKNOWN_KEY -> "UNKNOWN_KEY";
            case E_KEY_REVOKED -> "REVOKED";
            case E_LICENSE_EXPIRED -> "EXPIRED";
            case E_BOUND_ELSEWHERE -> "BOUND_ELSEWHERE";
            default -> throw new IllegalStateException("not a refusal: " + error);
        };
    }
}
