package org.pbx.marketplace.server.internal.catalog;

import java.io.IOException;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.pbx.marketplace.server.internal.catalog.CatalogSource.Release;

/**
 * Checks that each release's jar is the bundle the metadata says: Bundle-SymbolicName = module id,
 * Bundle-Version = release version. The PBX refuses a mismatching download, so a vendor should
 * learn of the mistake when signing, not from customers. EntryChecks applies it for CatalogTool and
 * for release publication. (The catalog publisher serves whatever bytes the vendor put in modules/ by
 * hand, so the client's own checks can be tested against it.)
 */
public final class ModuleJars {
    private ModuleJars() {
    }

    /** @return why the release's jar is not the bundle named, or null when it is */
    public static String mismatch(Release release) {
        String what = release.moduleId() + " " + release.version() + " (" + release.file().getFileName() + "): ";
        Manifest manifest;
        try (JarFile jar = new JarFile(release.file().toFile())) {
            manifest = jar.getManifest();
        } catch (IOException e) {
            return what + "not a readable jar (" + e.getMessage() + ")";
        }
        if (manifest == null) {
            return what + "the jar has no manifest, so it is not an OSGi bundle";
        }
        Attributes main = manifest.getMainAttributes();
        String name = symbolicName(main.getValue("Bundle-SymbolicName"));
        String version = canonicalVersion(main.getValue("Bundle-Version"));
        if (!release.moduleId().equals(name)) {
            return what + "the jar's Bundle-SymbolicName is " + name + ", the metadata says " + release.moduleId();
        }
        if (!canonicalVersion(release.version()).equals(version)) {
            return what + "the jar's Bundle-Version is " + main.getValue("Bundle-Version") + ", the metadata says "
                    + release.version();
        }
        return null;
    }

    // "org.x;singleton:=true" names the bundle org.x: directives are not part of the name.
    private static String symbolicName(String header) {
        return header == null ? null : header.split(";", 2)[0].trim();
    }

    // OSGi reads "1.2" as 1.2.0, so the metadata may spell the version either way.
    static String canonicalVersion(String version) {
        if (version == null || version.isBlank()) {
            return "0.0.0";
        }
        String[] parts = version.trim().split("\\.", 4);
        StringBuilder canonical = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            canonical.append(i > 0 ? "." : "").append(i < parts.length ? stripZeros(parts[i]) : "0");
        }
        if (parts.length == 4) {
            canonical.append('.').append(parts[3]);
        }
        return canonical.toString();
    }

    private static String stripZeros(String number) {
        String stripped = number.replaceFirst("^0+(?=.)", "");
        return stripped.isEmpty() ? "0" : stripped;
    }
}
