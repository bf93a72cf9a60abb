package org.pbx.marketplace.impl.internal.catalog;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import org.junit.jupiter.api.Test;

/** The catalog search finds other forms of a word (issue 20 item 9), and no more than that. */
class WordMatchTest {

    private static final String WEATHER = ("org.pbx.demo.weather\0Weather widget\0Виджет погоды\0"
            + "Shows the local weather on the operator panel.\0Показывает погоду на панели оператора.").toLowerCase(Locale.ROOT);
    private static final String RECORDING = ("org.pbx.demo.recording\0Call Recording Pro\0Запись разговоров Pro\0"
            + "Records calls with retention rules and search.\0Записывает разговоры, хранит и ищет записи.").toLowerCase(Locale.ROOT);

    @Test
    void russianWordFormsMatch() {
        for (String query : new String[] {"погода", "Погоду", "погоды", "погодой", "виджеты погоды"}) {
            assertTrue(WordMatch.matches(WEATHER, query), query);
        }
        assertTrue(WordMatch.matches(RECORDING, "записи разговора"));
        assertTrue(WordMatch.matches(RECORDING, "разговор"));
    }

    @Test
    void englishWordFormsMatch() {
        assertTrue(WordMatch.matches(RECORDING, "recordings"));
        assertTrue(WordMatch.matches(WEATHER, "widgets"));
        assertTrue(WordMatch.matches(RECORDING, "recorded call"));
    }

    @Test
    void substringsStillMatchAsBefore() {
        assertTrue(WordMatch.matches(WEATHER, "eather"));
        assertTrue(WordMatch.matches(WEATHER, "org.pbx.demo.weather"));
        assertTrue(WordMatch.matches(WEATHER, "  "));
    }

    @Test
    void otherWordsAndShortStemsDoNotMatch() {
        assertFalse(WordMatch.matches(WEATHER, "запись"));
        assertFalse(WordMatch.matches(RECORDING, "погода"));
        assertFalse(WordMatch.matches(WEATHER, "погода recording"), "every word must be found");
        // "пог" is too short to stand for a word; "пого" is in the text as it is.
        assertFalse(WordMatch.matches(RECORDING, "погх"));
        assertFalse(WordMatch.matches(WEATHER, "weathermen"), "the stem of a long word keeps all but two letters");
    }
}
