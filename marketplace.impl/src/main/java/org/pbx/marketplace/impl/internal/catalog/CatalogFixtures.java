package org.pbx.marketplace.impl.internal.catalog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

import org.osgi.framework.Version;
import org.pbx.marketplace.api.dto.CatalogDTO;
import org.pbx.marketplace.api.dto.ModuleQueryDTO;
import org.pbx.marketplace.impl.internal.protocol.JwsVerifier;

/**
 * The catalog's parts as benchmarks and tests reach them, through {@code org.pbx.marketplace.impl.probe}
 * only: what the fetcher does with a downloaded catalog, and the search over a cached one.
 */
public final class CatalogFixtures {

    /** A module's searchable fields, for a baseline that matches the same parsed modules. */
    public static final class Facts {
        public final String id;
        public final List<String> names;
        public final List<String> descriptions;
        public final boolean commercial;
        public final String category;

        Facts(CatalogDocument.Module module) {
            id = module.id;
            names = List.copyOf(module.name.values());
            descriptions = List.copyOf(module.description.values());
            commercial = module.commercial;
            category = module.category;
        }
    }

    private CatalogFixtures() {
    }

    public static String sha256(byte[] body) {
        return CatalogFetcher.sha256(body);
    }

    /** The fetcher's work on a downloaded catalog: hash against the timestamp's, verify, parse; answers the module count. */
    public static ToIntFunction<byte[]> verification(Map<String, java.security.PublicKey> vendorKeys, String announcedSha256) {
        JwsVerifier verifier = new JwsVerifier(vendorKeys);
        return body -> {
            if (!announcedSha256.equals(CatalogFetcher.sha256(body))) {
                throw new IllegalStateException("hash differs");
            }
            try {
                return new CatalogDocument(verifier.verify(body, "pbx-catalog")).modules.size();
            } catch (org.pbx.marketplace.impl.internal.protocol.ProtocolException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** The search as the catalog component answers it after a restart, from its verified cache (no module installed). */
    public static Function<ModuleQueryDTO, CatalogDTO> search(Path cacheFile, String catalogJws, String hostVersion,
                                                            Predicate<String> licensed) throws IOException {
        CatalogCache cache = new CatalogCache(cacheFile);
        CatalogCache.Entry entry = new CatalogCache.Entry();
        entry.version = 1;
        entry.fetchedAt = System.currentTimeMillis();
        entry.catalog = catalogJws;
        cache.save(entry);
        CatalogView view = CatalogView.load(cache, Version.parseVersion(hostVersion), null);
        return query -> view.toDTO(query, Map.of(), licensed, System.currentTimeMillis());
    }

    /** The parsed modules of a catalog this PBX would have verified. */
    public static List<Facts> modules(String catalogJws) throws IOException {
        List<Facts> facts = new ArrayList<>();
        new CatalogDocument(CatalogCache.MAPPER.readTree(CatalogCache.payload(catalogJws))).modules.values()
                .forEach(m -> facts.add(new Facts(m)));
        return facts;
    }
}
