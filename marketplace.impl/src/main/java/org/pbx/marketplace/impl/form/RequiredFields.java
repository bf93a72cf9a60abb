package org.pbx.marketplace.impl.form;

import java.util.ArrayList;
import java.util.List;

import org.pbx.marketplace.api.dto.RegistrationDTO;

/**
 * The registration form's required fields, the one check the page's REST resource and the
 * license service share: all are checked at once, so the page can mark every empty field in one
 * go. The finer rules (e-mail syntax, company identifier check digits, lengths) are the vendor's,
 * who answers them field by field.
 */
public final class RequiredFields {

    private RequiredFields() {
    }

    /**
     * @param form the form as sent; null counts as empty
     * @return the names of the required fields that are missing or blank, in the form's order; empty if none
     */
    public static List<String> missing(RegistrationDTO form) {
        List<String> missing = new ArrayList<>();
        if (form == null || blank(form.companyName)) {
            missing.add("companyName");
        }
        if (form == null || blank(form.email)) {
            missing.add("email");
        }
        if (form == null || blank(form.contactName)) {
            missing.add("contactName");
        }
        return missing;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
