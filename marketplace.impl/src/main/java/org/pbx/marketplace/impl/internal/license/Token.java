package org.pbx.marketplace.impl.internal.license;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.pbx.marketplace.api.dto.FeatureDTO;
import org.pbx.marketplace.api.dto.OwnerDTO;
import org.pbx.marketplace.api.dto.ProductDTO;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A verified license token's claims (docs/protocol.md §4.1), immutable; times in epoch millis.
 */
final class Token {

    final String jws;
    final long issuedAt;
    final long expiresAt;
    final long offlineUntil;
    final String nonce;
    final String installationId;
    final String licenseKey;
    final long serial;
    final OwnerDTO owner;
    final List<ProductDTO> products;
    final List<FeatureDTO> features;
    /** Feature id → expiry millis (0: none). */
    final Map<String, Long> featureExpiry;

    private Token(String jws, JsonNode claims) {
        this.jws = jws;
        this.issuedAt = claims.path("iat").asLong() * 1000;
        this.expiresAt = claims.path("exp").asLong() * 1000;
        this.offlineUntil = claims.path("offlineUntil").asLong() * 1000;
        this.nonce = claims.path("nonce").asText();
        this.installationId = claims.path("installationId").asText();
        this.licenseKey = claims.path("licenseKey").asText();
        this.serial = claims.path("serial").asLong();
        this.owner = owner(claims.path("owner"));
        List<ProductDTO> productList = new ArrayList<>();
        for (JsonNode p : claims.path("products")) {
            ProductDTO product = new ProductDTO();
            product.id = p.path("id").asText();
            JsonNode name = p.path("name");
            product.name = name.isObject() ? name.path("en").asText(product.id) : name.asText(product.id);
            product.names = names(name, product.name);
            product.trial = p.path("trial").asBoolean();
            product.expiresAt = p.path("expiresAt").asLong() * 1000;
            productList.add(product);
        }
        this.products = Collections.unmodifiableList(productList);
        List<FeatureDTO> featureList = new ArrayList<>();
        Map<String, Long> expiry = new HashMap<>();
        for (JsonNode f : claims.path("features")) {
            FeatureDTO feature = new FeatureDTO();
            feature.id = f.path("id").asText();
            feature.expiresAt = f.path("expiresAt").asLong() * 1000;
            feature.seats = f.path("seats").asInt();
            feature.seatsUsed = f.path("seatsUsed").asInt();
            featureList.add(feature);
            expiry.merge(feature.id, feature.expiresAt, Math::max);
        }
        this.features = Collections.unmodifiableList(featureList);
        this.featureExpiry = Map.copyOf(expiry);
    }

    /** Reads the claims of a token whose signature was already verified. */
    static Token of(String jws, JsonNode verifiedClaims) {
        if (!verifiedClaims.path("licenseKey").isTextual() || !verifiedClaims.path("installationId").isTextual()
                || !verifiedClaims.path("offlineUntil").canConvertToLong() || !verifiedClaims.path("exp").canConvertToLong()) {
            throw new IllegalArgumentException("license token lacks required claims");
        }
        return new Token(jws, verifiedClaims);
    }

    /** Whether any product is still running at {@code now}. */
    boolean anyProductActive(long now) {
        return products.stream().anyMatch(p -> p.expiresAt == 0 || p.expiresAt > now);
    }

    /** A product's name by language: the token's own, or its one name as the English one. */
    private static Map<String, String> names(JsonNode name, String english) {
        Map<String, String> names = new java.util.LinkedHashMap<>();
        names.put("en", english);
        if (name.isObject()) {
            name.fields().forEachRemaining(e -> {
                if (e.getValue().isTextual() && !e.getValue().asText().isBlank()) {
                    names.putIfAbsent(e.getKey(), e.getValue().asText());
                }
            });
        }
        return Collections.unmodifiableMap(names);
    }

    private static OwnerDTO owner(JsonNode node) {
        OwnerDTO owner = new OwnerDTO();
        owner.companyName = text(node, "companyName");
        owner.contactName = text(node, "contactName");
        owner.email = text(node, "email");
        owner.phone = text(node, "phone");
        owner.companyId = text(node, "companyId");
        return owner;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
