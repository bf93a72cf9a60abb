package org.pbx.marketplace.impl.internal.catalog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.pbx.marketplace.api.dto.LibraryDTO;

/**
 * The catalog's libraries a release names through its manifest, for the details of a module not installed yet
 * (ModuleDTO.releaseLibraries): for each package it imports (not optional) and each bundle it requires, the
 * highest catalog library that exports that package (or has that name) in the range asked for, and the same for
 * those libraries' own imports. Cheap, and not a resolution: a package the PBX itself exports may make a library
 * unneeded, which the install's resolution (LibraryResolution) finds.
 */
final class ReleaseLibraries {

    static final ReleaseLibraries NONE = new ReleaseLibraries(List.of());

    private final List<CatalogLibrary> libraries;
    /** Package name to the libraries exporting it, with the version each exports it at: read once per listing. */
    private final Map<String, Map<CatalogLibrary, Version>> exports = new HashMap<>();

    ReleaseLibraries(List<CatalogLibrary> libraries) {
        this.libraries = libraries;
        for (CatalogLibrary library : libraries) {
            try {
                for (HeaderClauses.Clause clause : HeaderClauses.parse(library.manifest == null ? null
                        : library.manifest.get(Constants.EXPORT_PACKAGE))) {
                    String version = clause.attributes.get(Constants.VERSION_ATTRIBUTE);
                    Version exported = version == null ? Version.emptyVersion : Version.parseVersion(version.trim());
                    clause.paths.forEach(p -> exports.computeIfAbsent(p, k -> new HashMap<>()).put(library, exported));
                }
            } catch (IllegalArgumentException malformed) {
                // Not offered here; the install's resolution says what is wrong with it.
            }
        }
    }

    /** @return by name and version; null when the release's manifest is not in the catalog (an older server) */
    List<LibraryDTO> of(CatalogDocument.Release release) {
        if (release.manifest == null) {
            return null;
        }
        Map<String, CatalogLibrary> chosen = new TreeMap<>();
        Deque<Map<String, String>> next = new ArrayDeque<>(List.of(release.manifest));
        while (!next.isEmpty()) {
            Map<String, String> manifest = next.pop();
            List<CatalogLibrary> found = new ArrayList<>();
            try {
                for (HeaderClauses.Clause clause : HeaderClauses.parse(manifest.get(Constants.IMPORT_PACKAGE))) {
                    if (!Constants.RESOLUTION_OPTIONAL.equals(clause.directives.get(Constants.RESOLUTION_DIRECTIVE))) {
                        VersionRange range = range(clause.attributes.get(Constants.VERSION_ATTRIBUTE));
                        clause.paths.forEach(p -> add(found, highest(l -> exports(l, p, range))));
                    }
                }
                for (HeaderClauses.Clause clause : HeaderClauses.parse(manifest.get(Constants.REQUIRE_BUNDLE))) {
                    if (!Constants.RESOLUTION_OPTIONAL.equals(clause.directives.get(Constants.RESOLUTION_DIRECTIVE))) {
                        VersionRange range = range(clause.attributes.get(Constants.BUNDLE_VERSION_ATTRIBUTE));
                        clause.paths.forEach(n -> add(found, highest(l -> l.symbolicName.equals(n) && range.includes(l.version))));
                    }
                }
            } catch (IllegalArgumentException malformed) {
                // The install's resolution refuses such a manifest with its reason; the listing shows what it could read.
            }
            for (CatalogLibrary library : found) {
                if (chosen.putIfAbsent(library.toString(), library) == null && library.manifest != null) {
                    next.push(library.manifest);
                }
            }
        }
        List<LibraryDTO> list = new ArrayList<>();
        for (CatalogLibrary library : chosen.values()) {
            LibraryDTO dto = new LibraryDTO();
            dto.symbolicName = library.symbolicName;
            dto.version = library.version.toString();
            list.add(dto);
        }
        return list;
    }

    private static void add(List<CatalogLibrary> found, CatalogLibrary library) {
        if (library != null) {
            found.add(library);
        }
    }

    private CatalogLibrary highest(Predicate<CatalogLibrary> fits) {
        CatalogLibrary best = null;
        for (CatalogLibrary library : libraries) {
            if (fits.test(library) && (best == null || library.version.compareTo(best.version) > 0)) {
                best = library;
            }
        }
        return best;
    }

    /** Whether the library exports the package at a version in the range. */
    private boolean exports(CatalogLibrary library, String pkg, VersionRange range) {
        Version exported = exports.getOrDefault(pkg, Map.of()).get(library);
        return exported != null && range.includes(exported);
    }

    private static VersionRange range(String text) {
        return new VersionRange(text == null ? "0.0.0" : text.trim());
    }
}
