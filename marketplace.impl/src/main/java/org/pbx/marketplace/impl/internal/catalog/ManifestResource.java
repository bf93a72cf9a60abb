package org.pbx.marketplace.impl.internal.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.namespace.IdentityNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.resource.Capability;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;

/**
 * A bundle not installed yet, as the resolver sees it: its capabilities and requirements from the manifest
 * headers the signed catalog carries (Export-Package, Provide-Capability, Bundle-SymbolicName; Import-Package,
 * Require-Bundle, Require-Capability), as the framework would read them from the jar.
 */
final class ManifestResource implements Resource {

    /** A catalog library, or null for a module of the install's plan. */
    final CatalogLibrary library;
    /** The module id or library symbolic name, and its version. */
    final String name;
    final Version version;
    private final List<Capability> capabilities = new ArrayList<>();
    private final List<Requirement> requirements = new ArrayList<>();

    /** @throws IllegalArgumentException when a header is not well formed */
    ManifestResource(String name, Version version, Map<String, String> headers, CatalogLibrary library) {
        this.name = name;
        this.version = version;
        this.library = library;
        String bsn = name;
        capabilities.add(capability(IdentityNamespace.IDENTITY_NAMESPACE, Map.of(IdentityNamespace.IDENTITY_NAMESPACE, bsn,
                IdentityNamespace.CAPABILITY_TYPE_ATTRIBUTE, IdentityNamespace.TYPE_BUNDLE,
                IdentityNamespace.CAPABILITY_VERSION_ATTRIBUTE, version), Map.of()));
        capabilities.add(capability(BundleNamespace.BUNDLE_NAMESPACE, Map.of(BundleNamespace.BUNDLE_NAMESPACE, bsn,
                Constants.BUNDLE_VERSION_ATTRIBUTE, version), Map.of()));
        capabilities.add(capability(HostNamespace.HOST_NAMESPACE, Map.of(HostNamespace.HOST_NAMESPACE, bsn,
                Constants.BUNDLE_VERSION_ATTRIBUTE, version), Map.of()));
        for (HeaderClauses.Clause clause : HeaderClauses.parse(headers.get(Constants.EXPORT_PACKAGE))) {
            for (String pkg : clause.paths) {
                Map<String, Object> attributes = typed(clause.attributes);
                attributes.put(PackageNamespace.PACKAGE_NAMESPACE, pkg);
                attributes.put(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE, attributes.containsKey("version")
                        ? Version.parseVersion(String.valueOf(attributes.get("version"))) : Version.emptyVersion);
                attributes.put(PackageNamespace.CAPABILITY_BUNDLE_SYMBOLICNAME_ATTRIBUTE, bsn);
                attributes.put(PackageNamespace.CAPABILITY_BUNDLE_VERSION_ATTRIBUTE, version);
                capabilities.add(capability(PackageNamespace.PACKAGE_NAMESPACE, attributes, clause.directives));
            }
        }
        for (HeaderClauses.Clause clause : HeaderClauses.parse(headers.get(Constants.PROVIDE_CAPABILITY))) {
            for (String namespace : clause.paths) {
                capabilities.add(capability(namespace, typed(clause.attributes), clause.directives));
            }
        }
        for (HeaderClauses.Clause clause : HeaderClauses.parse(headers.get(Constants.IMPORT_PACKAGE))) {
            for (String pkg : clause.paths) {
                StringBuilder filter = new StringBuilder("(&(").append(PackageNamespace.PACKAGE_NAMESPACE).append('=').append(pkg).append(')');
                String range = clause.attributes.getOrDefault("version", clause.attributes.get("specification-version"));
                range(filter, PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE, range);
                for (Map.Entry<String, String> a : clause.attributes.entrySet()) {
                    if (a.getKey().equals(Constants.BUNDLE_VERSION_ATTRIBUTE)) {
                        range(filter, a.getKey(), a.getValue());
                    } else if (!a.getKey().equals("version") && !a.getKey().equals("specification-version")) {
                        filter.append('(').append(a.getKey()).append('=').append(a.getValue()).append(')');
                    }
                }
                requirements.add(requirement(PackageNamespace.PACKAGE_NAMESPACE, filter.append(')').toString(), clause.directives));
            }
        }
        for (HeaderClauses.Clause clause : HeaderClauses.parse(headers.get(Constants.REQUIRE_BUNDLE))) {
            for (String required : clause.paths) {
                StringBuilder filter = new StringBuilder("(&(").append(BundleNamespace.BUNDLE_NAMESPACE).append('=').append(required).append(')');
                range(filter, Constants.BUNDLE_VERSION_ATTRIBUTE, clause.attributes.get(Constants.BUNDLE_VERSION_ATTRIBUTE));
                requirements.add(requirement(BundleNamespace.BUNDLE_NAMESPACE, filter.append(')').toString(), clause.directives));
            }
        }
        for (HeaderClauses.Clause clause : HeaderClauses.parse(headers.get(Constants.REQUIRE_CAPABILITY))) {
            for (String namespace : clause.paths) {
                requirements.add(requirement(namespace, clause.directives.get(Namespace.REQUIREMENT_FILTER_DIRECTIVE), clause.directives));
            }
        }
    }

