package org.pbx.marketplace.server.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Pattern;
import org.pbx.marketplace.server.internal.error.ApiException;
import org.pbx.marketplace.server.internal.error.ErrorCode;
import org.pbx.marketplace.server.internal.http.Json;
import org.pbx.marketplace.server.internal.store.CouponStore;
import org.pbx.marketplace.server.internal.store.ProductStore;
import org.pbx.marketplace.server.internal.store.ReleaseStore;

/** The admin API's JSON: reading its fields with clear errors, and writing products, coupons and releases. */
final class AdminJson {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private AdminJson() {
    }

    static String id(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            throw new ApiException(ErrorCode.E_REQUIRED, field);
        }
        return checkId(node.isTextual() ? node.asText().trim() : "", field);
    }

    static String checkId(String id, String field) {
        if (!ID.matcher(id).matches()) {
            throw new ApiException(ErrorCode.E_ID_FORMAT, field);
        }
        return id;
    }

    /** {"en": …, "ru": …}, each 1–200 characters. */
    static String[] names(JsonNode body, String field) {
        JsonNode name = body.get(field);
        if (name == null || name.isNull()) {
            throw new ApiException(ErrorCode.E_REQUIRED, field);
        }
        if (!name.isObject()) {
            throw new ApiException(ErrorCode.E_FIELD_TYPE, field, field + " is an object {\"en\": …, \"ru\": …}");
        }
        return new String[] {text(name, "en", field + ".en"), text(name, "ru", field + ".ru")};
    }

    private static String text(JsonNode node, String key, String field) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            throw new ApiException(ErrorCode.E_REQUIRED, field);
        }
        if (!value.isTextual()) {
            throw new ApiException(ErrorCode.E_FIELD_TYPE, field);
        }
        if (value.asText().trim().length() > 200) {
            throw new ApiException(ErrorCode.E_LENGTH, field);
        }
        return value.asText().trim();
    }

    /** An integer in [min, max]; {@code fallback} when absent (null: required). */
    static Integer integer(JsonNode body, String field, int min, int max, Integer fallback) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (fallback == null) {
                throw new ApiException(ErrorCode.E_REQUIRED, field);
            }
            return fallback;
        }
        if (!node.isInt() || node.asInt() < min || node.asInt() > max) {
            throw new ApiException(ErrorCode.E_FIELD_TYPE, field, field + " is a whole number from " + min + " to " + max);
        }
        return node.asInt();
    }

    static ObjectNode product(ProductStore.Details p) {
        ObjectNode node = Json.object();
        node.put("id", p.id());
        node.putObject("name").put("en", p.nameEn()).put("ru", p.nameRu());
        node.put("kind", p.kind());
        node.put("termDays", p.termDays());
        node.put("trialDays", p.trialDays());
        node.put("demo", p.demo());
        ArrayNode features = node.putArray("features");
        for (ProductStore.NamedFeature f : p.features()) {
            ObjectNode feature = features.addObject();
            feature.put("id", f.id());
            feature.putObject("name").put("en", f.nameEn()).put("ru", f.nameRu());
            feature.put("seats", f.seats());
        }
        return node;
    }

    static ObjectNode products(List<ProductStore.Details> products) {
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("products");
        products.forEach(p -> list.add(product(p)));
        return body;
    }

    /** A coupon by the first 16 hex digits of its hash: the code itself is never stored. */
    static ObjectNode coupons(List<CouponStore.Listed> coupons) {
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("coupons");
        for (CouponStore.Listed c : coupons) {
            ObjectNode node = list.addObject();
            node.put("id", c.codeHash().substring(0, 16));
            node.put("batch", c.batchId());
            node.put("productId", c.productId());
            node.put("days", c.days());
            putLong(node, "createdAt", c.createdAt());
            putLong(node, "revokedAt", c.revokedAt());
            node.put("status", c.revokedAt() != null ? "revoked" : c.usedBy() != null ? "used" : "unused");
            putLong(node, "usedAt", c.usedAt());
            if (c.usedBy() != null) {
                node.putObject("usedBy").put("licenseId", c.usedBy()).put("companyName", c.usedByCompany())
                        .put("email", c.usedByEmail());
            } else {
                node.putNull("usedBy");
            }
            node.put("demo", c.demo());
        }
        return body;
    }

    static ObjectNode releases(List<ReleaseStore.Published> releases) {
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("releases");
        for (ReleaseStore.Published r : releases) {
            list.addObject().put("moduleId", r.moduleId()).put("version", r.version()).put("sha256", r.sha256())
                    .put("size", r.size()).put("publishedAt", r.publishedAt());
        }
        return body;
    }

    private static void putLong(ObjectNode node, String field, Long value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
