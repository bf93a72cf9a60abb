package org.pbx.marketplace.impl.internal.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.pbx.marketplace.api.dto.AdvisoryDTO;

/**
 * The advisories that cover installed modules, as the page, the console, the health check and the
 * InstalledAdvisories service show them.
 */
final class AdvisoryListing {

    private AdvisoryListing() {
    }

    /** Most severe first, then by module. */
    static List<AdvisoryDTO> installed(CatalogDocument document, Map<String, Bundle> installed, Set<String> dismissed,
                                       Version host) {
        List<AdvisoryDTO> found = new ArrayList<>();
        if (document.advisories.all().isEmpty()) {
            return found;
        }
        for (Map.Entry<String, Bundle> entry : installed.entrySet()) {
            found.addAll(forModule(document, entry.getKey(), entry.getValue().getVersion(), dismissed, host));
        }
        found.sort((a, b) -> a.severity.equals(b.severity) ? a.moduleId.compareTo(b.moduleId)
                : Integer.compare(Advisory.SEVERITIES.indexOf(b.severity), Advisory.SEVERITIES.indexOf(a.severity)));
        return found;
    }

    /** The advisories covering this installed version of the module. */
    static List<AdvisoryDTO> forModule(CatalogDocument document, String moduleId, Version version, Set<String> dismissed,
                                       Version host) {
        List<AdvisoryDTO> found = new ArrayList<>();
        CatalogDocument.Module module = document.modules.get(moduleId);
        for (Advisory advisory : document.advisories.covering(moduleId, version)) {
            found.add(dto(advisory, version, module, dismissed.contains(advisory.id), host));
        }
        return found;
    }

    static AdvisoryDTO dto(Advisory advisory, Version installed, CatalogDocument.Module module, boolean dismissed,
                           Version host) {
        AdvisoryDTO dto = new AdvisoryDTO();
        dto.id = advisory.id;
        dto.moduleId = advisory.moduleId;
        dto.installedVersion = installed.toString();
        dto.affected = advisory.affected;
        dto.fixedVersion = advisory.fixedVersion == null ? null : advisory.fixedVersion.toString();
        CatalogDocument.Release fix = module == null || advisory.fixedVersion == null ? null : module.release(advisory.fixedVersion);
        dto.fixAvailable = fix != null && fix.incompatibility(host) == null;
        dto.severity = advisory.severity;
        dto.title = advisory.title;
        dto.text = advisory.text;
        dto.url = advisory.url;
        dto.withdrawn = advisory.withdrawn;
        dto.dismissed = dismissed;
        return dto;
    }
}
