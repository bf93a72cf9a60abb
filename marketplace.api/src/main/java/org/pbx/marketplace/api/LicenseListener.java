package org.pbx.marketplace.api;

import org.osgi.annotation.versioning.ConsumerType;
import org.pbx.marketplace.api.dto.LicenseDTO;

/**
 * Told whenever the license changes (status, products or features). Register it as a service;
 * it is called on a Marketplace thread, after the conditions and feature services were updated.
 */
@ConsumerType
public interface LicenseListener {

    /**
     * @param license the license as it stands after the change
     */
    void licenseChanged(LicenseDTO license);
}
