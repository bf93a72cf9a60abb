package org.pbx.marketplace.impl.internal.catalog;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The update policy of configuration {@code org.pbx.marketplace.catalog}: what the PBX does about
 * an advisory that covers an installed module, and when an automatic fix may run.
 */
final class UpdatePolicy {

    enum Mode {
        /** Shown on the page, the console and the health check; nothing else (the behaviour before policies). */
        MANUAL,
        /** As MANUAL, and each advisory on an installed module is logged once (WARN) with its fix. */
        NOTIFY,
        /** As NOTIFY, and the advisory's fixed release is installed as an ordinary update inside the window. */
        AUTOMATIC
    }

    final Mode mode;
    private final LocalTime from;
    private final LocalTime to;
    /** What was wrong with the configuration (the policy falls back to manual or the default window), or null. */
    final String problem;

    private UpdatePolicy(Mode mode, LocalTime from, LocalTime to, String problem) {
        this.mode = mode;
        this.from = from;
        this.to = to;
        this.problem = problem;
    }

    /** A mistyped mode is manual (never automatic by mistake); a mistyped window is the default one; both said in {@link #problem}. */
    static UpdatePolicy of(String mode, String window) {
        String problem = null;
        Mode parsed;
        try {
            parsed = Mode.valueOf((mode == null ? "manual" : mode.trim()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            parsed = Mode.MANUAL;
            problem = "updatePolicy \"" + mode + "\" is not manual, notify or automatic; the policy is manual";
        }
        LocalTime[] bounds = window(window);
        if (bounds == null) {
            bounds = window(CatalogConfiguration.DEFAULT_WINDOW);
            String wrong = "updateWindow \"" + window + "\" is not HH:mm-HH:mm (e.g. 02:00-05:00); the window is "
                    + CatalogConfiguration.DEFAULT_WINDOW;
            problem = problem == null ? wrong : problem + "; " + wrong;
        }
        return new UpdatePolicy(parsed, bounds[0], bounds[1], problem);
    }

    /** Whether an automatic fix may start at this local time: from inclusive, to exclusive; a window may cross midnight. */
    boolean inWindow(LocalTime now) {
        if (from.equals(to)) {
            return true;
        }
        return from.isBefore(to) ? !now.isBefore(from) && now.isBefore(to) : !now.isBefore(from) || now.isBefore(to);
    }

    String name() {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    private static LocalTime[] window(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.trim().split("\\s*-\\s*");
        if (parts.length != 2) {
            return null;
        }
        try {
            return new LocalTime[] {time(parts[0]), time(parts[1])};
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalTime time(String text) {
        // 24:00 ends a day: 00:00-24:00 is the whole day.
        return text.equals("24:00") ? LocalTime.MIDNIGHT : LocalTime.parse(text.length() == 4 ? "0" + text : text);
    }
}
