package org.pbx.marketplace.api.dto;

import java.util.Map;

import org.osgi.dto.DTO;

/**
 * Why something is not usable or did not happen, and what to do about it.
 */
public class ReasonDTO extends DTO {
    /** A stable code, e.g. {@code LICENSE_EXPIRED}; never changes meaning between releases. */
    public String code;
    /** The message for the user by language tag: at least {@code en} and {@code ru}. */
    public Map<String, String> message;
    /** The form field the reason is about (e.g. {@code email}), so a page can show it beside that field; null if none. */
    public String field;
    /**
     * What failed underneath, for support (e.g. {@code connection refused}, {@code HTTP 503}); kept out of
     * {@link #message} so that the admin reads plain words. Null if there is nothing more to say.
     */
    public String technical;
}
