package org.pbx.marketplace.impl.internal.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.resource.Capability;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;
import org.osgi.resource.Wire;
import org.osgi.resource.Wiring;
import org.osgi.service.resolver.HostedCapability;
import org.osgi.service.resolver.ResolutionException;
import org.osgi.service.resolver.ResolveContext;
import org.osgi.service.resolver.Resolver;
import org.pbx.marketplace.api.CatalogException;

/**
 * Before anything is downloaded: the install plan's modules resolved, with the framework's own OSGi resolver,
 * against the running framework's bundles plus the catalog's libraries, from the manifest headers the signed
 * catalog carries. The answer is the libraries to install (highest version first when several fit), and the
 * installed libraries the new ones supersede; a requirement nothing provides refuses the install in plain words.
 */
final class LibraryResolution {

    /** What an install does to libraries besides its modules. */
    static final class Plan {
        static final Plan NONE = new Plan(List.of());
        /** To install before the modules, in no particular order (each is started after all are installed). */
        final List<CatalogLibrary> install;

        Plan(List<CatalogLibrary> install) {
            this.install = List.copyOf(install);
        }
    }

    private final Resolver resolver;
    private final Bundle[] bundles;

    /** @param bundles the framework's bundles now */
    LibraryResolution(Resolver resolver, Bundle[] bundles) {
        this.resolver = resolver;
        this.bundles = bundles;
    }

    /**
     * @param modules the plan's modules with their releases (required ones first)
     * @throws CatalogException UNRESOLVED when a requirement of the plan has no provider
     */
    Plan plan(String moduleId, List<Map.Entry<CatalogDocument.Module, CatalogDocument.Release>> modules,
              List<CatalogLibrary> libraries) throws CatalogException {
        List<ManifestResource> mandatory = new ArrayList<>();
        for (Map.Entry<CatalogDocument.Module, CatalogDocument.Release> item : modules) {
            if (item.getValue().manifest == null) {
                return Plan.NONE; // a catalog of an older server: the framework resolves at start, as before
            }
            mandatory.add(resource(item.getKey().id, item.getValue().version, item.getValue().manifest, null));
        }
        Map<Resource, Wiring> wirings = new HashMap<>();
        List<Capability> installed = new ArrayList<>();
        Set<String> present = new java.util.HashSet<>();
        for (Bundle bundle : bundles) {
            BundleRevision revision = bundle.adapt(BundleRevision.class);
            BundleWiring wiring = bundle.adapt(BundleWiring.class);
            // Null capabilities: a refresh disposed the wiring after the check; it provides nothing now either.
            List<BundleCapability> capabilities = revision == null || wiring == null || !wiring.isCurrent() ? null
                    : wiring.getCapabilities(null);
            if (capabilities == null) {
                continue; // not resolved: it provides nothing now
            }
            present.add(bundle.getSymbolicName() + " " + bundle.getVersion());
            wirings.put(revision, wiring);
            installed.addAll(capabilities);
        }
        Set<String> planned = modules.stream().map(m -> m.getKey().id).collect(Collectors.toSet());
        List<Capability> offered = new ArrayList<>();
        for (ManifestResource m : mandatory) {
            offered.addAll(m.getCapabilities(null));
        }
        for (CatalogLibrary library : libraries) {
            if (!present.contains(library.symbolicName + " " + library.version) && library.manifest != null
                    && !planned.contains(library.symbolicName)) {
                ManifestResource resource = resource(library.symbolicName, library.version, library.manifest, library);
                if (resource != null) {
                    offered.addAll(resource.getCapabilities(null));
                }
            }
        }
        Context context = new Context(mandatory, wirings, installed, offered);
        Map<Resource, List<Wire>> result;
        try {
            result = resolver.resolve(context);
        } catch (ResolutionException e) {
            throw unresolved(moduleId, e);
        }
        List<CatalogLibrary> needed = new ArrayList<>();
        for (Resource resource : result.keySet()) {
            if (resource instanceof ManifestResource && ((ManifestResource) resource).library != null) {
                needed.add(((ManifestResource) resource).library);
            }
        }
        needed.sort(Comparator.comparing((CatalogLibrary l) -> l.symbolicName).thenComparing(l -> l.version));
        return new Plan(needed);
    }

