package org.pbx.marketplace.impl.internal.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.dto.LibraryDTO;
import org.pbx.marketplace.api.dto.ModuleDTO;
import org.pbx.marketplace.api.dto.ModuleQueryDTO;
import org.pbx.marketplace.api.dto.ReleaseDTO;

/**
 * The catalog's modules as the page and the REST API list them: searched and filtered, each
 * described for this PBX (installed version, licensed, compatible releases, its page while it runs).
 */
final class ModuleListing {

    private final Version host;
    private final LicenseService license;
    private final ReleaseAdvisories advisories;
    private final ReleaseLibraries releaseLibraries;

    ModuleListing(Version host, LicenseService license) {
        this(host, license, ReleaseAdvisories.NONE);
    }

    ModuleListing(Version host, LicenseService license, ReleaseAdvisories advisories) {
        this(host, license, advisories, ReleaseLibraries.NONE);
    }

    ModuleListing(Version host, LicenseService license, ReleaseAdvisories advisories, ReleaseLibraries releaseLibraries) {
        this.host = host;
        this.license = license;
        this.advisories = advisories;
        this.releaseLibraries = releaseLibraries;
    }

    /** The modules that match the query (all for null), described. */
    List<ModuleDTO> search(Collection<CatalogDocument.Module> modules, ModuleQueryDTO query, Map<String, Bundle> installed) {
        List<ModuleDTO> found = new ArrayList<>();
        WordMatch needle = query == null || query.text == null || query.text.isBlank() ? null : WordMatch.query(query.text);
        for (CatalogDocument.Module module : modules) {
            // The catalog's own fields first: describing a module (versions, license) costs more than matching it.
            if (!matchesCatalog(query, needle, module)) {
                continue;
            }
            ModuleDTO item = describe(module, installed.get(module.id));
            if (matchesState(query, item)) {
                found.add(item);
            }
        }
        return found;
    }

    /** The header a module's bundle names its page with: a path on the PBX's web server. */
    static final String PAGE_HEADER = "Pbx-Module-Page";

    /** The module's page while it is there: installed, started, licensed; only a path on this PBX. */
    private static String page(Bundle bundle, boolean licensed) {
        if (bundle == null || bundle.getState() != Bundle.ACTIVE || !licensed) {
            return null;
        }
        String page = bundle.getHeaders("").get(PAGE_HEADER);
        return page != null && page.startsWith("/") && !page.startsWith("//") ? page.trim() : null;
    }

    ModuleDTO describe(CatalogDocument.Module module, Bundle bundle) {
        ModuleDTO dto = new ModuleDTO();
        dto.id = module.id;
        dto.name = module.name;
        dto.description = module.description;
        dto.vendor = module.vendor;
        dto.category = module.category;
        dto.commercial = module.commercial;
        dto.featureId = module.featureId;
        dto.productId = module.productId;
        dto.trialDays = module.trialDays;
        dto.licensed = !module.commercial || license.isFeatureAvailable(module.featureId);
        dto.installedVersion = bundle == null ? null : bundle.getVersion().toString();
        dto.page = page(bundle, dto.licensed);
        dto.libraries = bundle == null ? null : libraries(bundle);
        CatalogDocument.Release newest = module.newestCompatible(host);
        dto.latestVersion = newest == null ? null : newest.version.toString();
        dto.compatible = newest != null;
        // Shown before an install; once installed, libraries says what it really is wired to.
        dto.releaseLibraries = bundle != null || newest == null ? null : releaseLibraries.of(newest);
        dto.updateAvailable = bundle != null && newest != null && newest.version.compareTo(bundle.getVersion()) > 0;
        dto.releases = new ArrayList<>();
        for (CatalogDocument.Release release : module.releases) {
            ReleaseDTO r = new ReleaseDTO();
            r.version = release.version.toString();
            r.minHostVersion = release.minHost;
            r.maxHostVersion = release.maxHost;
            r.size = release.size;
            r.sha256 = release.sha256;
            r.changelog = release.changelog;
            r.date = release.date;
            r.requires = release.requires;
            String incompatible = release.incompatibility(host);
            r.compatible = incompatible == null;
            r.incompatibleReason = incompatible == null ? null : CatalogReason.incompatible(host).dto(r.version, incompatible, host);
            // Offered to go back to: earlier than the installed release and runs here.
            r.earlier = bundle != null && r.compatible && release.version.compareTo(bundle.getVersion()) < 0;
            r.advisoryIds = advisories.covering(module.id, release.version);
            dto.releases.add(r);
        }
        if (!dto.compatible && !dto.releases.isEmpty()) {
            dto.incompatibleReason = dto.releases.get(0).incompatibleReason;
        }
        return dto;
    }

    /** The library bundles the module is wired to, directly or through other libraries, by name. */
    static List<LibraryDTO> libraries(Bundle bundle) {
        java.util.Map<String, LibraryDTO> found = new java.util.TreeMap<>();
        for (Bundle provider : FrameworkChanges.librariesReached(List.of(bundle))) {
            LibraryDTO library = new LibraryDTO();
            library.symbolicName = provider.getSymbolicName();
            library.version = provider.getVersion().toString();
            found.put(library.symbolicName + " " + library.version, library);
        }
        return new ArrayList<>(found.values());
    }

    private static boolean matchesCatalog(ModuleQueryDTO query, WordMatch needle, CatalogDocument.Module module) {
        if (query == null) {
            return true;
        }
        if (needle != null && !module.mentions(needle)) {
            return false;
        }
        if ("free".equalsIgnoreCase(query.type) && module.commercial || "paid".equalsIgnoreCase(query.type) && !module.commercial) {
            return false;
        }
        if (query.vendor != null && !query.vendor.equals(module.vendor)) {
            return false;
        }
        return query.category == null || query.category.equals(module.category);
    }

    private static boolean matchesState(ModuleQueryDTO query, ModuleDTO item) {
        if (query == null) {
            return true;
        }
        if (query.installed != null && query.installed != (item.installedVersion != null)) {
            return false;
        }
        if (query.updateAvailable != null && query.updateAvailable != item.updateAvailable) {
            return false;
        }
        return query.compatible == null || query.compatible == item.compatible;
    }

    static String age(long millis) {
        Duration d = Duration.ofMillis(Math.max(0, millis));
        return d.toDays() > 0 ? d.toDays() + " d" : d.toHours() > 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }
}
