package org.pbx.marketplace.impl.internal.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.framework.Version;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A library bundle of the signed catalog (docs/protocol.md, "Libraries"): never shown as a module, installed
 * when a module's resolution needs it, removed when no installed module does.
 */
final class CatalogLibrary {

    final String symbolicName;
    final Version version;
    final long size;
    final String sha256;
    final String path;
    /** The manifest headers the resolver reads. */
    final Map<String, String> manifest;

    /**
     * @throws IllegalArgumentException when its name, version, download path, size or hash is not allowed
     */
    CatalogLibrary(JsonNode node) {
        symbolicName = ModuleChecks.id(node.path("symbolicName").asText());
        version = Version.parseVersion(ModuleChecks.version(node.path("version").asText()));
        size = node.path("size").asLong();
        sha256 = node.path("sha256").asText();
        path = node.path("path").asText();
        if (!ModuleChecks.validPath(path)) {
            throw new IllegalArgumentException("library download path \"" + ModuleChecks.shorten(path) + "\" is not allowed");
        }
        if (!ModuleChecks.validSha256(sha256) || size <= 0) {
            throw new IllegalArgumentException("library " + symbolicName + " " + version + " has no valid size and sha256");
        }
        manifest = headers(node.path("manifest"));
    }

    /** The headers of a "manifest" object; null when the catalog gave none (an older server). */
    static Map<String, String> headers(JsonNode node) {
        if (!node.isObject()) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return Collections.unmodifiableMap(map);
    }

    /** The bundle location the installer gives it: one per version, so two versions may be installed side by side. */
    String location() {
        return FrameworkChanges.LIBRARY_PREFIX + symbolicName + "/" + version;
    }

    @Override
    public String toString() {
        return symbolicName + " " + version;
    }
}
