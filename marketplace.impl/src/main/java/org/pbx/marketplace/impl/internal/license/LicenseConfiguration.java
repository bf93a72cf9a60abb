package org.pbx.marketplace.impl.internal.license;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The license settings, under the PID {@value #PID}. Setting the key here (Web Console, a
 * configuration file) has the same effect as entering it on the Marketplace page.
 */
@ObjectClassDefinition(name = "Marketplace license",
        description = "The PBX's marketplace license key and how the PBX reaches the vendor's server.")
public @interface LicenseConfiguration {

    /** The configuration PID. */
    String PID = "org.pbx.marketplace.license";

    @AttributeDefinition(name = "License key", type = AttributeType.PASSWORD, required = false,
            description = "The license key, MKT-XXXXX-XXXXX-XXXXX-XXXXX. Empty: the PBX is not registered.")
    String licenseKey() default "";

    @AttributeDefinition(name = "Server URL", required = false,
            description = "Base URL of the vendor's marketplace server (https; plain http only to this machine). "
                    + "Empty: the reference server inside this host, http://127.0.0.1:<port of the HTTP runtime's endpoint>/vendor.")
    String serverUrl() default "";

    @AttributeDefinition(name = "Connect timeout (s)", min = "1", description = "How long to wait for a connection.")
    int connectTimeoutSeconds() default 5;

    @AttributeDefinition(name = "Request timeout (s)", min = "1", description = "How long to wait for a whole answer.")
    int requestTimeoutSeconds() default 15;

    @AttributeDefinition(name = "Largest answer (KiB)", min = "4", description = "Answers larger than this are refused.")
    int maxResponseKiB() default 256;

    @AttributeDefinition(name = "First retry (s)", min = "1",
            description = "Wait before the first retry when the server can't be reached; doubles up to the longest wait.")
    int retryMinSeconds() default 300;

    @AttributeDefinition(name = "Longest retry wait (s)", min = "1", description = "Upper bound of the retry back-off.")
    int retryMaxSeconds() default 21600;
}
