package org.pbx.marketplace.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The demo host's admin login: HTTP Basic for the user {@value AdminLogin#USER}.
 */
@ObjectClassDefinition(name = "Marketplace admin login (demo host)",
        description = "HTTP Basic login for the user admin, protecting the Marketplace pages and API. "
                + "A PBX with its own admin login disables this and points the Marketplace web context filter at its own context.")
public @interface AdminLoginConfiguration {

    String PID = "org.pbx.marketplace.web.admin";

    @AttributeDefinition(name = "Enabled", description = "Offer the admin login context.")
    boolean enabled() default true;

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
            description = "The admin's password. Empty: one is generated on first start, written to "
                    + "<data folder>/marketplace-admin.password (owner-readable only); the log names the file, never the password.")
    String password() default "";
}
