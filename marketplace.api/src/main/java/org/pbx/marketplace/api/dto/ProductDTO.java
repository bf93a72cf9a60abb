package org.pbx.marketplace.api.dto;

import java.util.Map;

import org.osgi.dto.DTO;

/**
 * A product on the license key.
 */
public class ProductDTO extends DTO {
    /** Product id. */
    public String id;
    /** Product name, in English. */
    public String name;
    /**
     * Product name by language, as the license names it: {@code en} always, {@code ru} and others where
     * the license has them.
     * @since 1.3
     */
    public Map<String, String> names;
    /** Whether this is a trial. */
    public boolean trial;
    /** Expiry, epoch milliseconds; 0 if it does not expire. */
    public long expiresAt;
}
