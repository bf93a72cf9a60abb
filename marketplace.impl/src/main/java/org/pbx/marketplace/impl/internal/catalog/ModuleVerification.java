package org.pbx.marketplace.impl.internal.catalog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.osgi.framework.Version;
import org.pbx.marketplace.api.CatalogException;

/**
 * A downloaded jar checked before the framework sees it: the catalog's size and SHA-256, one
 * manifest, an ordinary bundle (no fragment), not named as a bundle of the host, and exactly the
 * module and release the catalog names.
 */
final class ModuleVerification {

    private final Path scratch;

    /** @param scratch where a jar is written for reading (a private temporary file, deleted after) */
    ModuleVerification(Path scratch) {
        this.scratch = scratch;
    }

    /** @param hostBundles the host's own bundles' symbolic names, with what to call them */
    void verify(CatalogDocument.Module module, CatalogDocument.Release release, byte[] jar,
                Map<String, String> hostBundles) throws CatalogException {
        if (jar.length != release.size) {
            throw CatalogReason.SIZE_MISMATCH.exception(jar.length, release.size);
        }
        if (!CatalogFetcher.sha256(jar).equals(release.sha256)) {
            throw CatalogReason.HASH_MISMATCH.exception();
        }
        BundleJar bundle;
        try {
            bundle = BundleJar.read(jar, scratch);
        } catch (IOException | RuntimeException e) {
            throw CatalogReason.WRONG_BUNDLE.exception("not a bundle", module.id + " " + release.version);
        }
        if (bundle.manifests > 1) {
            throw CatalogReason.TWO_MANIFESTS.exception(module.id, bundle.manifests);
        }
        if (bundle.fragmentHost != null) {
            throw CatalogReason.FRAGMENT.exception(module.id, ModuleChecks.shorten(bundle.fragmentHost));
        }
        if (bundle.symbolicName != null && hostBundles.containsKey(bundle.symbolicName)) {
            throw CatalogReason.HOST_BUNDLE.exception(module.id, hostBundles.get(bundle.symbolicName));
        }
        String identity = bundle.symbolicName == null ? "not a bundle" : bundle.symbolicName + " " + bundle.version;
        try {
            if (bundle.symbolicName != null && bundle.version != null && bundle.symbolicName.equals(module.id)
                    && Version.parseVersion(bundle.version).equals(release.version)) {
                return;
            }
        } catch (IllegalArgumentException e) {
            identity = bundle.symbolicName + " (version " + ModuleChecks.shorten(bundle.version) + ")";
        }
        throw CatalogReason.WRONG_BUNDLE.exception(ModuleChecks.shorten(identity), module.id + " " + release.version);
    }
}
