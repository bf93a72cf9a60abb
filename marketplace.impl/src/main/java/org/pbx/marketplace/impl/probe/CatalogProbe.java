package org.pbx.marketplace.impl.probe;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

import org.pbx.marketplace.api.dto.CatalogDTO;
import org.pbx.marketplace.api.dto.ModuleQueryDTO;
import org.pbx.marketplace.impl.internal.catalog.CatalogFixtures;

/** The catalog's verification and search as benchmarks and tests reach them (see the package). */
public final class CatalogProbe {

    /** A module's searchable fields: id, names, descriptions, paid or not, category. */
    public static final class Module {
        public final String id;
        public final List<String> names;
        public final List<String> descriptions;
        public final boolean commercial;
        public final String category;

        Module(CatalogFixtures.Facts facts) {
            id = facts.id;
            names = facts.names;
            descriptions = facts.descriptions;
            commercial = facts.commercial;
            category = facts.category;
        }
    }

    private CatalogProbe() {
    }

    public static String sha256(byte[] body) {
        return CatalogFixtures.sha256(body);
    }

    /** What the PBX does with a downloaded catalog (hash, signature, parse): body → module count. */
    public static ToIntFunction<byte[]> verification(Map<String, PublicKey> vendorKeys, String announcedSha256) {
        return CatalogFixtures.verification(vendorKeys, announcedSha256);
    }

    /** The catalog search as ModuleCatalog answers it, from a cache holding {@code catalogJws}. */
    public static Function<ModuleQueryDTO, CatalogDTO> search(Path cacheFile, String catalogJws, String hostVersion,
                                                            Predicate<String> licensed) throws IOException {
        return CatalogFixtures.search(cacheFile, catalogJws, hostVersion, licensed);
    }

    /** The catalog's modules as the PBX parses them. */
    public static List<Module> modules(String catalogJws) throws IOException {
        return CatalogFixtures.modules(catalogJws).stream().map(Module::new).collect(java.util.stream.Collectors.toList());
    }
}
