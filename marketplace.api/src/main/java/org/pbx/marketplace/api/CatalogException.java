package org.pbx.marketplace.api;

import org.pbx.marketplace.api.dto.ReasonDTO;

/**
 * A catalog call was refused; {@link #reason()} says why and what to do, in en and ru.
 * Nothing was changed when this is thrown.
 */
public class CatalogException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient ReasonDTO reason;

    /**
     * @param reason the stable code and the messages for the user
     */
    public CatalogException(ReasonDTO reason) {
        super(reason.code + ": " + reason.message.get("en"));
        this.reason = reason;
    }

    /**
     * @return the stable code and the en/ru messages
     */
    public ReasonDTO reason() {
        return reason;
    }
}
