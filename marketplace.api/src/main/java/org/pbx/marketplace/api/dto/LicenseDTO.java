package org.pbx.marketplace.api.dto;

import java.util.List;

import org.osgi.dto.DTO;
import org.pbx.marketplace.api.LicenseStatus;

/**
 * A snapshot of the PBX's license. Times are epoch milliseconds; 0 means "none".
 */
public class LicenseDTO extends DTO {
    /** Where the license stands. */
    public LicenseStatus status;
    /** The key with all but its last group hidden, e.g. {@code MKT-*****-*****-*****-7K2QD}; null when unregistered. */
    public String maskedKey;
    /** Who holds the license; null when unregistered. */
    public OwnerDTO owner;
    /** Products on the key. */
    public List<ProductDTO> products;
    /** Features on the key, with whether each is usable now. */
    public List<FeatureDTO> features;
    /** Installation id of this PBX at the vendor. */
    public String installationId;
    /** Last time the vendor confirmed the key. */
    public long lastCheckAt;
    /** When the next check with the vendor is due. */
    public long nextCheckAt;
    /** Until when the license holds without reaching the vendor. */
    public long offlineUntil;
    /** Why the license is not usable (or null when it is ACTIVE or UNREGISTERED). */
    public ReasonDTO reason;
    /** The vendor's client cabinet (license management), e.g. {@code https://vendor.example/cabinet/}. */
    public String cabinetUrl;
    /**
     * Only in the answer to a registration: whether the vendor mailed the new key to the owner's
     * e-mail; null when the vendor did not say (an older server) and in every other snapshot.
     */
    public Boolean letterSent;
}
