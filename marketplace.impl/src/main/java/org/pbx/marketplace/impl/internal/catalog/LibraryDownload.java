package org.pbx.marketplace.impl.internal.catalog;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.osgi.framework.Version;
import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.impl.internal.protocol.VendorChannel;
import org.pbx.marketplace.impl.internal.protocol.VendorClient;
import org.pbx.marketplace.impl.internal.protocol.VendorUnreachableException;

/**
 * A library's jar from the vendor server (free: no license key goes with it), cut at the catalog's size, and
 * checked as a module's is: the catalog's size and SHA-256, one manifest, no fragment, exactly the bundle named.
 */
final class LibraryDownload {

    private final Duration deadline;
    private final Path scratch;

    LibraryDownload(Duration deadline, Path scratch) {
        this.deadline = deadline;
        this.scratch = scratch;
    }

    byte[] fetch(CatalogLibrary library, Operation op, VendorChannel.Connection connection) throws CatalogException {
        if (!ModuleChecks.staysOn(connection.client.base(), library.path)) {
            throw CatalogReason.OFF_ORIGIN.exception(ModuleChecks.shorten(library.path));
        }
        byte[] jar;
        try {
            VendorClient.Answer answer = connection.client.get(library.path, Map.of(), false, (int) library.size,
                    done -> op.download(done, library.size), deadline);
            if (answer.status != 200) {
                throw CatalogReason.DOWNLOAD_FAILED.exception("library " + library + ": HTTP " + answer.status);
            }
            jar = answer.body;
        } catch (VendorUnreachableException e) {
            if (e.tooLarge()) {
                throw CatalogReason.SIZE_MISMATCH.exception("> " + library.size, library.size);
            }
            throw CatalogReason.DOWNLOAD_FAILED.exception("library " + library + ": " + e.getMessage());
        }
        verify(library, jar);
        return jar;
    }

    void verify(CatalogLibrary library, byte[] jar) throws CatalogException {
        if (jar.length != library.size) {
            throw CatalogReason.SIZE_MISMATCH.exception(jar.length, library.size);
        }
        if (!CatalogFetcher.sha256(jar).equals(library.sha256)) {
            throw CatalogReason.HASH_MISMATCH.exception();
        }
        BundleJar bundle;
        try {
            bundle = BundleJar.read(jar, scratch);
        } catch (IOException | RuntimeException e) {
            throw CatalogReason.WRONG_BUNDLE.exception("not a bundle", library.toString());
        }
        if (bundle.manifests > 1) {
            throw CatalogReason.TWO_MANIFESTS.exception(library.symbolicName, bundle.manifests);
        }
        if (bundle.fragmentHost != null) {
            throw CatalogReason.FRAGMENT.exception(library.symbolicName, ModuleChecks.shorten(bundle.fragmentHost));
        }
        try {
            if (library.symbolicName.equals(bundle.symbolicName) && bundle.version != null
                    && Version.parseVersion(bundle.version).equals(library.version)) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // said below
        }
        throw CatalogReason.WRONG_BUNDLE.exception(ModuleChecks.shorten(bundle.symbolicName + " " + bundle.version), library.toString());
    }
}
