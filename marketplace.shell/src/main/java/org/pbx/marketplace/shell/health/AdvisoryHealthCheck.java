package org.pbx.marketplace.shell.health;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pbx.marketplace.api.InstalledAdvisories;

/**
 * The security advisories on installed modules as a Felix health check, tags {@code marketplace}
 * and {@code advisories}; local state only (the accepted catalog), never a call to the vendor.
 */
@Component(service = HealthCheck.class)
@HealthCheckService(hc_name = "Marketplace security advisories", hc_tags = {"marketplace", "advisories"})
public class AdvisoryHealthCheck implements HealthCheck {

    private final InstalledAdvisories advisories;

    @Activate
    public AdvisoryHealthCheck(@Reference InstalledAdvisories advisories) {
        this.advisories = advisories;
    }

    @Override
    public Result execute() {
        return new Result(AdvisoryHealth.judge(advisories.advisories()));
    }
}
