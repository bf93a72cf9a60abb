package org.pbx.marketplace.impl.internal.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.osgi.service.log.Logger;
import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.dto.CatalogDTO;
import org.pbx.marketplace.api.dto.ModuleDTO;
import org.pbx.marketplace.api.dto.ModuleQueryDTO;
import org.pbx.marketplace.api.dto.ReasonDTO;
import org.pbx.marketplace.api.dto.UpgradeCheckDTO;
import org.pbx.marketplace.impl.internal.protocol.JwsVerifier;
import org.pbx.marketplace.impl.internal.protocol.ProtocolException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The catalog as the PBX knows it at one moment, immutable: the last accepted document, when it
 * came, and why it is stale, if it is. Searches and plans read it without locks.
 */
final class CatalogView {

    /**
     * The host version when the framework property pbx.host.version is unset: 0.0.0 for the ranges, told
     * apart by identity so the reasons can say what to set instead of "needs version x; this PBX is 0.0.0".
     */
    static final Version UNKNOWN_HOST = new Version(0, 0, 0);

    static boolean unknownHost(Version host) {
        return host == UNKNOWN_HOST;
    }

    private final CatalogDocument document;
    private final long fetchedAt;
    private final ReasonDTO failure;
    private final Version host;

    private CatalogView(CatalogDocument document, long fetchedAt, ReasonDTO failure, Version host) {
        this.document = document;
        this.fetchedAt = fetchedAt;
        this.failure = failure;
        this.host = host;
    }

    static CatalogView empty(Version host) {
        return of(CatalogDocument.empty(), 0, host);
    }

    /** A view of a document already verified (the benchmarks build theirs so). */
    static CatalogView of(CatalogDocument document, long fetchedAt, Version host) {
        return new CatalogView(document, fetchedAt, null, host);
    }

    /**
     * The stored catalog, verified again as when it came (signatures by a pinned key, the catalog
     * matching its timestamp, the strict spelling of its entries): the file is only as safe as the
     * disk, and the keys may have changed since. Anything that fails is discarded and fetched again.
     *
     * @param verifier null when no vendor key is known now: the stored catalog can't be trusted then
     */
    static CatalogView load(CatalogCache cache, JwsVerifier verifier, Version host, Logger logger) {
        CatalogCache.Entry entry;
        try {
            entry = cache.load();
        } catch (IOException | RuntimeException e) {
            logger.warn("The stored catalog could not be read (" + e.getMessage() + "); fetching it again");
            return empty(host);
        }
        if (entry.catalog == null) {
            return floor(entry, host);
        }
        if (verifier == null) {
            logger.warn("The stored catalog can't be verified (no trust root yet); fetching it again");
            return floor(entry, host);
        }
        try {
            JsonNode stamp = verifier.verify(entry.timestamp == null ? "" : entry.timestamp, "pbx-timestamp");
            byte[] catalog = entry.catalog.getBytes(StandardCharsets.US_ASCII);
            if (stamp.path("catalog").path("length").asLong() != catalog.length
                    || !stamp.path("catalog").path("sha256").asText().equals(CatalogFetcher.sha256(catalog))) {
                throw new ProtocolException(ProtocolException.Kind.MALFORMED, "the catalog does not match its timestamp");
            }
            JsonNode payload = verifier.verify(catalog, "pbx-catalog");
            if (payload.path("version").asLong() != stamp.path("version").asLong()) {
                throw new ProtocolException(ProtocolException.Kind.MALFORMED, "the catalog's version is not its timestamp's");
            }
            return new CatalogView(new CatalogDocument(payload), entry.fetchedAt, null, host);
        } catch (ProtocolException e) {
            logger.warn("The stored catalog failed its check (" + e.getMessage() + "); it was discarded, fetching it again");
        } catch (RuntimeException e) {
            logger.warn("The stored catalog could not be read (" + e.getMessage() + "); fetching it again");
        }
        return floor(entry, host);
    }

    /**
     * Nothing to show from the store, but the version it had still bars rollbacks (a catalog
     * dropped under a new trust root, or one that no longer verifies).
     */
    private static CatalogView floor(CatalogCache.Entry entry, Version host) {
        return entry.version > 0 ? new CatalogView(versionOnly(entry.version), 0, null, host) : empty(host);
    }

    /** The accepted document itself (its advisories: AdvisoryWatch). */
    CatalogDocument document() {
        return document;
    }

    long issuedAt() {
        return document.issuedAt;
    }

    /** Whether the catalog's own expiry has passed: installs wait for a fresh one then. */
    boolean expired(long now) {
        return document.expiresAt > 0 && document.expiresAt <= now;
    }

    long expiresAt() {
        return document.expiresAt;
    }

    long version() {
        return document.version;
    }

