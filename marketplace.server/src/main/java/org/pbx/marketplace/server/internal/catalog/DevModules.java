package org.pbx.marketplace.server.internal.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pbx.marketplace.server.internal.error.ApiException;
import org.pbx.marketplace.server.internal.http.Json;
import org.pbx.marketplace.server.internal.license.VendorAdmin;
import org.pbx.marketplace.server.internal.store.ProductStore;

/**
 * A module developer's loop on the demo host (docs/module-developers.md §8): each catalog entry the
 * framework property {@value #PROPERTY} names (comma-separated files, the entry format of
 * docs/vendor-admin.md §5, its release's {@code file} the jar, relative to the entry) is published in
 * the demo vendor's catalog at start, through the same checks as {@code admin release publish}; a paid
 * module's product is created with a 30-day trial, and granted its feature, when the demo vendor
 * lacks them. Only with the demo vendor: never in a vendor's own server.
 */
public final class DevModules {
    /** Framework property naming the developer's catalog entries. */
    public static final String PROPERTY = "pbx.vendor.devModules";
    static final int TRIAL_DAYS = 30;

    private DevModules() {
    }

    /** @return one line per entry: what was published, or why not (nothing of that entry is kept then) */
    public static List<String> publish(String property, VendorAdmin admin, ReleasePublisher publisher) {
        List<String> said = new ArrayList<>();
        if (property == null || property.isBlank()) {
            return said;
        }
        for (String name : property.split(",")) {
            Path entryFile = Path.of(name.trim()).toAbsolutePath().normalize();
            try {
                said.add(publishOne(entryFile, admin, publisher));
            } catch (ApiException e) {
                said.add("DEV: " + entryFile + " not published: " + e.error().code() + " " + e.error().name()
                        + (e.detail() == null ? "" : " (" + e.detail() + ")"));
            } catch (IOException | IllegalArgumentException e) {
                said.add("DEV: " + entryFile + " not published: " + e.getMessage());
            }
        }
        return said;
    }

    private static String publishOne(Path entryFile, VendorAdmin admin, ReleasePublisher publisher) throws IOException {
        if (!Files.isRegularFile(entryFile)) {
            throw new IllegalArgumentException("no such file (the property " + PROPERTY + " names catalog entries)");
        }
        JsonNode read = Json.MAPPER.readTree(Files.readString(entryFile));
        if (!(read instanceof ObjectNode entry) || !entry.path("releases").isArray() || entry.get("releases").size() != 1
                || !entry.get("releases").get(0).path("file").isTextual()) {
            throw new IllegalArgumentException("not a catalog entry with exactly one release whose \"file\" names the jar");
        }
        ObjectNode release = (ObjectNode) entry.get("releases").get(0);
        Path jar = entryFile.getParent().resolve(release.remove("file").asText()).normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("its jar " + jar + " is not there; build the module first (mvn package)");
        }
        // The libraries first: the module's catalog entry is resolved against them on the PBX.
        List<String> libraries = new ArrayList<>();
        JsonNode named = entry.remove("libraries");
        if (named != null) {
            for (JsonNode library : named) {
                Path file = entryFile.getParent().resolve(library.asText()).normalize();
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("its library " + file + " is not there; build the module first (mvn package)");
                }
                libraries.add(publisher.publishLibrary(Files.readAllBytes(file)));
            }
        }
        String trial = entry.path("commercial").asBoolean() ? ensureProduct(entry, admin) : "";
        ReleasePublisher.Result result = publisher.publish(entry, Files.readAllBytes(jar));
        return "DEV: " + result.moduleId() + " " + result.version() + " is in the demo vendor's catalog"
                + (result.unchanged() ? " (the same jar as before)" : "") + trial
                + (libraries.isEmpty() ? "" : "; libraries: " + String.join(", ", libraries));
    }

    /** The product and feature a paid entry names, made when missing; says which trial grants the feature. */
    private static String ensureProduct(ObjectNode entry, VendorAdmin admin) {
        String productId = entry.path("productId").asText(null);
        String featureId = entry.path("featureId").asText(null);
        if (productId == null || featureId == null) {
            return "";  // The publisher refuses it with the code that says what is missing.
        }
        String en = entry.path("name").path("en").asText(productId);
        String ru = entry.path("name").path("ru").asText(en);
        ProductStore.Details product;
        try {
            product = admin.product(productId);
        } catch (ApiException unknown) {
            product = admin.createProduct(productId, en, ru, "license", 365, TRIAL_DAYS);
        }
        if (product.features().stream().noneMatch(f -> f.id().equals(featureId))) {
            admin.addFeature(productId, featureId, en, ru, 1);
        }
        return "; product " + productId + " grants feature " + featureId + " ("
                + admin.product(productId).trialDays() + "-day trial: installing the module starts it)";
    }
}
