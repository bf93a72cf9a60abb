package org.pbx.marketplace.impl.internal.catalog;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.dto.ReasonDTO;
import org.pbx.marketplace.impl.internal.protocol.VendorChannel;
import org.pbx.marketplace.impl.internal.protocol.VendorClient;
import org.pbx.marketplace.impl.internal.protocol.VendorUnreachableException;

/**
 * Gets a module's jar from the vendor: for a paid module the license first (starting the
 * product's trial if the vendor offers one), then the download, bounded by the catalog's size and
 * by a deadline for the whole download.
 */
final class ModuleDownloader {

    private final Duration deadline;

    ModuleDownloader(Duration deadline) {
        this.deadline = deadline;
    }

    void ensureLicensed(CatalogDocument.Module module, LicenseService license) throws CatalogException {
        if (!module.commercial || license.isFeatureAvailable(module.featureId)) {
            return;
        }
        // The vendor's order: check, start a trial of the module's product, check again.
        ReasonDTO why = license.whyUnavailable(module.featureId);
        if (module.productId != null && license.licenseKey() != null) {
            try {
                license.startTrial(module.productId);
            } catch (LicenseException e) {
                why = e.reason();
            }
        }
        if (!license.isFeatureAvailable(module.featureId)) {
            throw new CatalogException(CatalogReason.NO_LICENSE.because(why, module.id));
        }
    }

    byte[] download(CatalogDocument.Module module, CatalogDocument.Release release, Operation op,
                    VendorChannel.Connection connection, LicenseService license) throws CatalogException {
        Map<String, String> headers = new HashMap<>();
        if (module.commercial) {
            headers.put("X-Pbx-License-Key", license.licenseKey());
        }
        try {
            VendorClient.Answer answer = connection.client.get(release.path, headers, module.commercial,
                    (int) release.size, done -> op.download(done, release.size), deadline);
            if (answer.status != 200) {
                throw CatalogReason.DOWNLOAD_FAILED.exception("HTTP " + answer.status);
            }
            return answer.body;
        } catch (VendorUnreachableException e) {
            if (e.tooLarge()) {
                throw CatalogReason.SIZE_MISMATCH.exception("> " + release.size, release.size);
            }
            throw CatalogReason.DOWNLOAD_FAILED.exception(e.getMessage());
        }
    }
}