    CatalogView accepted(CatalogFetcher.Fetched fetched, CatalogCache cache, long now) throws IOException {
        CatalogDocument next = fetched.document == null ? document : fetched.document;
        if (fetched.document != null) {
            CatalogCache.Entry entry = new CatalogCache.Entry();
            entry.version = fetched.version;
            entry.fetchedAt = now;
            entry.timestamp = fetched.timestampJws;
            entry.catalog = fetched.catalogJws;
            cache.save(entry);
        }
        return new CatalogView(next, now, null, host);
    }

    /** Nothing shown any more (signed by a key no longer trusted); the version stays the floor for the next one. */
    CatalogView distrusted(ReasonDTO reason) {
        return new CatalogView(versionOnly(document.version), 0, reason, host);
    }

    private static CatalogDocument versionOnly(long version) {
        return new CatalogDocument(CatalogCache.MAPPER.createObjectNode().put("version", version));
    }

    CatalogView failed(ReasonDTO reason) {
        return new CatalogView(document, fetchedAt, reason, host);
    }

    /** The catalog's library bundles. */
    List<CatalogLibrary> libraries() {
        return document.libraries;
    }

    CatalogDocument.Module require(String moduleId) throws CatalogException {
        CatalogDocument.Module module = moduleId == null ? null : document.modules.get(moduleId);
        if (module == null) {
            throw CatalogReason.MODULE_UNKNOWN.exception(moduleId);
        }
        return module;
    }

    /** The modules to install for a release: missing required ones first (depth first), then the module. */
    List<Map.Entry<CatalogDocument.Module, CatalogDocument.Release>> plan(CatalogDocument.Module module,
            CatalogDocument.Release release, Map<String, Bundle> installed, Version hostVersion) throws CatalogException {
        Set<String> seen = new LinkedHashSet<>();
        List<Map.Entry<CatalogDocument.Module, CatalogDocument.Release>> plan = new ArrayList<>();
        addRequired(release, installed, hostVersion, seen, plan);
        plan.add(new AbstractMap.SimpleEntry<>(module, release));
        return plan;
    }

    private void addRequired(CatalogDocument.Release release, Map<String, Bundle> installed, Version hostVersion,
                             Set<String> seen, List<Map.Entry<CatalogDocument.Module, CatalogDocument.Release>> plan)
            throws CatalogException {
        for (String id : release.requires) {
            if (installed.containsKey(id) || !seen.add(id)) {
                continue;
            }
            CatalogDocument.Module required = require(id);
            CatalogDocument.Release best = required.newestCompatible(hostVersion);
            if (best == null) {
                throw CatalogReason.incompatible(hostVersion).exception(id, "?", hostVersion);
            }
            addRequired(best, installed, hostVersion, seen, plan);
            plan.add(new AbstractMap.SimpleEntry<>(required, best));
        }
    }

    /** Installed modules whose installed release requires {@code moduleId}. */
    List<String> dependents(String moduleId, Map<String, Bundle> installed) {
        List<String> dependents = new ArrayList<>();
        for (Map.Entry<String, Bundle> entry : installed.entrySet()) {
            CatalogDocument.Module module = document.modules.get(entry.getKey());
            CatalogDocument.Release release = module == null ? null : module.release(entry.getValue().getVersion());
            if (release != null && release.requires.contains(moduleId)) {
                dependents.add(entry.getKey());
            }
        }
        dependents.sort(null);
        return dependents;
    }

    /** The advisories this catalog carries, by release: marks earlier versions and guards going back to them. */
    ReleaseAdvisories advisories() {
        Advisories all = document.advisories;
        return (moduleId, version) -> all.covering(moduleId, version).stream().map(a -> a.id).toList();
    }

    /** "Check PBX version X" for the installed modules, from this catalog's releases. */
    UpgradeCheckDTO upgradeCheck(Version target, String asGiven, Map<String, Bundle> installed, long now) {
        Map<String, Version> versions = new java.util.TreeMap<>();
        installed.forEach((id, bundle) -> versions.put(id, bundle.getVersion()));
        return new UpgradeCheck(document.modules, host).check(target, asGiven, versions, document.version,
                failure != null || expired(now));
    }

    CatalogDTO toDTO(ModuleQueryDTO query, Map<String, Bundle> installed, LicenseService license, long now) {
        CatalogDTO dto = new CatalogDTO();
        dto.version = document.version;
        dto.fetchedAt = fetchedAt;
        dto.hostVersion = host.toString();
        dto.stale = failure != null || expired(now);
        dto.reason = failure == null ? null
                : fetchedAt == 0 ? CatalogReason.neverFetched(failure)
                : CatalogReason.STALE.dto(ModuleListing.age(now - fetchedAt));
        dto.modules = new ModuleListing(host, license, advisories(), new ReleaseLibraries(document.libraries)).search(document.modules.values(), query, installed);
        return dto;
    }

    ModuleDTO module(String moduleId, Map<String, Bundle> installed, LicenseService license) {
        CatalogDocument.Module module = document.modules.get(moduleId);
        return module == null ? null : new ModuleListing(host, license, advisories(), new ReleaseLibraries(document.libraries)).describe(module, installed.get(moduleId));
    }
}
