package org.pbx.marketplace.web.internal;

import java.util.List;
import java.util.Locale;

/**
 * The language of an answer, from the request's Accept-Language: Russian or English.
 */
final class Language {

    static final String DEFAULT = "en";
    private static final List<String> SUPPORTED = List.of("ru", "en");

    private Language() {
    }

    /** The best of ru/en for the header's preferences; English when the header names neither or is malformed. */
    static String pick(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return DEFAULT;
        }
        try {
            String tag = Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), SUPPORTED);
            return tag == null ? DEFAULT : tag.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return DEFAULT;
        }
    }
}
