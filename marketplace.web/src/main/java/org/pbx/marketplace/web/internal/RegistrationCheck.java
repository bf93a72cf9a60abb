package org.pbx.marketplace.web.internal;

import java.util.ArrayList;
import java.util.List;

import org.pbx.marketplace.api.dto.RegistrationDTO;

/**
 * The registration form's required fields, all checked at once so the page can mark every empty
 * field in one go. The finer rules (e-mail syntax, company identifier check digits, lengths) are
 * the vendor's, who answers them field by field.
 */
final class RegistrationCheck {

    private RegistrationCheck() {
    }

    /** The problem listing every missing required field, or null if none is missing. */
    static ProblemDTO missing(RegistrationDTO form, String language) {
        List<ProblemDTO.FieldError> errors = new ArrayList<>();
        require(errors, "companyName", form == null ? null : form.companyName, language);
        require(errors, "email", form == null ? null : form.email, language);
        require(errors, "contactName", form == null ? null : form.contactName, language);
        if (errors.isEmpty()) {
            return null;
        }
        ProblemDTO problem = Problems.of(400, "FORM_INVALID", language);
        problem.errors = errors;
        return problem;
    }

    private static void require(List<ProblemDTO.FieldError> errors, String field, String value, String language) {
        if (value == null || value.isBlank()) {
            errors.add(new ProblemDTO.FieldError(field, "REQUIRED", Messages.get("field.required." + field, language)));
        }
    }
}
