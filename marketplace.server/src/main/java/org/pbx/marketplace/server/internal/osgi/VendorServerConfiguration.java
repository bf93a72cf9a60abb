package org.pbx.marketplace.server.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Marketplace vendor server",
        description = "The reference license authority, module catalog and client cabinet served by this host at /vendor.")
public @interface VendorServerConfiguration {

    @AttributeDefinition(name = "Enabled",
            description = "Serve the vendor server at /vendor. When off, every request there gets error 9001"
                    + " and the data folder is not opened.")
    boolean enabled() default true;

    @AttributeDefinition(name = "Data folder",
            description = "Database, vendor signing key, catalog source and module files. Empty: the framework"
                    + " property pbx.data plus /vendor-server, or ./vendor-data when pbx.data is unset.")
    String dataFolder() default "";

    @AttributeDefinition(name = "Token lifetime (seconds)",
            description = "exp minus iat of license tokens and refusals; nonces are remembered this long.")
    long tokenLifetimeSeconds() default 86_400;

    @AttributeDefinition(name = "Offline grace (seconds)",
            description = "offlineUntil minus iat of license tokens: how long a PBX may work without reaching the server.")
    long offlineGraceSeconds() default 604_800;

    @AttributeDefinition(name = "Catalog lifetime (seconds)",
            description = "exp minus iat of the signed catalog and timestamp; they are re-signed at half this age.")
    long catalogLifetimeSeconds() default 86_400;

    @AttributeDefinition(name = "Cabinet session idle time (seconds)",
            description = "A client cabinet session ends after this long without a request.")
    long sessionIdleSeconds() default 1_800;
}
