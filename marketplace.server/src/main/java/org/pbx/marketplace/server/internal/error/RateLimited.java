package org.pbx.marketplace.server.internal.error;

/** A refusal for going over a limit: 429 with its error code and Retry-After (seconds until it would pass). */
public final class RateLimited extends ApiException {
    private final long retryAfterSeconds;

    public RateLimited(ErrorCode error, String field, long retryAfterSeconds) {
        super(error, field);
        if (error.httpStatus() != 429) {
            throw new IllegalArgumentException(error + " is not a 429 error");
        }
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
