package org.pbx.marketplace.impl.internal.license;

import java.util.Map;

import org.osgi.service.component.annotations.Component;

/**
 * The names of features by language, as the verified catalog gives them (the name of the paid module
 * a feature unlocks, as the Marketplace page names it): the license side has only feature ids, and says
 * why a feature is unavailable with its name. The catalog side tells it each catalog it accepts.
 */
@Component(service = FeatureNames.class)
public class FeatureNames {

    private volatile Map<String, Map<String, String>> names = Map.of();

    /** Replaces what is known with the names of the catalog just accepted: feature id → name by language. */
    public void learn(Map<String, Map<String, String>> byFeature) {
        names = Map.copyOf(byFeature);
    }

    /** The feature's name by language ({@code en} at least), or null if no catalog names it. */
    public Map<String, String> of(String featureId) {
        Map<String, String> name = featureId == null ? null : names.get(featureId);
        return name == null || !name.containsKey("en") ? null : name;
    }
}
