package org.pbx.marketplace.admin;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The admin's reveal of the full license key, for the PBX's own admin tools (the Marketplace page's
 * "show key" and the console's {@code marketplace:key}). Not module API: the package is exported
 * only to importers that ask for the attribute {@code marketplace.admin=true}, and the service is
 * visible only to the admin bundles (marketplace.web, marketplace.shell and those named in the
 * framework property {@code pbx.marketplace.admin.bundles}). The full key lets whoever holds it
 * release this PBX's binding in the vendor's cabinet; never log it.
 */
@ProviderType
public interface LicenseKeyReveal {

    /**
     * The full license key.
     *
     * @return the key {@code MKT-XXXXX-XXXXX-XXXXX-XXXXX}, or null when unregistered
     */
    String licenseKey();
}
