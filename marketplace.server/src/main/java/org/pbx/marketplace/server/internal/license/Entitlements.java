package org.pbx.marketplace.server.internal.license;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pbx.marketplace.server.internal.store.LicenseStore;
import org.pbx.marketplace.server.internal.store.ProductStore;
import org.pbx.marketplace.server.internal.store.Rows.Feature;
import org.pbx.marketplace.server.internal.store.Rows.LicenseProduct;
import org.pbx.marketplace.server.internal.store.Rows.Product;

/** What a license holds right now, in the shape both the token and the cabinet show. */
public record Entitlements(List<ProductGrant> products, List<FeatureGrant> features) {

    public record ProductGrant(String id, String nameEn, String nameRu, boolean trial, long expiresAt) {
    }

    public record FeatureGrant(String id, long expiresAt, int seats, int seatsUsed) {
    }

    public static Entitlements of(Connection c, long licenseId) throws SQLException {
        List<ProductGrant> products = new ArrayList<>();
        Map<String, FeatureGrant> features = new LinkedHashMap<>();
        Map<String, Integer> usage = LicenseStore.usage(c, licenseId);
        // The base product's seats are PBX installations: each one bound to the key uses one, whether
        // or not it reported usage yet (the cabinet lists it as bound; "0 of 1 used" beside it is wrong).
        int bound = LicenseStore.bindings(c, licenseId).size();
        for (LicenseProduct held : LicenseStore.products(c, licenseId)) {
            Product product = ProductStore.find(c, held.productId());
            products.add(new ProductGrant(product.id(), product.nameEn(), product.nameRu(), held.trial(),
                    held.expiresAt()));
            for (Feature feature : product.features()) {
                FeatureGrant known = features.get(feature.id());
                // Two products granting one feature: the one lasting longer decides.
                if (known == null || known.expiresAt() < held.expiresAt()) {
                    int used = usage.getOrDefault(feature.id(), 0);
                    if (held.productId().equals(LicenseService.BASE_PRODUCT)) {
                        used = Math.max(used, bound);
                    }
                    features.put(feature.id(), new FeatureGrant(feature.id(), held.expiresAt(), feature.seats(), used));
                }
            }
        }
        return new Entitlements(products, new ArrayList<>(features.values()));
    }

    public boolean anyActive(long now) {
        return products.stream().anyMatch(p -> p.expiresAt() > now);
    }

    public boolean featureActive(String featureId, long now) {
        return features.stream().anyMatch(f -> f.id().equals(featureId) && f.expiresAt() > now);
    }
}
