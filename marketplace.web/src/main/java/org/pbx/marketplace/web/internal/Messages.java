package org.pbx.marketplace.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * The API's own texts (problem titles and details) from {@code /i18n/problems_<lang>.properties},
 * so wording is edited in resource files, never in code.
 */
final class Messages {

    private static final Map<String, Properties> TEXTS = Map.of(
            "en", load("en"),
            "ru", load("ru"));

    private Messages() {
    }

    /** The text for the key in the language (en if unknown), with {0}-style arguments filled in. */
    static String get(String key, String language, Object... args) {
        Properties texts = TEXTS.getOrDefault(language, TEXTS.get(Language.DEFAULT));
        String text = texts.getProperty(key, TEXTS.get(Language.DEFAULT).getProperty(key, key));
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    static boolean has(String key) {
        return TEXTS.get(Language.DEFAULT).containsKey(key);
    }

    private static Properties load(String language) {
        String name = "/i18n/problems_" + language + ".properties";
        Properties texts = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts;
    }
}
