package org.pbx.marketplace.impl.internal.catalog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.pbx.marketplace.api.CatalogException;

/**
 * Checks a downloaded module against the signed catalog before the framework sees it: its size,
 * its SHA-256, and that it is the bundle the catalog names (Bundle-SymbolicName, Bundle-Version).
 */
final class ModuleVerifier {

    private ModuleVerifier() {
    }

    static void verify(CatalogDocument.Module module, CatalogDocument.Release release, byte[] jar) throws CatalogException {
        if (jar.length != release.size) {
            throw CatalogReason.SIZE_MISMATCH.exception(jar.length, release.size);
        }
        if (!CatalogFetcher.sha256(jar).equals(release.sha256)) {
            throw CatalogReason.HASH_MISMATCH.exception();
        }
        String identity = "?";
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Manifest manifest = in.getManifest();
            if (manifest != null) {
                String bsn = manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
                String version = manifest.getMainAttributes().getValue(Constants.BUNDLE_VERSION);
                identity = (bsn == null ? "?" : bsn.split(";")[0].trim()) + " " + version;
                if (bsn != null && version != null && bsn.split(";")[0].trim().equals(module.id)
                        && Version.parseVersion(version).equals(release.version)) {
                    return;
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            identity = "not a bundle";
        }
        throw CatalogReason.WRONG_BUNDLE.exception(identity, module.id + " " + release.version);
    }
}
