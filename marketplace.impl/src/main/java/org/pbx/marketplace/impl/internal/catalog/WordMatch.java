package org.pbx.marketplace.impl.internal.catalog;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The catalog search's matching: every word the admin typed must be found in the module's text,
 * as it is or in another form of the same word, so that «погода» finds «Виджет погоды» and
 * "recordings" finds "Call recording". No dictionary: a word of at least {@value #STEM_MIN} letters
 * matches any word of the text that starts with its stem, the word without its last two letters
 * (Russian and English endings are mostly one or two letters), but never with fewer than
 * {@value #STEM_MIN} letters, so short words don't match half the catalog.
 */
final class WordMatch {

    static final int STEM_MIN = 4;
    private static final Pattern WORDS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private WordMatch() {
    }

    /** @param text lower case; @param query as typed */
    static boolean matches(String text, String query) {
        String needle = query.trim().toLowerCase(Locale.ROOT);
        if (needle.isEmpty() || text.contains(needle)) {
            return true;
        }
        String[] words = WORDS.split(text);
        for (String word : WORDS.split(needle)) {
            if (!word.isEmpty() && !found(word, text, words)) {
                return false;
            }
        }
        return true;
    }

    private static boolean found(String word, String text, String[] words) {
        if (text.contains(word)) {
            return true;
        }
        if (word.length() < STEM_MIN) {
            return false;
        }
        String stem = word.substring(0, Math.max(STEM_MIN, word.length() - 2));
        for (String candidate : words) {
            if (candidate.startsWith(stem)) {
                return true;
            }
        }
        return false;
    }
}
