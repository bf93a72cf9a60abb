package org.pbx.marketplace.server.internal.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.pbx.marketplace.server.internal.http.Json;

/**
 * The manifest headers a resolver reads (what a bundle provides and needs), copied from a jar into the
 * signed catalog (docs/protocol.md, "Libraries"): the PBX resolves a module against its own bundles and
 * the catalog's libraries before it downloads anything.
 */
public final class BundleHeaders {
    /** The headers copied, unchanged. */
    static final List<String> NAMES = List.of("Bundle-ManifestVersion", "Bundle-SymbolicName", "Bundle-Version",
            "Fragment-Host", "Export-Package", "Import-Package", "Require-Bundle", "Provide-Capability", "Require-Capability");

    private BundleHeaders() {
    }

    /**
     * @return the headers the jar has, by name; an empty object for a jar without a manifest or a file that is
     *         no jar (the catalog then names no headers for it, and the PBX resolves it at start, as before)
     */
    public static ObjectNode of(Path jar) {
        ObjectNode headers = Json.object();
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                return headers;
            }
            Attributes main = manifest.getMainAttributes();
            for (String name : NAMES) {
                String value = main.getValue(name);
                if (value != null && !value.isBlank()) {
                    headers.put(name, value.trim());
                }
            }
            return headers;
        } catch (IOException e) {
            return Json.object();
        }
    }

    /** The bundle's symbolic name without its directives, or null. */
    static String symbolicName(ObjectNode headers) {
        String bsn = headers.path("Bundle-SymbolicName").asText(null);
        return bsn == null ? null : bsn.split(";", 2)[0].trim();
    }
}
