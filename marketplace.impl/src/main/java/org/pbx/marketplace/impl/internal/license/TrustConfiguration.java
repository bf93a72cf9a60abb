package org.pbx.marketplace.impl.internal.license;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The vendor's trust root the PBX ships with, under the PID {@value #PID}: apart from the license
 * settings, so a distribution ships it as one file (a Configurator resource) that nothing else rewrites.
 */
@ObjectClassDefinition(name = "Marketplace trust root",
        description = "The vendor's signed trust root (root.json) this PBX believes; later versions are reached from it.")
public @interface TrustConfiguration {

    /** The configuration PID. */
    String PID = "org.pbx.marketplace.trust";

    /** Framework property naming the root file when the configuration names none. */
    String FRAMEWORK_PROPERTY = "pbx.marketplace.trustRoot";

    @AttributeDefinition(name = "Trust root file", required = false,
            description = "Path of the vendor's root document (root.json, from the vendor's \"root show\"/GET /v1/root/1.json"
                    + " delivered with the PBX). Empty: the framework property " + FRAMEWORK_PROPERTY
                    + "; without either, the PBX trusts no answer and stays unregistered.")
    String rootFile() default "";
}
