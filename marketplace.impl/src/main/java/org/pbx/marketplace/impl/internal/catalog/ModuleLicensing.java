package org.pbx.marketplace.impl.internal.catalog;

import java.util.List;

import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.dto.ReasonDTO;
import org.pbx.marketplace.impl.internal.protocol.VendorChannel;

/**
 * Whether a paid module may be installed: licensed already, or by a trial of its product that the
 * install starts only once the framework has taken the module, so that a failed install never spends
 * the trial (a vendor server counts a trial when it is started: docs/protocol.md §5.4, §5.8).
 */
final class ModuleLicensing {

    private final LicenseService license;
    private final VendorChannel channel;

    ModuleLicensing(LicenseService license, VendorChannel channel) {
        this.license = license;
        this.channel = channel;
    }

    /**
     * Before any download.
     *
     * @return the product whose trial the install will start, or null when none is needed (free, or licensed)
     * @throws CatalogException NO_LICENSE when neither the license nor a trial can cover it
     */
    String trialNeeded(CatalogDocument.Module module) throws CatalogException {
        if (!module.commercial || license.isFeatureAvailable(module.featureId)) {
            return null;
        }
        if (module.productId != null && channel.licenseKey() != null) {
            return module.productId;
        }
        throw new CatalogException(CatalogReason.NO_LICENSE.because(license.whyUnavailable(module.featureId), module.id));
    }

    /** Starts the trial and checks the feature again: after the install, or before the download for an older server. */
    void startTrial(CatalogDocument.Module module) throws CatalogException {
        ReasonDTO why = null;
        try {
            license.startTrial(module.productId);
        } catch (LicenseException e) {
            why = e.reason();
        }
        if (!license.isFeatureAvailable(module.featureId)) {
            throw new CatalogException(CatalogReason.NO_LICENSE.because(
                    why != null ? why : license.whyUnavailable(module.featureId), module.id));
        }
    }

    /** The trials of an install whose modules the framework took; a trial refused fails (and rolls back) the install. */
    void startTrials(List<CatalogDocument.Module> modules) throws CatalogException {
        for (CatalogDocument.Module module : modules) {
            if (!license.isFeatureAvailable(module.featureId)) {
                startTrial(module);
            }
        }
    }

    String licenseKey() {
        return channel.licenseKey();
    }
}
