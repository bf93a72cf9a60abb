package org.pbx.marketplace.server.internal.crypto;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * License keys and coupons: a prefix and four groups of five. Generated ones avoid look-alike
 * characters (0/O, 1/I) so they survive being read aloud or retyped; parsing accepts A-Z0-9.
 */
public final class Codes {
    public static final String KEY_PREFIX = "MKT";
    public static final String COUPON_PREFIX = "MKTC";
    private static final Pattern KEY = Pattern.compile("MKT(-[A-Z0-9]{5}){4}");
    private static final Pattern COUPON = Pattern.compile("MKTC(-[A-Z0-9]{5}){4}");
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Codes() {
    }

    public static String newKey() {
        return generate(KEY_PREFIX);
    }

    public static String newCoupon() {
        return generate(COUPON_PREFIX);
    }

    private static String generate(String prefix) {
        StringBuilder code = new StringBuilder(prefix);
        for (int group = 0; group < 4; group++) {
            code.append('-');
            for (int i = 0; i < 5; i++) {
                code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
            }
        }
        return code.toString();
    }

    /** Upper-cased and trimmed, or null when it is not a key at all. */
    public static String normalizeKey(String text) {
        return normalize(text, KEY);
    }

    public static String normalizeCoupon(String text) {
        return normalize(text, COUPON);
    }

    private static String normalize(String text, Pattern pattern) {
        if (text == null) {
            return null;
        }
        String upper = text.trim().toUpperCase(Locale.ROOT);
        return pattern.matcher(upper).matches() ? upper : null;
    }

    /** What the database stores instead of the code itself. */
    public static String hash(String normalizedCode) {
        return Codec.sha256Hex(normalizedCode);
    }
}
