package org.pbx.marketplace.impl.internal.catalog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.resource.Namespace;
import org.osgi.service.log.Logger;

/**
 * Libraries that are no longer needed leave the framework: one that a newer installed version of the same library
 * can replace for every bundle wired to it (the highest compatible version is kept), and one that no installed
 * module needs any more, even through another library. Each removal is journaled like a module's, so a crash in
 * the middle is completed at the next start. Runs under the framework lock, after the operation itself succeeded.
 */
final class LibraryCleanup {

    private final FrameworkChanges framework;
    private final InstallJournal journal;
    private final Logger logger;

    LibraryCleanup(FrameworkChanges framework, InstallJournal journal, Logger logger) {
        this.framework = framework;
        this.journal = journal;
        this.logger = logger;
    }

    /** @return the libraries removed, as "name version" */
    List<String> run() {
        List<Bundle> remove = new ArrayList<>(superseded());
        for (Bundle unneeded : unneeded()) {
            if (!remove.contains(unneeded)) {
                remove.add(unneeded);
            }
        }
        List<String> removed = new ArrayList<>();
        if (remove.isEmpty()) {
            return removed;
        }
        List<InstallJournal.Entry> entries = new ArrayList<>();
        remove.forEach(b -> entries.add(new InstallJournal.Entry(b.getSymbolicName(), b.getLocation(), null, null)));
        try {
            journal.write(entries);
            for (Bundle bundle : remove) {
                bundle.uninstall();
                removed.add(bundle.getSymbolicName() + " " + bundle.getVersion());
            }
            framework.refresh(remove);
            journal.clear();
        } catch (IOException | BundleException | TimeoutException | RuntimeException e) {
            logger.error("Libraries no module needs any more could not all be removed (" + e + "); removed: " + removed
                    + "; the next start of the PBX completes the removal");
        }
        if (!removed.isEmpty()) {
            logger.info("Libraries removed (no module needs them, or a newer version serves them): " + String.join(", ", removed));
        }
        return removed;
    }

    /** Installed libraries for which a newer installed version of the same name satisfies every wire to them. */
    private List<Bundle> superseded() {
        List<Bundle> found = new ArrayList<>();
        List<Bundle> libraries = framework.libraries();
        for (Bundle older : libraries) {
            BundleWiring wiring = older.adapt(BundleWiring.class);
            if (wiring == null) {
                continue;
            }
            for (Bundle newer : libraries) {
                BundleWiring newerWiring = newer.adapt(BundleWiring.class);
                if (newer == older || newerWiring == null || !newer.getSymbolicName().equals(older.getSymbolicName())
                        || newer.getVersion().compareTo(older.getVersion()) <= 0) {
                    continue;
                }
                // Null wires: the wiring was disposed by a refresh meanwhile; what it served is not known.
                List<BundleWire> served = wiring.getProvidedWires(null);
                if (served != null && served.stream().allMatch(w -> served(w, newerWiring))) {
                    found.add(older);
                    break;
                }
            }
        }
        return found;
    }

    /**
     * Whether the newer library declares a capability the wire's requirement accepts: declared, not wired, as
     * the framework may have wired the newer one's import of its own package to the older one's export.
     */
    private static boolean served(BundleWire wire, BundleWiring by) {
        String text = wire.getRequirement().getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
        for (BundleCapability capability : by.getRevision().getDeclaredCapabilities(wire.getRequirement().getNamespace())) {
            try {
                if (text == null || FrameworkUtil.createFilter(text).matches(capability.getAttributes())) {
                    return true;
                }
            } catch (InvalidSyntaxException e) {
                return false;
            }
        }
        return false;
    }

    /**
     * Libraries that no installed module reaches through its wires, directly or through other libraries; none while
     * an installed module is unresolved (it has no wires, so what it needs cannot be told).
     */
    private List<Bundle> unneeded() {
        for (Bundle module : framework.installed().values()) {
            if (module.adapt(BundleWiring.class) == null) {
                logger.warn("Module " + module.getSymbolicName() + " is not resolved; libraries no module needs are"
                        + " kept until it is");
                return List.of();
            }
        }
        List<Bundle> unneeded = new ArrayList<>(framework.libraries());
        unneeded.removeAll(FrameworkChanges.librariesReached(framework.installed().values()));
        return unneeded;
    }
}
