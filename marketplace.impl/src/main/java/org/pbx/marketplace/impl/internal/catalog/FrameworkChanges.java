package org.pbx.marketplace.impl.internal.catalog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.FrameworkWiring;
import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.impl.internal.AtomicFiles;

/**
 * What the installer does to the framework: install or update a module's bundle (keeping its jar,
 * so that a later update can be undone), resolve and start, and refresh, waiting for the refresh
 * to finish: a refresh that does not finish in time is a failure, not stale wiring to go on with.
 */
final class FrameworkChanges {

    static final String LOCATION_PREFIX = "marketplace:module:";

    private final BundleContext context;
    private final Path jars;
    private final Duration refreshTimeout;

    FrameworkChanges(BundleContext context, Path jars, Duration refreshTimeout) {
        this.context = context;
        this.jars = jars;
        this.refreshTimeout = refreshTimeout;
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

    Bundle bundle(String location) {
        return context.getBundle(location);
    }

    /** Keeps the jar whole or not at all: a later update's recovery puts it back. */
    void keep(String moduleId, Version version, byte[] jar) throws IOException {
        AtomicFiles.write(jars.resolve(moduleId).resolve(version + ".jar"), jar);
    }

    /** The kept jar of the version now installed, or null if there is none to go back to. */
    Path keptJar(String moduleId, Bundle existing) {
        if (existing == null) {
            return null;
        }
        Path kept = jars.resolve(moduleId).resolve(existing.getVersion() + ".jar");
        return Files.exists(kept) ? kept : null;
    }

    /** Installs the module's jar, or updates its bundle to it; the way back goes into {@code rollback}. */
    Bundle put(String moduleId, byte[] jar, Path previousJar, Rollback rollback) throws IOException, BundleException {
        String location = LOCATION_PREFIX + moduleId;
        Bundle existing = context.getBundle(location);
        if (existing == null) {
            Bundle bundle = context.installBundle(location, new ByteArrayInputStream(jar));
            rollback.add("uninstall " + moduleId + " " + bundle.getVersion(), bundle::uninstall);
            return bundle;
        }
        byte[] old = previousJar == null ? null : Files.readAllBytes(previousJar);
        Version oldVersion = existing.getVersion();
        existing.update(new ByteArrayInputStream(jar));
        if (old != null) {
            rollback.add("put back " + moduleId + " " + oldVersion, () -> existing.update(new ByteArrayInputStream(old)));
        } else {
            rollback.add("uninstall " + moduleId + " (its " + oldVersion + " jar was not kept)", existing::uninstall);
        }
        return existing;
    }

    /** Installs a module's previous jar again (a recovery whose module the framework no longer has). */
    Bundle installPrevious(String location, byte[] jar) throws BundleException {
        return context.installBundle(location, new ByteArrayInputStream(jar));
    }

    /** @param updated the bundles whose old revision must go first; a fresh install has none to refresh */
    void start(List<Bundle> bundles, List<Bundle> updated) throws CatalogException {
        if (!updated.isEmpty()) {
            refresh(updated);
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
     * Refreshes and waits, so that the next step sees the wiring it expects.
     *
     * @param bundles the bundles to refresh; null for all that need it
     * @throws CatalogException REFRESH_TIMEOUT if the framework did not finish in time
     */
    void refresh(Collection<Bundle> bundles) throws CatalogException {
        CountDownLatch done = new CountDownLatch(1);
        wiring().refreshBundles(bundles, event -> done.countDown());
        try {
            if (!done.await(refreshTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw CatalogReason.REFRESH_TIMEOUT.exception(refreshTimeout.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CatalogReason.REFRESH_TIMEOUT.exception(refreshTimeout.toSeconds());
        }
    }

    private FrameworkWiring wiring() {
        return context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
    }
}