    private static ManifestResource resource(String name, Version version, Map<String, String> headers, CatalogLibrary library)
            throws CatalogException {
        try {
            return new ManifestResource(name, version, headers, library);
        } catch (IllegalArgumentException e) {
            if (library != null) {
                return null; // a library whose headers do not parse is offered to no one
            }
            throw CatalogReason.CATALOG_INVALID.exception(name + " " + version + ": " + ModuleChecks.shorten(e.getMessage()));
        }
    }

    private static CatalogException unresolved(String moduleId, ResolutionException e) {
        Collection<Requirement> missing = e.getUnresolvedRequirements();
        Requirement first = missing == null || missing.isEmpty() ? null : missing.iterator().next();
        String needer = first != null && first.getResource() instanceof ManifestResource
                ? ((ManifestResource) first.getResource()).name : moduleId;
        return new CatalogException(CatalogReason.unresolved(needer, RequirementWords.en(first), RequirementWords.ru(first),
                ModuleChecks.shorten(String.valueOf(e.getMessage()))));
    }

    /** The resolver's view: the framework as it is wired, the plan's modules to resolve, the catalog's libraries to choose from. */
    private static final class Context extends ResolveContext {
        private final List<ManifestResource> mandatory;
        private final Map<Resource, Wiring> wirings;
        private final List<Capability> installed;
        private final List<Capability> offered;

        Context(List<ManifestResource> mandatory, Map<Resource, Wiring> wirings, List<Capability> installed, List<Capability> offered) {
            this.mandatory = mandatory;
            this.wirings = wirings;
            this.installed = installed;
            this.offered = offered;
        }

        @Override
        public Collection<Resource> getMandatoryResources() {
            return new ArrayList<>(mandatory);
        }

        @Override
        public List<Capability> findProviders(Requirement requirement) {
            List<Capability> found = new ArrayList<>();
            org.osgi.framework.Filter filter;
            try {
                String text = requirement.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
                filter = text == null ? null : FrameworkUtil.createFilter(text);
            } catch (InvalidSyntaxException e) {
                return found;
            }
            String text = requirement.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
            for (List<Capability> source : List.of(installed, offered)) {
                for (Capability capability : source) {
                    if (capability.getNamespace().equals(requirement.getNamespace())
                            && (filter == null || filter.matches(capability.getAttributes()))
                            && mandatoryNamed(capability, text)) {
                        found.add(capability);
                    }
                }
            }
            // The resolver prefers the first candidate: a bundle's own export of a package it also imports (as the
            // framework prefers), then the highest version; an installed one wins a tie.
            found.sort(Comparator.comparing((Capability c) -> c.getResource() != requirement.getResource())
                    .thenComparing(Comparator.comparing(LibraryResolution::version).reversed()));
            return found;
        }

        @Override
        public int insertHostedCapability(List<Capability> capabilities, HostedCapability hostedCapability) {
            capabilities.add(hostedCapability);
            return capabilities.size() - 1;
        }

        @Override
        public boolean isEffective(Requirement requirement) {
            String effective = requirement.getDirectives().get(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE);
            return effective == null || Namespace.EFFECTIVE_RESOLVE.equals(effective);
        }

        @Override
        public Map<Resource, Wiring> getWirings() {
            return wirings;
        }
    }

    /** A capability's mandatory attributes (Core §3.6.6) must each be named by the requirement's filter. */
    private static boolean mandatoryNamed(Capability capability, String filter) {
        String mandatory = capability.getDirectives().get("mandatory");
        if (mandatory == null) {
            return true;
        }
        for (String attribute : mandatory.split(",")) {
            if (filter == null || !filter.contains("(" + attribute.trim() + "=")) {
                return false;
            }
        }
        return true;
    }

    private static Version version(Capability capability) {
        Map<String, Object> attributes = capability.getAttributes();
        Object v = attributes.getOrDefault("version", attributes.get("bundle-version"));
        return v instanceof Version ? (Version) v : Version.emptyVersion;
    }

}
