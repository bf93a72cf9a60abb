package org.pbx.marketplace.api.dto;

import org.osgi.dto.DTO;

/**
 * The license holder as registered with the vendor.
 */
public class OwnerDTO extends DTO {
    /** Company name. */
    public String companyName;
    /** Contact person. */
    public String contactName;
    /** Contact e-mail (where the vendor sends the key). */
    public String email;
    /** Contact phone, or null. */
    public String phone;
    /** Company identifier (INN, IIN/BIN, UNP or free text), or null. */
    public String companyId;
}
