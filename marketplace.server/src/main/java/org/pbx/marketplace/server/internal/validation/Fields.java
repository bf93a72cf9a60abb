package org.pbx.marketplace.server.internal.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;
import org.pbx.marketplace.server.internal.crypto.Codes;
import org.pbx.marketplace.server.internal.error.ApiException;
import org.pbx.marketplace.server.internal.error.ErrorCode;

/** Typed access to a request body's fields; each way a field can be wrong has its own error code. */
public final class Fields {
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,128}");

    private final ObjectNode body;

    public Fields(ObjectNode body) {
        this.body = body;
    }

    /** Trimmed text, or null when absent, JSON null or blank. */
    public String optional(String name, int maxLength) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new ApiException(ErrorCode.E_FIELD_TYPE, name);
        }
        String text = node.asText().trim();
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > maxLength) {
            throw new ApiException(ErrorCode.E_LENGTH, name);
        }
        return text;
    }

    public String required(String name, int minLength, int maxLength) {
        String text = optional(name, maxLength);
        if (text == null) {
            throw new ApiException(ErrorCode.E_REQUIRED, name);
        }
        if (text.length() < minLength) {
            throw new ApiException(ErrorCode.E_LENGTH, name);
        }
        return text;
    }

    public String nonce() {
        String nonce = required("nonce", 1, 1000);
        if (!NONCE.matcher(nonce).matches()) {
            throw new ApiException(ErrorCode.E_NONCE_FORMAT, "nonce");
        }
        return nonce;
    }

    public String licenseKey() {
        return licenseKey(required("licenseKey", 1, 100), "licenseKey");
    }

    public static String licenseKey(String text, String field) {
        String key = Codes.normalizeKey(text);
        if (key == null) {
            throw new ApiException(ErrorCode.E_KEY_FORMAT, field);
        }
        return key;
    }

    public String coupon() {
        String coupon = Codes.normalizeCoupon(required("coupon", 1, 100));
        if (coupon == null) {
            throw new ApiException(ErrorCode.E_COUPON_FORMAT, "coupon");
        }
        return coupon;
    }

    /** An optional object whose values are small non-negative integers, e.g. reported seat usage. */
    public java.util.Map<String, Integer> optionalCounts(String name) {
        JsonNode node = body.get(name);
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return counts;
        }
        if (!node.isObject() || node.size() > 64) {
            throw new ApiException(ErrorCode.E_FIELD_TYPE, name);
        }
        var entries = node.fields();
        while (entries.hasNext()) {
            var entry = entries.next();
            JsonNode value = entry.getValue();
            if (!value.isInt() || value.asInt() < 0 || value.asInt() > 1_000_000 || entry.getKey().length() > 64) {
                throw new ApiException(ErrorCode.E_FIELD_TYPE, name);
            }
            counts.put(entry.getKey(), value.asInt());
        }
        return counts;
    }
}
