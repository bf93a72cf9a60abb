package org.pbx.marketplace.impl.internal.catalog;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.dto.CatalogDTO;
import org.pbx.marketplace.api.dto.ModuleQueryDTO;
import org.pbx.marketplace.impl.internal.protocol.JwsVerifier;
import org.pbx.marketplace.impl.testsupport.CatalogSearch;

/**
 * The way in for org.pbx.marketplace.impl.testsupport (and nothing else): the catalog's document,
 * view and fetcher are package-private, so the exported facade reaches them through here.
 */
public final class TestSupportAccess {

    private TestSupportAccess() {
    }

    /** What CatalogFetcher does with a downloaded catalog: the hash against the timestamp, JwsVerifier, CatalogDocument. */
    public static final class Verification {
        private final JwsVerifier verifier;

        public Verification(Map<String, PublicKey> pinned) {
            verifier = new JwsVerifier(pinned);
        }

        public static String sha256(byte[] body) {
            return CatalogFetcher.sha256(body);
        }

        /** @return the parsed document (its type is package-private) */
        public Object verify(byte[] body, String announcedSha256) throws Exception {
            if (!announcedSha256.equals(CatalogFetcher.sha256(body))) {
                throw new IllegalStateException("hash differs");
            }
            return new CatalogDocument(verifier.verify(body, "pbx-catalog"));
        }

        public int modules(Object document) {
            return ((CatalogDocument) document).modules.size();
        }
    }

    /** The view as the catalog component builds it after a restart: from its verified cache. */
    public static final class Search {
        private final CatalogView view;
        private final List<CatalogSearch.Module> modules = new ArrayList<>();

        public Search(Path cacheFile, String catalogJws, long fetchedAt, String hostVersion) throws Exception {
            CatalogCache cache = new CatalogCache(cacheFile);
            CatalogCache.Entry entry = new CatalogCache.Entry();
            entry.version = 1;
            entry.fetchedAt = fetchedAt;
            entry.catalog = catalogJws;
            cache.save(entry);
            CatalogDocument document = new CatalogDocument(CatalogCache.MAPPER.readTree(CatalogCache.payload(cache.load().catalog)));
            view = CatalogView.of(document, entry.fetchedAt, Version.parseVersion(hostVersion));
            for (CatalogDocument.Module m : document.modules.values()) {
                modules.add(new CatalogSearch.Module(m.id, List.copyOf(m.name.values()), List.copyOf(m.description.values()),
                        m.category, m.commercial));
            }
        }

        public CatalogDTO toDTO(ModuleQueryDTO query, Map<String, Bundle> installed, LicenseService license, long now) {
            return view.toDTO(query, installed, license, now);
        }

        public List<CatalogSearch.Module> modules() {
            return modules;
        }
    }
}
