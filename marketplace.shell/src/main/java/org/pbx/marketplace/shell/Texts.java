package org.pbx.marketplace.shell;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

import org.apache.felix.service.command.CommandSession;
import org.pbx.marketplace.api.LicenseStatus;
import org.pbx.marketplace.api.dto.ReasonDTO;

/**
 * The console's words in the operator's language (en or ru, like the Marketplace page). The
 * language is the session variable {@value #LANGUAGE_VARIABLE} if set (e.g. {@code marketplace.lang = ru}),
 * else the host's default locale.
 */
final class Texts {

    static final String LANGUAGE_VARIABLE = "marketplace.lang";

    /** As the license's reasons write dates (they are in UTC: the PBX does not know the reader's zone), so one output has one format. */
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final String language;
    private final ResourceBundle words;

    private Texts(String language) {
        this.language = language;
        // The bundle's own class loader: the properties are private resources of this bundle.
        this.words = ResourceBundle.getBundle("org.pbx.marketplace.shell.texts", Locale.forLanguageTag(language),
                Texts.class.getClassLoader(), ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The texts for the session's language. */
    static Texts of(CommandSession session) {
        Object chosen = session == null ? null : session.get(LANGUAGE_VARIABLE);
        String tag = chosen != null ? chosen.toString() : Locale.getDefault().getLanguage();
        return new Texts("ru".equalsIgnoreCase(tag.trim()) ? "ru" : "en");
    }

    static Texts english() {
        return new Texts("en");
    }

    /** The texts for a language tag ({@code ru}, else English). */
    static Texts in(String language) {
        return new Texts("ru".equalsIgnoreCase(language.trim()) ? "ru" : "en");
    }

    String language() {
        return language;
    }

    /** The text under {@code key}, with {0}, {1}... filled in. */
    String get(String key, Object... args) {
        String pattern = words.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.ROOT).format(args);
    }

    /** The text under {@code key}, or {@code fallback} when there is none (a value newer than this console). */
    String optional(String key, String fallback) {
        return words.containsKey(key) ? words.getString(key) : fallback;
    }

    /**
     * A reason's message in this language (English if it has none), with its stable code and, if it has
     * one, what failed underneath: both for support, after the words the admin reads.
     */
    String reason(ReasonDTO reason) {
        if (reason == null) {
            return "";
        }
        Map<String, String> message = reason.message;
        String text = message == null ? null : message.getOrDefault(language, message.get("en"));
        return (text == null ? "" : text) + " [" + reason.code + "]"
                + (reason.technical == null || reason.technical.isBlank() ? "" : " " + get("details", reason.technical));
    }

    /** The license's status in words. */
    String status(LicenseStatus status) {
        return optional("status." + status.name(), status.name());
    }

    /** A name by language in this language (else English); {@code fallback} when there is none. */
    String name(Map<String, String> names, String fallback) {
        String name = names == null ? null : names.getOrDefault(language, names.get("en"));
        return name == null || name.isBlank() ? fallback : name;
    }

    /** Epoch millis as date and time in UTC; "—" for 0 (none). */
    String time(long epochMillis) {
        if (epochMillis <= 0) {
            return get("none");
        }
        return DATE_TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    String yesNo(boolean value) {
        return get(value ? "yes" : "no");
    }
}
