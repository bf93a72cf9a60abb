package org.pbx.marketplace.impl.internal.catalog;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.log.Logger;
import org.pbx.marketplace.api.CatalogException;

/**
 * The installer's changes to the running framework: module bundles installed, updated and started,
 * refreshes waited for (one that does not finish in time is a failure, never stale wiring), and an
 * operation's changes undone, each undo that fails logged with what it left.
 */
final class FrameworkChanges {

    static final String LOCATION_PREFIX = "marketplace:module:";
    /** Library bundles (CatalogLibrary.location()): never listed as modules. */
    static final String LIBRARY_PREFIX = "marketplace:library:";

    /**
     * The library bundles these bundles are wired to, directly or through other libraries, in the order
     * the walk meets them. The wires, not the manifests: what the framework actually resolved.
     */
    static Set<Bundle> librariesReached(Collection<Bundle> from) {
        Set<Bundle> reached = new LinkedHashSet<>();
        Deque<Bundle> next = new ArrayDeque<>(from);
        while (!next.isEmpty()) {
            BundleWiring wiring = next.pop().adapt(BundleWiring.class);
            // Null wires: a refresh disposed the wiring after adapt() returned it (a listing during an uninstall).
            List<BundleWire> wires = wiring == null ? null : wiring.getRequiredWires(null);
            if (wires == null) {
                continue;
            }
            for (BundleWire wire : wires) {
                Bundle provider = wire.getProvider().getBundle();
                if (provider.getLocation().startsWith(LIBRARY_PREFIX) && reached.add(provider)) {
                    next.push(provider);
                }
            }
        }
        return reached;
    }

    /** One change to undo; {@code left} says what stays if the undo itself fails. */
    static final class Undo {
        final String moduleId;
        final String left;
        final Step step;

        Undo(String moduleId, String left, Step step) {
            this.moduleId = moduleId;
            this.left = left;
            this.step = step;
        }
    }

    /** A framework call that may fail. */
    interface Step {
        void run() throws Exception;
    }

    private final BundleContext context;
    private final Duration refreshWait;
    private final Logger logger;
    /** One change of the framework at a time: the journal describes one operation, and refreshes must not overlap. */
    final Object lock = new Object();

    FrameworkChanges(BundleContext context, Duration refreshWait, Logger logger) {
        this.context = context;
        this.refreshWait = refreshWait;
        this.logger = logger;
    }

    /** Installed modules by id. */
    Map<String, Bundle> installed() {
        Map<String, Bundle> map = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getLocation().startsWith(LOCATION_PREFIX)) {
                map.put(bundle.getLocation().substring(LOCATION_PREFIX.length()), bundle);
            }
        }
        return map;
    }

    /** Installed library bundles. */
    List<Bundle> libraries() {
        List<Bundle> list = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getLocation().startsWith(LIBRARY_PREFIX)) {
                list.add(bundle);
            }
        }
        return list;
    }

    /** Every bundle of the framework, for the resolver. */
    Bundle[] bundles() {
        return context.getBundles();
    }

    /**
     * The symbolic names of the bundles that are not modules (the framework, the host's own), with
     * their locations: a module of the same name would replace or shadow one of them.
     */
    Map<String, String> hostBundleNames() {
        Map<String, String> names = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (!bundle.getLocation().startsWith(LOCATION_PREFIX) && bundle.getSymbolicName() != null) {
                names.put(bundle.getSymbolicName(), bundle.getSymbolicName() + " " + bundle.getVersion());
            }
        }
        names.put(Constants.SYSTEM_BUNDLE_SYMBOLICNAME, Constants.SYSTEM_BUNDLE_SYMBOLICNAME);
        return names;
    }

    Bundle bundle(String location) {
        return context.getBundle(location);
    }

    Bundle install(String location, byte[] jar) throws BundleException {
        return context.installBundle(location, new ByteArrayInputStream(jar));
    }

    /** Resolves what of the bundles can be resolved; what cannot stays as it is (its wiring null). */
    void resolve(Collection<Bundle> bundles) {
        if (!bundles.isEmpty()) {
            wiring().resolveBundles(bundles);
        }
    }

    /**
     * Resolves and starts the bundles (fragments are only resolved).
     *
     * @param updated the bundles whose old revision must go first; a fresh install has none to refresh
     */
    void start(List<Bundle> bundles, List<Bundle> updated) throws CatalogException {
        if (!updated.isEmpty()) {
            try {
                refresh(updated);
            } catch (TimeoutException e) {
                throw CatalogReason.START_FAILED.exception(names(updated), e.getMessage());
            }
        }
        wiring().resolveBundles(bundles);
        for (Bundle bundle : bundles) {
            if (bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                bundle.start();
            } catch (BundleException | IllegalStateException e) {
                String cause = e.getCause() == null ? e.getMessage() : e.getMessage() + ": " + e.getCause();
                throw CatalogReason.START_FAILED.exception(bundle.getSymbolicName(), cause);
            }
        }
    }

    /**
     * Undoes the changes, newest first, each even when an earlier one failed, then refreshes.
     *
     * @return what was left as the failed operation made it (logged each); empty when all is undone
     */
    List<String> undo(List<Undo> changes, String operation) {
        List<Undo> reversed = new ArrayList<>(changes);
        Collections.reverse(reversed);
        List<String> left = new ArrayList<>();
        for (Undo change : reversed) {
            try {
                change.step.run();
            } catch (Exception e) {
                left.add(change.left);
                logger.error("The rollback of " + operation + " could not undo a change of " + change.moduleId
                        + " (" + e + "): " + change.left + "; the next start of the PBX tries again");
            }
        }
        try {
            refresh(null);
        } catch (TimeoutException | RuntimeException e) {
            left.add("the framework's wiring not yet refreshed");
            logger.error("The rollback of " + operation + " undid its changes, but " + e.getMessage()
                    + ": the framework's wiring may still be the failed operation's; the next start of the PBX refreshes it");
        }
        return left;
    }

    /**
     * A synchronous refresh, so that the next step sees the wiring it expects.
     *
     * @throws TimeoutException when it did not finish within the refresh wait (or the wait was interrupted)
     */
    void refresh(List<Bundle> bundles) throws TimeoutException {
        CountDownLatch done = new CountDownLatch(1);
        wiring().refreshBundles(bundles, event -> done.countDown());
        try {
            if (!done.await(refreshWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TimeoutException("the framework's refresh did not finish within " + (refreshWait.toMillis() % 1000 == 0
                        ? refreshWait.toSeconds() + " s" : refreshWait.toMillis() + " ms"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted while waiting for the framework's refresh");
        }
    }

    private FrameworkWiring wiring() {
        return context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
    }

    static String names(List<Bundle> bundles) {
        List<String> names = new ArrayList<>();
        bundles.forEach(b -> names.add(b.getSymbolicName()));
        return String.join(", ", names);
    }
}
