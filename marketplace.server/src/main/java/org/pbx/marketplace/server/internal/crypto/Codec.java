package org.pbx.marketplace.server.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** The encodings the protocol fixes: unpadded base64url and lowercase hex SHA-256. */
public final class Codec {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private Codec() {
    }

    public static String b64(byte[] bytes) {
        return B64.encodeToString(bytes);
    }

    /** Strict: padding, '+', '/' and non-canonical trailing bits are refused, so one value has one spelling. */
    public static byte[] unb64(String text) {
        if (text == null || !text.matches("[A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("not unpadded base64url");
        }
        byte[] bytes = B64D.decode(text);
        if (!B64.encodeToString(bytes).equals(text)) {
            throw new IllegalArgumentException("non-canonical base64url");
        }
        return bytes;
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
