package org.pbx.marketplace.server.internal.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/**
 * Whether a jar can be a catalog library: a plain bundle (R4 manifest, a symbolic name the PBX accepts, a
 * version), no fragment. The PBX checks the same again after its download.
 */
public final class LibraryJars {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}");

    private LibraryJars() {
    }

    /** @return what is wrong, or null when the headers are a library's */
    public static String problem(ObjectNode headers) {
        String bsn = BundleHeaders.symbolicName(headers);
        if (bsn == null || !"2".equals(headers.path("Bundle-ManifestVersion").asText())) {
            return "not an OSGi bundle (no Bundle-SymbolicName with Bundle-ManifestVersion 2)";
        }
        if (!NAME.matcher(bsn).matches()) {
            return "its Bundle-SymbolicName \"" + bsn + "\" is not letters, digits, '.', '_' and '-'";
        }
        if (headers.has("Fragment-Host")) {
            return "a fragment (Fragment-Host), not a bundle of its own";
        }
        try {
            ModuleJars.canonicalVersion(headers.path("Bundle-Version").asText(null));
        } catch (RuntimeException e) {
            return "its Bundle-Version is not a version";
        }
        return null;
    }
}
