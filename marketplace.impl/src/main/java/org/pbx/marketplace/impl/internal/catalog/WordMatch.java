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
 *
 * <p>A query is prepared once per search ({@link #query(String)}) and matched against each module's
 * lower-case text without splitting or copying it: a search runs over every module of the catalog.
 */
final class WordMatch {

    static final int STEM_MIN = 4;
    private static final Pattern WORDS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final String needle;
    private final String[] words;
    private final String[] stems;

    private WordMatch(String needle) {
        this.needle = needle;
        this.words = java.util.Arrays.stream(WORDS.split(needle)).filter(w -> !w.isEmpty()).toArray(String[]::new);
        this.stems = new String[words.length];
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            stems[i] = word.length() < STEM_MIN ? null : word.substring(0, Math.max(STEM_MIN, word.length() - 2));
        }
    }

    /** The query as typed, prepared for {@link #matches(String)}. */
    static WordMatch query(String typed) {
        return new WordMatch(typed.trim().toLowerCase(Locale.ROOT));
    }

    /** @param text lower case; @param query as typed */
    static boolean matches(String text, String query) {
        return query(query).matches(text);
    }

    /** @param text lower case */
    boolean matches(String text) {
        if (needle.isEmpty() || text.contains(needle)) {
            return true;
        }
        for (int i = 0; i < words.length; i++) {
            if (!text.contains(words[i]) && (stems[i] == null || !startsAWord(text, stems[i]))) {
                return false;
            }
        }
        return true;
    }

    /** Whether some word of {@code text} starts with {@code stem}. */
    private static boolean startsAWord(String text, String stem) {
        for (int at = text.indexOf(stem); at >= 0; at = text.indexOf(stem, at + 1)) {
            if (at == 0 || !isWordChar(text.charAt(at - 1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetter(c) || Character.isDigit(c)
                || Character.getType(c) == Character.LETTER_NUMBER || Character.getType(c) == Character.OTHER_NUMBER;
    }
}
