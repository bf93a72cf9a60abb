package org.pbx.marketplace.impl.internal.catalog;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Catalog settings, under the PID {@value #PID}. The server and its keys are the license's.
 */
@ObjectClassDefinition(name = "Marketplace catalog",
        description = "How the PBX keeps the vendor's module catalog and downloads modules.")
public @interface CatalogConfiguration {

    /** The configuration PID. */
    String PID = "org.pbx.marketplace.catalog";

    /** The default window of automatic security fixes, the PBX's local time. */
    String DEFAULT_WINDOW = "02:00-05:00";

    @AttributeDefinition(name = "Refresh interval (min)", min = "1",
            description = "How often the catalog is fetched (also at start and on demand).")
    int refreshMinutes() default 60;

    @AttributeDefinition(name = "Download deadline (s)", min = "1",
            description = "The longest a catalog or module download may take as a whole; a stalled download fails then.")
    int downloadDeadlineSeconds() default 120;

    @AttributeDefinition(name = "Update policy",
            description = "What the PBX does when a security advisory of the catalog covers an installed module. manual: shows it "
                    + "(page, console, health check), nothing more; notify: also logs it once, with its fix; automatic: also installs "
                    + "the advisory's fixed release, as an ordinary update (journal, rollback), inside the update window. Never "
                    + "automatic for a feature release, a release that needs a newer PBX, modules not installed yet or a license "
                    + "this PBX does not have.",
            options = {@Option(label = "Manual", value = "manual"), @Option(label = "Notify", value = "notify"),
                    @Option(label = "Automatic security fixes", value = "automatic")})
    String updatePolicy() default "manual";

    @AttributeDefinition(name = "Update window",
            description = "When automatic security fixes may start, the PBX's local time, HH:mm-HH:mm (may cross midnight, "
                    + "e.g. 23:00-04:00; 00:00-24:00 is all day). Used only by the automatic policy.")
    String updateWindow() default DEFAULT_WINDOW;
}
