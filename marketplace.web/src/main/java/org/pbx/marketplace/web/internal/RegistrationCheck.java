package org.pbx.marketplace.web.internal;

import java.util.ArrayList;
import java.util.List;

import org.pbx.marketplace.api.RegistrationRules;
import org.pbx.marketplace.api.dto.RegistrationDTO;

/**
 * The registration form's required fields ({@link RegistrationRules}, the license service's own
 * rule), all checked at once so the page can mark every empty field in one go, in the page's words.
 */
final class RegistrationCheck {

    private RegistrationCheck() {
    }

    /** The problem listing every missing required field, or null if none is missing. */
    static ProblemDTO missing(RegistrationDTO form, String language) {
        List<ProblemDTO.FieldError> errors = new ArrayList<>();
        for (String field : RegistrationRules.missing(form)) {
            errors.add(new ProblemDTO.FieldError(field, "REQUIRED", Messages.get("field.required." + field, language)));
        }
        if (errors.isEmpty()) {
            return null;
        }
        ProblemDTO problem = Problems.of(400, "FORM_INVALID", language);
        problem.errors = errors;
        return problem;
    }
}
