package org.pbx.marketplace.impl.internal.catalog;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Catalog settings, under the PID {@value #PID}. The server and its keys are the license's.
 */
@ObjectClassDefinition(name = "Marketplace catalog",
        description = "How the PBX keeps the vendor's module catalog and downloads modules.")
public @interface CatalogConfiguration {

    /** The configuration PID. */
    String PID = "org.pbx.marketplace.catalog";

    @AttributeDefinition(name = "Refresh interval (min)", min = "1",
            description = "How often the catalog is fetched (also at start and on demand).")
    int refreshMinutes() default 60;

    @AttributeDefinition(name = "Download deadline (s)", min = "1",
            description = "The longest a catalog or module download may take as a whole; a stalled download fails then.")
    int downloadDeadlineSeconds() default 120;
}
