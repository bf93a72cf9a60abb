package org.pbx.marketplace.server.internal.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pbx.marketplace.server.internal.catalog.CatalogSource.Release;

/**
 * The one check of catalog entries, shared by the server (release publication, catalog signing)
 * and the vendor's CatalogTool: a paid module's product and feature must exist (the product
 * granting the feature), and each release's jar must be the bundle the entry names.
 */
public final class EntryChecks {
    /** What is wrong; the admin API maps each kind to its error code. */
    public enum Kind { UNKNOWN_PRODUCT, UNKNOWN_FEATURE, BUNDLE_MISMATCH }

    public record Problem(Kind kind, String message) {
        @Override
        public String toString() {
            return message;
        }
    }

    private EntryChecks() {
    }

    /**
     * @param modules catalog-source module entries (free ones pass: they name no product)
     * @param grants  product id → the ids of the features it grants
     */
    public static List<Problem> products(Iterable<JsonNode> modules, Map<String, Set<String>> grants) {
        List<Problem> problems = new ArrayList<>();
        for (JsonNode module : modules) {
            if (!module.path("commercial").asBoolean(false)) {
                continue;
            }
            String id = module.path("id").asText();
            String featureId = text(module, "featureId");
            String productId = text(module, "productId");
            if (productId != null && !grants.containsKey(productId)) {
                problems.add(new Problem(Kind.UNKNOWN_PRODUCT, id + ": product \"" + productId
                        + "\" does not exist; known products: " + grants.keySet()));
            } else if (featureId == null) {
                problems.add(new Problem(Kind.UNKNOWN_FEATURE, id + ": a commercial module needs a featureId"));
            } else if (productId != null && !grants.get(productId).contains(featureId)) {
                problems.add(new Problem(Kind.UNKNOWN_FEATURE, id + ": product \"" + productId
                        + "\" does not grant feature \"" + featureId + "\"; it grants " + grants.get(productId)));
            } else if (productId == null && grants.values().stream().noneMatch(f -> f.contains(featureId))) {
                problems.add(new Problem(Kind.UNKNOWN_FEATURE, id + ": no product grants feature \"" + featureId + "\""));
            }
        }
        return problems;
    }

    /** Each jar's Bundle-SymbolicName and Bundle-Version against the entry's id and version. */
    public static List<Problem> jars(List<Release> releases) {
        List<Problem> problems = new ArrayList<>();
        for (Release release : releases) {
            String mismatch = ModuleJars.mismatch(release);
            if (mismatch != null) {
                problems.add(new Problem(Kind.BUNDLE_MISMATCH, mismatch));
            }
        }
        return problems;
    }

    /** Both checks over what CatalogSource read. */
    public static List<Problem> all(CatalogSource.Content content, Map<String, Set<String>> grants) {
        List<Problem> problems = new ArrayList<>(products(content.modules(), grants));
        problems.addAll(jars(content.releases()));
        return problems;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText().trim();
    }
}
