package org.pbx.marketplace.api;

import java.util.ArrayList;
import java.util.List;

import org.pbx.marketplace.api.dto.RegistrationDTO;

/**
 * The registration form's rules that hold before the vendor is asked, one copy for every side that
 * checks a form (the license service, which refuses an incomplete form, and a page, which marks each
 * empty field in its own words). The finer rules (e-mail syntax, company identifier check digits,
 * lengths) are the vendor's, who answers them field by field.
 */
public final class RegistrationRules {

    /** The required fields of {@link RegistrationDTO}, by name, in the form's order. */
    public static final List<String> REQUIRED = List.of("companyName", "email", "contactName");

    private RegistrationRules() {
    }

    /**
     * @param form a registration form, or null
     * @return the names of the required fields that are missing or blank, in {@link #REQUIRED}'s order; empty if none
     */
    public static List<String> missing(RegistrationDTO form) {
        List<String> missing = new ArrayList<>();
        require(missing, "companyName", form == null ? null : form.companyName);
        require(missing, "email", form == null ? null : form.email);
        require(missing, "contactName", form == null ? null : form.contactName);
        return missing;
    }

    private static void require(List<String> missing, String field, String value) {
        if (value == null || value.isBlank()) {
            missing.add(field);
        }
    }
}
