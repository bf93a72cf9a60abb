package org.pbx.marketplace.impl.internal.license;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.pbx.marketplace.api.dto.ReasonDTO;

/**
 * Keeps what failed underneath (an exception's text, an HTTP status) out of what the admin reads:
 * in a reason's template the argument written as "(%s)" is technical; it moves to
 * {@link ReasonDTO#technical} and the message reads without it.
 */
public final class Technical {

    private static final String MARK = " (%s)";
    /** Texts of VendorClient/LicenseProtocol/CatalogFetcher that mean the server did answer, with an error. */
    private static final Pattern ANSWERED = Pattern.compile(
            "^(the server answered|the answer|a refusal|a signed refusal|HTTP \\d|the catalog could not be verified).*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** Every date the PBX writes into a reason, in both languages: one format, in UTC (the PBX does not know the reader's zone). */
    private static final java.time.format.DateTimeFormatter DATE =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

    private Technical() {
    }

    /** A moment as reasons write it, e.g. {@code 2026-12-08 10:00 UTC}. */
    public static String date(java.time.Instant moment) {
        return DATE.format(moment);
    }

    /** The reason with both messages filled in and the "(%s)" argument, if any, as its technical detail. */
    public static ReasonDTO reason(String code, String en, String ru, Object... args) {
        ReasonDTO dto = new ReasonDTO();
        dto.code = code;
        int index = index(en);
        if (index < 0 || index >= args.length) {
            dto.message = Map.of("en", String.format(en, args), "ru", String.format(ru, args));
            return dto;
        }
        List<Object> rest = new ArrayList<>(Arrays.asList(args));
        Object technical = rest.remove(index);
        dto.message = Map.of("en", String.format(en.replace(MARK, ""), rest.toArray()),
                "ru", String.format(ru.replace(MARK, ""), rest.toArray()));
        dto.technical = technical == null ? null : String.valueOf(technical);
        return dto;
    }

    /** What another reason says failed underneath, to pass on as this one's technical detail: never its message. */
    public static String underneath(ReasonDTO cause) {
        return cause == null ? null : cause.technical != null ? cause.technical : cause.code;
    }

    /** The technical argument of a template, or null. */
    public static String of(String template, Object... args) {
        int index = index(template);
        return index < 0 || index >= args.length || args[index] == null ? null : String.valueOf(args[index]);
    }

    /** Whether a technical detail says the server answered (with an error) rather than not at all. */
    public static boolean answered(String technical) {
        return technical != null && ANSWERED.matcher(technical).matches();
    }

    /** Which %s of the template is the "(%s)" one; -1 if none. */
    private static int index(String template) {
        int mark = template.indexOf(MARK);
        if (mark < 0) {
            return -1;
        }
        int count = 0;
        for (int i = template.indexOf("%s"); i >= 0 && i < mark; i = template.indexOf("%s", i + 2)) {
            count++;
        }
        return count;
    }
}
