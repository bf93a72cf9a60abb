package org.pbx.marketplace.shell.health;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The license health check's settings, under the PID {@value #PID}.
 */
@ObjectClassDefinition(name = "Marketplace license health check",
        description = "Felix health check (tags marketplace, license): CRITICAL when an installed paid module lost its license, "
                + "WARN when the license needs attention or a product expires soon.")
public @interface LicenseHealthConfiguration {

    /** The configuration PID. */
    String PID = "org.pbx.marketplace.health";

    @AttributeDefinition(name = "Expiry warning (days)", min = "0",
            description = "WARN when a licensed product expires within this many days.")
    int expiryWarningDays() default 14;
}
