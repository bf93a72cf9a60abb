package org.pbx.marketplace.impl.internal.catalog;

import java.util.HashMap;
import java.util.Map;

/**
 * The feature names a verified catalog gives, for the license's reasons: a paid module's name is the
 * name of the feature it needs, as the Marketplace page shows it; the first module of a feature names it.
 */
final class CatalogFeatureNames {

    private CatalogFeatureNames() {
    }

    /** Feature id → name by language, for every feature a module of the catalog names in English at least. */
    static Map<String, Map<String, String>> of(CatalogDocument document) {
        Map<String, Map<String, String>> names = new HashMap<>();
        for (CatalogDocument.Module module : document.modules.values()) {
            if (module.featureId != null && module.name.get("en") != null && !module.name.get("en").isBlank()) {
                names.putIfAbsent(module.featureId, module.name);
            }
        }
        return names;
    }
}
