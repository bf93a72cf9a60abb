package org.pbx.marketplace.impl.internal.catalog;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.pbx.marketplace.impl.internal.protocol.VendorChannel;
import org.pbx.marketplace.impl.internal.protocol.VendorClient;
import org.pbx.marketplace.impl.internal.protocol.VendorUnreachableException;

/**
 * A module's jar from the vendor server: only from the server itself (the license key goes with a
 * paid download), cut at the catalog's size, within the download deadline.
 */
final class ModuleDownload {

    /** The header naming the product whose trial the install will start once it succeeded (docs/protocol.md §5.8). */
    static final String TRIAL_HEADER = "X-Pbx-Trial-Product";

    private final Duration deadline;

    ModuleDownload(Duration deadline) {
        this.deadline = deadline;
    }

    /**
     * @param licenseKey the key, sent with paid downloads only
     * @param trialProduct the product whose trial the install starts after it succeeded, or null
     * @return the jar, or null when a trial was named and the server refused (403): an older server,
     *         which serves a paid jar only to a license already holding its feature
     */
    byte[] fetch(CatalogDocument.Module module, CatalogDocument.Release release, Operation op,
                 VendorChannel.Connection connection, String licenseKey, String trialProduct) throws org.pbx.marketplace.api.CatalogException {
        // The license key header goes with the request: it must reach the vendor server and nothing else.
        if (!ModuleChecks.staysOn(connection.client.base(), release.path)) {
            throw CatalogReason.OFF_ORIGIN.exception(ModuleChecks.shorten(release.path));
        }
        Map<String, String> headers = new HashMap<>();
        if (module.commercial) {
            headers.put("X-Pbx-License-Key", licenseKey);
            if (trialProduct != null) {
                headers.put(TRIAL_HEADER, trialProduct);
            }
        }
        try {
            VendorClient.Answer answer = connection.client.get(release.path, headers, module.commercial,
                    (int) release.size, done -> op.download(done, release.size), deadline);
            if (answer.status == 403 && trialProduct != null) {
                return null;
            }
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
