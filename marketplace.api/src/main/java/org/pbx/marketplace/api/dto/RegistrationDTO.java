package org.pbx.marketplace.api.dto;

import org.osgi.dto.DTO;

/**
 * The registration form.
 */
public class RegistrationDTO extends DTO {
    /** Company name (required). */
    public String companyName;
    /** Contact e-mail (required); the vendor sends the key there. */
    public String email;
    /** Contact person (required). */
    public String contactName;
    /** Contact phone (optional). */
    public String phone;
    /** Company identifier such as INN, IIN/BIN or UNP (optional). */
    public String companyId;
    /** Language of the registration and the vendor's letter: {@code ru} or {@code en}; ru if null. */
    public String language;
}
