package org.pbx.marketplace.shell.health;

import java.time.Duration;
import java.time.Instant;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.ModuleCatalog;
import org.pbx.marketplace.api.dto.ModuleQueryDTO;

/**
 * The Marketplace license as a Felix health check, tags {@code marketplace} and {@code license}.
 * It reads only local state (the license snapshot and the catalog's installed modules), so it
 * answers well within the executor's timeout and never calls the vendor.
 */
@Component(service = HealthCheck.class, configurationPid = LicenseHealthConfiguration.PID)
@HealthCheckService(hc_name = "Marketplace license", hc_tags = {"marketplace", "license"})
@Designate(ocd = LicenseHealthConfiguration.class)
public class LicenseHealthCheck implements HealthCheck {

    private final LicenseService license;
    private final ModuleCatalog catalog;
    private volatile Duration warnBefore;

    @Activate
    public LicenseHealthCheck(@Reference LicenseService license, @Reference ModuleCatalog catalog,
            LicenseHealthConfiguration config) {
        this.license = license;
        this.catalog = catalog;
        modified(config);
    }

    @Modified
    void modified(LicenseHealthConfiguration config) {
        warnBefore = Duration.ofDays(Math.max(0, config.expiryWarningDays()));
    }

    @Override
    public Result execute() {
        ModuleQueryDTO installedPaid = new ModuleQueryDTO();
        installedPaid.installed = Boolean.TRUE;
        installedPaid.type = "paid";
        return new Result(LicenseHealth.judge(license.license(), catalog.catalog(installedPaid).modules,
                license::whyUnavailable, Instant.now(), warnBefore));
    }
}
