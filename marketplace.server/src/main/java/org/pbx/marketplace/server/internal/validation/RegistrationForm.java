package org.pbx.marketplace.server.internal.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.regex.Pattern;
import org.pbx.marketplace.server.internal.error.ApiException;
import org.pbx.marketplace.server.internal.error.ErrorCode;
import org.pbx.marketplace.server.internal.store.Rows.Owner;

/**
 * A validated registration request. Every check runs before anything is stored, so a refused
 * form leaves no trace in the database.
 */
public record RegistrationForm(Owner owner, String companyNorm, String companyIdNorm, String emailNorm,
                               String language, String nonce) {

    private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final Pattern EMAIL = Pattern.compile(ATOM + "(\\." + ATOM + ")*@"
            + "([\\p{L}\\p{N}]([\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+\\p{L}{2,63}");
    private static final Pattern PHONE = Pattern.compile("[0-9 +()./-]+");

    /** The e-mail syntax registration accepts; the lost-key page checks addresses the same way. */
    public static boolean validEmail(String email) {
        return email.length() <= 254 && EMAIL.matcher(email).matches() && email.indexOf('@') <= 64;
    }

    public static RegistrationForm parse(ObjectNode body) {
        Fields fields = new Fields(body);
        String companyName = fields.required("companyName", 2, 100);
        String email = fields.required("email", 3, 254);
        if (!validEmail(email)) {
            throw new ApiException(ErrorCode.E_EMAIL_SYNTAX, "email");
        }
        String contactName = fields.required("contactName", 2, 100);
        String phone = fields.optional("phone", 32);
        if (phone != null && (!PHONE.matcher(phone).matches() || phone.replaceAll("[^0-9]", "").length() < 5)) {
            throw new ApiException(ErrorCode.E_PHONE_SYNTAX, "phone");
        }
        String companyId = fields.optional("companyId", 64);
        String companyIdNorm = companyId == null ? null : CompanyIds.check(companyId).normalized();
        String language = fields.required("language", 1, 10);
        if (!language.equals("ru") && !language.equals("en")) {
            throw new ApiException(ErrorCode.E_LANGUAGE, "language");
        }
        String nonce = fields.nonce();
        return new RegistrationForm(new Owner(companyName, contactName, email, phone, companyId),
                normalizeCompany(companyName), companyIdNorm, email.toLowerCase(Locale.ROOT), language, nonce);
    }

    /** "ООО «Ромашка»" and "ооо ромашка" are one company: case, spacing and punctuation do not count. */
    static String normalizeCompany(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }
}
