package org.pbx.marketplace.impl.internal.catalog;

import java.util.List;

import org.osgi.framework.Version;

/**
 * Which security advisories cover a module's release: the earlier versions the page and the shell
 * offer are marked with them, and going back to such a release asks for confirmation. The catalog's
 * advisories answer it (issue 22 item 1); until they are in the catalog, {@link #NONE}.
 */
interface ReleaseAdvisories {

    /** No advisories known. */
    ReleaseAdvisories NONE = (moduleId, version) -> List.of();

    /** @return the ids of the advisories covering that release, empty when none; never null */
    List<String> covering(String moduleId, Version version);
}
