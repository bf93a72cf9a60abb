package org.pbx.marketplace.impl.internal.protocol;

/**
 * The vendor's server gave no usable answer: down, refusing, too slow, too large, a 5xx, a
 * redirect, or something that isn't the protocol (a proxy's page). The license stays as it was.
 */
public final class VendorUnreachableException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean tooLarge;

    public VendorUnreachableException(String message) {
        this(message, false);
    }

    public VendorUnreachableException(String message, boolean tooLarge) {
        super(message);
        this.tooLarge = tooLarge;
    }

    /** The answer grew past the size it was allowed (or announced). */
    public boolean tooLarge() {
        return tooLarge;
    }
}
