package org.pbx.marketplace.impl.testsupport;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.dto.CatalogDTO;
import org.pbx.marketplace.api.dto.ModuleQueryDTO;
import org.pbx.marketplace.impl.internal.catalog.TestSupportAccess;

/**
 * The catalog's search as the catalog component answers it (every module described, licensed state
 * from the given license), over the view it builds after a restart from its verified cache.
 */
public final class CatalogSearch {

    /**
     * A parsed module's facts that a search matches on, for baselines doing the same matching.
     *
     * @param id           the module id
     * @param names        its names, one per language
     * @param descriptions its descriptions, one per language
     * @param category     its category, or null
     * @param commercial   whether it is paid
     */
    public record Module(String id, List<String> names, List<String> descriptions, String category, boolean commercial) {
    }

    private final TestSupportAccess.Search search;

    /**
     * @param cacheFile   where the catalog cache is written and read back
     * @param catalogJws  the signed catalog, as the vendor sends it
     * @param fetchedAt   when it came, epoch millis
     * @param hostVersion the PBX's version the compatibility is judged for
     * @throws Exception when the cache can't be written or the catalog parsed
     */
    public CatalogSearch(Path cacheFile, String catalogJws, long fetchedAt, String hostVersion) throws Exception {
        search = new TestSupportAccess.Search(cacheFile, catalogJws, fetchedAt, hostVersion);
    }

    /**
     * @param query     the page's search and filter
     * @param installed installed bundles by module id
     * @param license   the license the licensed state is read from
     * @param now       epoch millis, for the catalog's staleness
     * @return the catalog page's answer
     */
    public CatalogDTO search(ModuleQueryDTO query, Map<String, Bundle> installed, LicenseService license, long now) {
        return search.toDTO(query, installed, license, now);
    }

    /** @return the parsed modules in the catalog's order */
    public List<Module> modules() {
        return search.modules();
    }
}
