package org.pbx.marketplace.impl.internal.admin;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pbx.marketplace.admin.LicenseKeyReveal;
import org.pbx.marketplace.impl.internal.protocol.VendorChannel;

/** The reveal, an object of its own: a module holding the LicenseService has no handle on it. */
@Component(service = LicenseKeyReveal.class)
public class LicenseKeyRevealer implements LicenseKeyReveal {

    private final VendorChannel license;

    @Activate
    public LicenseKeyRevealer(@Reference VendorChannel license) {
        this.license = license;
    }

    @Override
    public String licenseKey() {
        return license.licenseKey();
    }
}
