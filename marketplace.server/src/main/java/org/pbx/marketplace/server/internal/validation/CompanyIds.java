package org.pbx.marketplace.server.internal.validation;

import java.util.Locale;
import java.util.regex.Pattern;
import org.pbx.marketplace.server.internal.error.ApiException;
import org.pbx.marketplace.server.internal.error.ErrorCode;

/**
 * Company identifiers by their check digits (shared/reference/company-ids.md): Russian INN,
 * Kazakh IIN/BIN, Belarusian UNP. A recognised shape must pass; anything else is free text.
 * A check digit catches typos only; it does not prove the company exists.
 */
public final class CompanyIds {
    public enum Kind { RU_INN, KZ_IIN_BIN, BY_UNP, FREE_TEXT }

    /** @param normalized the compact form used to compare identifiers (free text: trimmed, upper case) */
    public record Checked(Kind kind, String normalized) {
    }

    private static final String UNP_LETTERS = "ABCEHKMOPT";
    private static final Pattern FREE_TEXT = Pattern.compile("[\\p{L}\\p{N} ./-]{1,32}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private CompanyIds() {
    }

    public static Checked check(String raw) {
        String compact = latinize(raw.replaceAll("\\s+", "").toUpperCase(Locale.ROOT));
        String country = null;
        String body = compact;
        if (compact.length() > 2 && compact.substring(0, 2).matches("RU|KZ|BY")) {
            country = compact.substring(0, 2);
            body = compact.substring(2);
        }
        boolean digits = DIGITS.matcher(body).matches();
        boolean inn = digits && (body.length() == 10 || body.length() == 12) && !"KZ".equals(country)
                && !"BY".equals(country);
        boolean kz = digits && body.length() == 12 && !"RU".equals(country) && !"BY".equals(country);
        boolean unp = unpShape(body) && (country == null || "BY".equals(country));
        if (inn || kz || unp) {
            if (inn && innValid(body)) {
                return new Checked(Kind.RU_INN, body);
            }
            if (kz && kzValid(body)) {
                return new Checked(Kind.KZ_IIN_BIN, body);
            }
            if (unp && unpValid(body)) {
                return new Checked(Kind.BY_UNP, body);
            }
            throw new ApiException(ErrorCode.E_COMPANY_ID_CHECK, "companyId");
        }
        String text = raw.trim();
        if (!FREE_TEXT.matcher(text).matches()) {
            throw new ApiException(ErrorCode.E_COMPANY_ID_TEXT, "companyId");
        }
        return new Checked(Kind.FREE_TEXT, text.toUpperCase(Locale.ROOT));
    }

    // Cyrillic letters that look like the Latin ones a UNP may contain.
    private static String latinize(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            int i = "АВЕКМНОРСТ".indexOf(ch);
            out.append(i < 0 ? ch : "ABEKMHOPCT".charAt(i));
        }
        return out.toString();
    }

    /** Nine characters of digits and UNP letters, at least seven digits: looks like a UNP. */
    static boolean unpShape(String s) {
        if (s.length() != 9) {
            return false;
        }
        int digitCount = 0;
        for (char ch : s.toCharArray()) {
            if (Character.isDigit(ch) && ch < 128) {
                digitCount++;
            } else if (UNP_LETTERS.indexOf(ch) < 0) {
                return false;
            }
        }
        return digitCount >= 7;
    }

    public static boolean innValid(String s) {
        if (!DIGITS.matcher(s).matches()) {
            return false;
        }
        int[] d = s.chars().map(ch -> ch - '0').toArray();
        if (d.length == 10) {
            return checkDigit(d, new int[] {2, 4, 10, 3, 5, 9, 4, 6, 8}) == d[9];
        }
        return d.length == 12
                && checkDigit(d, new int[] {7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) == d[10]
                && checkDigit(d, new int[] {3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) == d[11];
    }

    private static int checkDigit(int[] d, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i] * d[i];
        }
        return sum % 11 % 10;
    }

    public static boolean kzValid(String s) {
        if (s.length() != 12 || !DIGITS.matcher(s).matches()) {
            return false;
        }
        int[] a = s.chars().map(ch -> ch - '0').toArray();
        int c = weighted(a, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
        if (c == 10) {
            c = weighted(a, new int[] {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2});
        }
        return c != 10 && c == a[11] && (iinLayout(a) || binLayout(a));
    }

    private static int weighted(int[] a, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i] * a[i];
        }
        return sum % 11;
    }

    private static boolean iinLayout(int[] a) {
        int month = a[2] * 10 + a[3];
        int day = a[4] * 10 + a[5];
        return month >= 1 && month <= 12 && day >= 1 && day <= 31 && a[6] >= 1 && a[6] <= 6;
    }

    private static boolean binLayout(int[] a) {
        int month = a[2] * 10 + a[3];
        return month >= 1 && month <= 12 && a[4] >= 4 && a[4] <= 6 && a[5] <= 3;
    }

    public static boolean unpValid(String s) {
        if (s.length() != 9) {
            return false;
        }
        int[] v = new int[9];
        boolean letters = !Character.isDigit(s.charAt(0));
        for (int i = 0; i < 9; i++) {
            char ch = s.charAt(i);
            boolean letterPlace = letters && i < 2;
            if (letterPlace) {
                if (UNP_LETTERS.indexOf(ch) < 0) {
                    return false;
                }
                v[i] = i == 0 ? Character.digit(ch, 36) : UNP_LETTERS.indexOf(ch);
            } else if (ch >= '0' && ch <= '9') {
                v[i] = ch - '0';
            } else {
                return false;
            }
        }
        if (!letters && (v[0] < 1 || v[0] > 7)) {
            return false;
        }
        int[] weights = {29, 23, 19, 17, 13, 7, 5, 3};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += weights[i] * v[i];
        }
        int c = sum % 11;
        return c != 10 && c == v[8];
    }
}
