package org.pbx.marketplace.server.internal.license;

import org.pbx.marketplace.server.internal.error.ErrorCode;

/** A "no" about the license itself; on token endpoints it is answered signed, elsewhere as a JSON error. */
public final class Refusal extends RuntimeException {
    private final ErrorCode error;
    private final long releasedAt;

    public Refusal(ErrorCode error) {
        this(error, 0);
    }

    /** @param releasedAt for E_SEAT_RELEASED: when the owner released the seat, epoch seconds */
    public Refusal(ErrorCode error, long releasedAt) {
        super(error.name(), null, false, false);
        this.error = error;
        this.releasedAt = releasedAt;
    }

    public ErrorCode error() { return error; }

    /** When the seat was released (E_SEAT_RELEASED), epoch seconds; else 0. */
    public long releasedAt() { return releasedAt; }

    /** The reason word in a signed refusal. */
    public String reason() {
        return switch (error) {
            case E_UNKNOWN_KEY -> "UNKNOWN_KEY";
            case E_KEY_REVOKED -> "REVOKED";
            case E_LICENSE_EXPIRED -> "EXPIRED";
            case E_BOUND_ELSEWHERE -> "BOUND_ELSEWHERE";
            case E_SEAT_RELEASED -> "SEAT_RELEASED";
            default -> throw new IllegalStateException("not a refusal: " + error);
        };
    }
}