    /** The filter part of a version range attribute; nothing when the range is absent. */
    private static void range(StringBuilder filter, String attribute, String range) {
        if (range != null) {
            String part = new VersionRange(range.trim()).toFilterString(attribute);
            filter.append(part);
        }
    }

    /** Attribute values with their declared type (Version, Long, Double, List&lt;…&gt;); String otherwise. */
    private static Map<String, Object> typed(Map<String, String> declared) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : declared.entrySet()) {
            String key = entry.getKey();
            int colon = key.indexOf(':');
            String type = colon < 0 ? "String" : key.substring(colon + 1).trim();
            String name = colon < 0 ? key : key.substring(0, colon).trim();
            attributes.put(name, value(type, entry.getValue()));
        }
        return attributes;
    }

    private static Object value(String type, String text) {
        if (type.startsWith("List")) {
            String element = type.contains("<") ? type.substring(type.indexOf('<') + 1, type.lastIndexOf('>')).trim() : "String";
            List<Object> values = new ArrayList<>();
            for (String item : text.split(",")) {
                values.add(value(element, item.trim()));
            }
            return values;
        }
        switch (type) {
            case "Version": return Version.parseVersion(text.trim());
            case "Long": return Long.parseLong(text.trim());
            case "Double": return Double.parseDouble(text.trim());
            default: return text;
        }
    }

    private Capability capability(String namespace, Map<String, Object> attributes, Map<String, String> directives) {
        return new Cap(this, namespace, attributes, directives);
    }

    private Requirement requirement(String namespace, String filter, Map<String, String> declared) {
        Map<String, String> directives = new HashMap<>(declared);
        if (filter != null) {
            directives.put(Namespace.REQUIREMENT_FILTER_DIRECTIVE, filter);
        }
        return new Req(this, namespace, directives);
    }

    @Override
    public List<Capability> getCapabilities(String namespace) {
        return namespace == null ? Collections.unmodifiableList(capabilities)
                : capabilities.stream().filter(c -> c.getNamespace().equals(namespace)).toList();
    }

    @Override
    public List<Requirement> getRequirements(String namespace) {
        return namespace == null ? Collections.unmodifiableList(requirements)
                : requirements.stream().filter(r -> r.getNamespace().equals(namespace)).toList();
    }

    @Override
    public String toString() {
        return name + " " + version;
    }

    private static final class Cap implements Capability {
        private final Resource resource;
        private final String namespace;
        private final Map<String, Object> attributes;
        private final Map<String, String> directives;

        Cap(Resource resource, String namespace, Map<String, Object> attributes, Map<String, String> directives) {
            this.resource = resource;
            this.namespace = namespace;
            this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
            this.directives = Collections.unmodifiableMap(new LinkedHashMap<>(directives));
        }

        @Override public String getNamespace() { return namespace; }
        @Override public Map<String, String> getDirectives() { return directives; }
        @Override public Map<String, Object> getAttributes() { return attributes; }
        @Override public Resource getResource() { return resource; }
        @Override public String toString() { return namespace + attributes; }
    }

    private static final class Req implements Requirement {
        private final Resource resource;
        private final String namespace;
        private final Map<String, String> directives;

        Req(Resource resource, String namespace, Map<String, String> directives) {
            this.resource = resource;
            this.namespace = namespace;
            this.directives = Collections.unmodifiableMap(directives);
        }

        @Override public String getNamespace() { return namespace; }
        @Override public Map<String, String> getDirectives() { return directives; }
        @Override public Map<String, Object> getAttributes() { return Map.of(); }
        @Override public Resource getResource() { return resource; }
        @Override public String toString() { return namespace + " " + directives.get(Namespace.REQUIREMENT_FILTER_DIRECTIVE); }
    }

}
