package org.pbx.marketplace.api.dto;

import org.osgi.dto.DTO;

/**
 * A product on the license key.
 */
public class ProductDTO extends DTO {
    /** Product id. */
    public String id;
    /** Product name. */
    public String name;
    /** Whether this is a trial. */
    public boolean trial;
    /** Expiry, epoch milliseconds; 0 if it does not expire. */
    public long expiresAt;
}
