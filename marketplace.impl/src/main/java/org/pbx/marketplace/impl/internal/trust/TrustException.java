package org.pbx.marketplace.impl.internal.trust;

/** A root document that is not to be believed; the message says why, for the admin's log and page. */
public final class TrustException extends Exception {
    private static final long serialVersionUID = 1L;

    public TrustException(String message) {
        super(message);
    }
}
