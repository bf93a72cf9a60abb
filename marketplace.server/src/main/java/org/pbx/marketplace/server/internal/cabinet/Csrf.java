package org.pbx.marketplace.server.internal.cabinet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pbx.marketplace.server.internal.crypto.Codec;

/**
 * The token every cabinet form carries and every POST must return. Logged in, it is derived from the
 * session id (which only the owner's browser holds, in an HttpOnly cookie); before login (the login
 * and lost-key forms) it is the value of its own SameSite=Strict cookie, repeated in the form. A
 * page of another site can read neither, so it can't post a form here that is accepted: no
 * cross-site login into someone else's license, no cross-site action in a session.
 */
final class Csrf {
    static final String COOKIE = "pbx_cabinet_csrf";
    static final String FIELD = "csrf";
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern POST_FORM = Pattern.compile("(<form\\b[^>]*\\bmethod=\"post\"[^>]*>)");

    private final SecureRandom random = new SecureRandom();

    /** The token of a logged-in session. */
    static String ofSession(String sessionToken) {
        return Codec.sha256Hex("pbx-cabinet-csrf\u0000" + sessionToken);
    }

    /** The browser's pre-login token, when it sent a well-formed one; null otherwise. */
    static String ofCookie(CabinetRequest request) {
        String value = request.cookie(COOKIE);
        return value != null && VALUE.matcher(value).matches() ? value : null;
    }

    String fresh() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static boolean matches(String expected, String given) {
        return expected != null && given != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** Every POST form of the page gets the hidden field, whoever wrote the form. */
    static String intoForms(String html, String token) {
        String field = "<input type=\"hidden\" name=\"" + FIELD + "\" value=\"" + Html.esc(token) + "\">";
        return POST_FORM.matcher(html).replaceAll("$1" + Matcher.quoteReplacement(field));
    }
}
