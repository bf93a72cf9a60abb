package org.pbx.marketplace.web.internal;

import java.util.ArrayList;
import java.util.List;

import org.pbx.marketplace.api.dto.RegistrationDTO;
import org.pbx.marketplace.impl.form.RequiredFields;

/**
 * The registration form's required fields as the page's problem: which fields are required is
 * {@link RequiredFields}, the check the license service makes too; this class adds the page's
 * field errors in the request's language.
 */
final class RegistrationCheck {

    private RegistrationCheck() {
    }

    /** The problem listing every missing required field, or null if none is missing. */
    static ProblemDTO missing(RegistrationDTO form, String language) {
        List<ProblemDTO.FieldError> errors = new ArrayList<>();
        for (String field : RequiredFields.missing(form)) {
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
