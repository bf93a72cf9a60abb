package org.pbx.marketplace.impl.internal.license;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * License keys and coupons as the protocol spells them (§6.1); and how the PBX shows a key.
 */
final class Keys {

    private static final Pattern KEY = Pattern.compile("MKT-[A-Z0-9]{5}(-[A-Z0-9]{5}){3}");
    private static final Pattern COUPON = Pattern.compile("MKTC-[A-Z0-9]{5}(-[A-Z0-9]{5}){3}");

    private Keys() {
    }

    /** Trimmed and upper-cased, or null if blank. */
    static String normalize(String key) {
        if (key == null || key.isBlank()) {
            return null;
        }
        return key.trim().toUpperCase(Locale.ROOT);
    }

    static boolean isKey(String normalized) {
        return normalized != null && KEY.matcher(normalized).matches();
    }

    static boolean isCoupon(String normalized) {
        return normalized != null && COUPON.matcher(normalized).matches();
    }

    /** All but the last group hidden: safe for logs and pages. */
    static String mask(String key) {
        if (key == null) {
            return null;
        }
        int last = key.lastIndexOf('-');
        return key.substring(0, key.indexOf('-') + 1).concat(
                key.substring(key.indexOf('-') + 1, last).replaceAll("[A-Z0-9]", "*")).concat(key.substring(last));
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
