package org.pbx.marketplace.impl.internal.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.framework.Version;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A verified catalog's modules (docs/protocol.md §4.3), immutable.
 */
final class CatalogDocument {

    static final class Release {
        final Version version;
        final String minHost;
        final String maxHost;
        /** minHost and maxHost parsed once: every listing asks each release whether it fits. */
        private final Version minHostVersion;
        private final Version maxHostVersion;
        final long size;
        final String sha256;
        final String path;
        final Map<String, String> changelog;
        final String date;
        final List<String> requires;
        /** The bundle's manifest headers the resolver reads (docs/protocol.md, "Libraries"); null from an older server. */
        final Map<String, String> manifest;

        Release(JsonNode node) {
            version = Version.parseVersion(ModuleChecks.version(node.path("version").asText()));
            minHost = text(node.path("minHostVersion"));
            maxHost = text(node.path("maxHostVersion"));
            minHostVersion = minHost == null ? null : Version.parseVersion(minHost);
            maxHostVersion = maxHost == null ? null : Version.parseVersion(maxHost);
            size = node.path("size").asLong();
            sha256 = node.path("sha256").asText();
            path = node.path("path").asText();
            if (!ModuleChecks.validPath(path)) {
                throw new IllegalArgumentException("download path \"" + ModuleChecks.shorten(path) + "\" is not allowed");
            }
            if (!ModuleChecks.validSha256(sha256) || size <= 0) {
                throw new IllegalArgumentException("release " + version + " has no valid size and sha256");
            }
            changelog = texts(node.path("changelog"));
            date = text(node.path("date"));
            List<String> req = new ArrayList<>();
            node.path("requires").forEach(r -> req.add(ModuleChecks.id(r.asText())));
            requires = Collections.unmodifiableList(req);
            manifest = CatalogLibrary.headers(node.path("manifest"));
        }

        /** Whether it runs on the given host version; null when it does, else the range it needs. */
        String incompatibility(Version host) {
            boolean tooOld = minHostVersion != null && host.compareTo(minHostVersion) < 0;
            boolean tooNew = maxHostVersion != null && host.compareTo(maxHostVersion) > 0;
            if (!tooOld && !tooNew) {
                return null;
            }
            return (minHost == null ? "" : "≥ " + minHost) + (minHost != null && maxHost != null ? ", " : "")
                    + (maxHost == null ? "" : "≤ " + maxHost);
        }
    }

    static final class Module {
        final String id;
        final Map<String, String> name;
        final Map<String, String> description;
        final String vendor;
        final String category;
        final boolean commercial;
        final String featureId;
        final String productId;
        /** How long a trial of productId lasts, as the catalog says; 0 when it does not say. */
        final int trialDays;
        /** Newest first. */
        final List<Release> releases;
        /** Id, names and descriptions in lower case, NUL-separated: a text search is one contains() per module. */
        private final String searchText;

        Module(JsonNode node) {
            id = ModuleChecks.id(node.path("id").asText());
            name = texts(node.path("name"));
            description = texts(node.path("description"));
            vendor = text(node.path("vendor"));
            category = text(node.path("category"));
            commercial = node.path("commercial").asBoolean();
            featureId = text(node.path("featureId"));
            productId = text(node.path("productId"));
            trialDays = commercial ? Math.max(0, node.path("trialDays").asInt(0)) : 0;
            List<Release> list = new ArrayList<>();
            node.path("releases").forEach(r -> list.add(new Release(r)));
            list.sort(Comparator.comparing((Release r) -> r.version).reversed());
            releases = Collections.unmodifiableList(list);
            StringBuilder text = new StringBuilder(id);
            name.values().forEach(v -> text.append('\0').append(v));
            description.values().forEach(v -> text.append('\0').append(v));
            searchText = text.toString().toLowerCase(Locale.ROOT);
        }

        /** Whether the module's text has every word of the query, in some form ({@link WordMatch}). */
        boolean mentions(WordMatch query) {
            return query.matches(searchText);
        }

        Release release(Version version) {
            return releases.stream().filter(r -> r.version.equals(version)).findFirst().orElse(null);
        }

        Release newestCompatible(Version host) {
            return releases.stream().filter(r -> r.incompatibility(host) == null).findFirst().orElse(null);
        }
    }

    final long version;
    /** Epoch seconds: a catalog signed before the last accepted one is refused (CatalogFetcher). */
    final long issuedAt;
    final long expiresAt;
    final Map<String, Module> modules;
    /** The catalog's security advisories (§4.6); {@link Advisories#NONE} when it has none. */
    final Advisories advisories;
    /** The catalog's library bundles (docs/protocol.md, "Libraries"). */
    final List<CatalogLibrary> libraries;

    /**
     * @throws IllegalArgumentException when a module id, release version or download path is not
     *         the strict spelling of {@link ModuleChecks}
     */
    CatalogDocument(JsonNode verified) {
        version = verified.path("version").asLong();
        issuedAt = verified.path("iat").asLong();
        expiresAt = verified.path("exp").asLong() * 1000;
        Map<String, Module> map = new LinkedHashMap<>();
        verified.path("modules").forEach(m -> {
            Module module = new Module(m);
            map.put(module.id, module);
        });
        modules = Collections.unmodifiableMap(map);
        advisories = Advisories.parse(verified.path("advisories"));
        List<CatalogLibrary> libs = new ArrayList<>();
        verified.path("libraries").forEach(l -> libs.add(new CatalogLibrary(l)));
        libraries = Collections.unmodifiableList(libs);
    }

    static CatalogDocument empty() {
        return new CatalogDocument(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static Map<String, String> texts(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return Collections.unmodifiableMap(map);
    }
}
