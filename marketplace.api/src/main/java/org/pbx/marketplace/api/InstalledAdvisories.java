package org.pbx.marketplace.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.pbx.marketplace.api.dto.AdvisoryDTO;

/**
 * The security advisories of the vendor's catalog that cover installed modules, as a service that
 * is always registered. Its service properties change (a {@code MODIFIED} service event) whenever
 * that set changes, so a module can track it with a filter, e.g.
 * {@code (marketplace.advisory.modules=org.example.mine)} or
 * {@code (marketplace.advisory.severity=critical)}, without calling anything.
 */
@ProviderType
public interface InstalledAdvisories {

    /** Service property: the ids of the advisories covering installed modules ({@code String[]}, empty when none). */
    String ADVISORY_IDS = "marketplace.advisory.ids";

    /** Service property: the installed modules that an advisory covers ({@code String[]}, empty when none). */
    String ADVISORY_MODULES = "marketplace.advisory.modules";

    /**
     * Service property: the highest severity among them ({@code low}, {@code medium}, {@code high},
     * {@code critical}), or {@code none}.
     */
    String ADVISORY_SEVERITY = "marketplace.advisory.severity";

    /**
     * @return the advisories covering installed modules now (dismissed ones included, marked), most
     *         severe first; empty when none
     */
    List<AdvisoryDTO> advisories();
}
