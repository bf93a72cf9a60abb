package org.pbx.marketplace.impl.internal.protocol;

/**
 * The vendor's answer could not be trusted or understood. Never a reason to change the license:
 * only a verified, signed refusal is.
 */
public final class ProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What was wrong with the answer. */
    public enum Kind {
        /** Not a JWS, not JSON, or missing fields. */
        MALFORMED,
        /** Signed by a key id we did not pin. */
        UNKNOWN_KEY,
        /** The signature does not verify. */
        BAD_SIGNATURE,
        /** A document of another type (a catalog served as a token). */
        WRONG_TYPE,
        /** Verified, but not an answer to our request: nonce, installation or key differ, or issued in the future. */
        NOT_FOR_US
    }

    private final Kind kind;

    public ProtocolException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
