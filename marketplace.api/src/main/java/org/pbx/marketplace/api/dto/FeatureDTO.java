package org.pbx.marketplace.api.dto;

import java.util.Map;

import org.osgi.dto.DTO;

/**
 * A feature on the license key.
 */
public class FeatureDTO extends DTO {
    /** Feature id, the one modules gate on. */
    public String id;
    /** Expiry, epoch milliseconds; 0 if it does not expire. */
    public long expiresAt;
    /** Seats licensed; 0 if not counted. */
    public int seats;
    /** Seats in use, as the vendor counts them. */
    public int seatsUsed;
    /** Whether the feature may be used right now. */
    public boolean available;
    /**
     * The feature's name by language ({@code en}, and {@code ru} where known), as the catalog names the
     * paid module it unlocks; null when no catalog the PBX accepted names it (then show {@link #id}).
     * @since 1.3
     */
    public Map<String, String> names;
}
