package org.pbx.marketplace.impl.internal.catalog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.FrameworkWiring;
import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.dto.ReasonDTO;
import org.pbx.marketplace.impl.internal.AtomicFiles;
import org.pbx.marketplace.impl.internal.protocol.VendorChannel;
import org.pbx.marketplace.impl.internal.protocol.VendorClient;
import org.pbx.marketplace.impl.internal.protocol.VendorUnreachableException;

/**
 * Downloads, verifies and installs module bundles; on any failure puts the framework back as it
 * was: what this operation installed is uninstalled, what it updated gets its previous jar back.
 */
final class ModuleInstaller {

    static final String LOCATION_PREFIX = "marketplace:module:";

    private final BundleContext context;
    private final Path jars;
    private final Duration deadline;
    private final InstallJournal journal;
    private final Object frameworkLock = new Object();

    ModuleInstaller(BundleContext context, Path jars, Duration deadline, InstallJournal journal) {
        this.context = context;
        this.jars = jars;
        this.deadline = deadline;
        this.journal = journal;
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

    /** Installs the plan (required modules first) as one unit: all of it, or nothing. */
    void install(List<Map.Entry<CatalogDocument.Module, CatalogDocument.Release>> plan, Operation op,
                 VendorChannel.Connection connection, LicenseService license, VendorChannel channel) throws CatalogException {
        // Everything is licensed, downloaded and verified before the framework is touched.
        List<byte[]> downloaded = new ArrayList<>();
        for (Map.Entry<CatalogDocument.Module, CatalogDocument.Release> item : plan) {
            op.step("LICENSE", 5);
            ensureLicensed(item.getKey(), license, channel);
            op.step("DOWNLOAD", 10);
            byte[] jar = download(item.getKey(), item.getValue(), op, connection, channel);
            op.step("VERIFY", 82);
            verify(item.getKey(), item.getValue(), jar, hostBundleNames());
            downloaded.add(jar);
        }
        // One change of the framework at a time: the journal describes one operation, and refreshes must not overlap.
        synchronized (frameworkLock) {
            List<Runnable> undo = new ArrayList<>();
            List<Bundle> touched = new ArrayList<>();
            List<Bundle> updated = new ArrayList<>();
            List<InstallJournal.Entry> intent = new ArrayList<>();
            try {
                op.step("INSTALL", 88);
                for (int i = 0; i < plan.size(); i++) {
                    String moduleId = plan.get(i).getKey().id;
                    boolean existed = context.getBundle(LOCATION_PREFIX + moduleId) != null;
                    Bundle bundle = put(moduleId, plan.get(i).getValue().version, downloaded.get(i), undo, intent);
                    touched.add(bundle);
                    if (existed) {
                        updated.add(bundle);
                    }
                }
                op.step("START", 94);
                start(touched, updated);
            } catch (CatalogException | RuntimeException e) {
                rollback(undo);
                throw e;
            } finally {
                endJournal();
            }
        }
    }

    /**
     * Rolls back the operation the host died in, as its own rollback would have: what was new is
     * uninstalled, what was updated gets its previous jar back and is started; a removal is completed.
     * Answers the module ids. Runs before any other operation of this installer.
     */
    List<String> recover() throws IOException, CatalogException {
        synchronized (frameworkLock) {
            return rollBackJournal();
        }
    }

    private List<String> rollBackJournal() throws IOException, CatalogException {
        List<InstallJournal.Entry> entries = new ArrayList<>(journal.leftover());
        if (entries.isEmpty()) {
            return List.of();
        }
        Collections.reverse(entries);
        List<Bundle> restart = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try {
            for (InstallJournal.Entry entry : entries) {
                Bundle bundle = context.getBundle(entry.location);
                if (entry.previousJar == null) {
                    if (bundle != null) {
                        bundle.uninstall();
                    }
                } else {
                    byte[] previous = Files.readAllBytes(Path.of(entry.previousJar));
                    if (bundle == null) {
                        restart.add(context.installBundle(entry.location, new ByteArrayInputStream(previous)));
                    } else {
                        if (!bundle.getVersion().equals(Version.parseVersion(entry.previousVersion))) {
                            bundle.update(new ByteArrayInputStream(previous));
                        }
                        restart.add(bundle);
                    }
                }
                ids.add(entry.moduleId);
            }
        } catch (BundleException | IllegalStateException e) {
            // The journal stays: the next start tries again.
            throw CatalogReason.START_FAILED.exception(String.join(", ", ids), e.getMessage());
        }
        refresh(null);
        start(restart, List.of());
        journal.clear();
        return ids;
    }

    void uninstall(String moduleId) throws CatalogException {
        Bundle bundle = installed().get(moduleId);
        if (bundle == null) {
            throw CatalogReason.NOT_INSTALLED.exception(moduleId);
        }
        synchronized (frameworkLock) {
            try {
                // Felix records the stop before it marks the bundle uninstalled: a crash between would leave the
                // module installed and stopped. Journaled like a new module, the next start removes it.
                journal.write(List.of(new InstallJournal.Entry(moduleId, bundle.getLocation(), null, null)));
                bundle.uninstall();
                refresh(List.of(bundle));
            } catch (IOException | BundleException | IllegalStateException e) {
                throw CatalogReason.UNINSTALL_FAILED.exception(moduleId, e.getMessage());
            } finally {
                endJournal();
            }
        }
    }

    private void ensureLicensed(CatalogDocument.Module module, LicenseService license, VendorChannel channel) throws CatalogException {
        if (!module.commercial || license.isFeatureAvailable(module.featureId)) {
            return;
        }
        // The vendor's order: check, start a trial of the module's product, check again.
        ReasonDTO why = license.whyUnavailable(module.featureId);
        if (module.productId != null && channel.licenseKey() != null) {
            try {
                license.startTrial(module.productId);
            } catch (LicenseException e) {
                why = e.reason();
            }
        }
        if (!license.isFeatureAvailable(module.featureId)) {
            throw new CatalogException(CatalogReason.NO_LICENSE.because(why, module.id));
        }
    }

    private byte[] download(CatalogDocument.Module module, CatalogDocument.Release release, Operation op,
                            VendorChannel.Connection connection, VendorChannel channel) throws CatalogException {
        // The license key header goes with the request: it must reach the vendor server and nothing else.
        if (!ModuleChecks.staysOn(connection.client.base(), release.path)) {
            throw CatalogReason.OFF_ORIGIN.exception(ModuleChecks.shorten(release.path));
        }
        Map<String, String> headers = new HashMap<>();
        if (module.commercial) {
            headers.put("X-Pbx-License-Key", channel.licenseKey());
        }
        try {
            VendorClient.Answer answer = connection.client.get(release.path, headers, module.commercial,
                    (int) release.size, done -> op.download(done, release.size), deadline);
            if (answer.status != 200) {
                throw CatalogReason.DOWNLOAD_FAILED.exception("HTTP " + answer.status);
            }
            return answer.body;
        } catch (VendorUnreachableException e) {
            if (e.tooLarge()) {
                throw CatalogReason.SIZE_MISMATCH.exception("> " + release.size, release.size);
            }
            throw CatalogReason.DOWNLOAD_FAILED.exception(e.getMessage());
        }
    }

    private void verify(CatalogDocument.Module module, CatalogDocument.Release release, byte[] jar,
                        Map<String, String> hostBundles) throws CatalogException {
        if (jar.length != release.size) {
            throw CatalogReason.SIZE_MISMATCH.exception(jar.length, release.size);
        }
        if (!CatalogFetcher.sha256(jar).equals(release.sha256)) {
            throw CatalogReason.HASH_MISMATCH.exception();
        }
        BundleJar bundle;
        try {
            bundle = BundleJar.read(jar, jars);
        } catch (IOException | RuntimeException e) {
            throw CatalogReason.WRONG_BUNDLE.exception("not a bundle", module.id + " " + release.version);
        }
        if (bundle.manifests > 1) {
            throw CatalogReason.TWO_MANIFESTS.exception(module.id, bundle.manifests);
        }
        if (bundle.fragmentHost != null) {
            throw CatalogReason.FRAGMENT.exception(module.id, ModuleChecks.shorten(bundle.fragmentHost));
        }
        if (bundle.symbolicName != null && hostBundles.containsKey(bundle.symbolicName)) {
            throw CatalogReason.HOST_BUNDLE.exception(module.id, hostBundles.get(bundle.symbolicName));
        }
        String identity = bundle.symbolicName == null ? "not a bundle" : bundle.symbolicName + " " + bundle.version;
        try {
            if (bundle.symbolicName != null && bundle.version != null && bundle.symbolicName.equals(module.id)
                    && Version.parseVersion(bundle.version).equals(release.version)) {
                return;
            }
        } catch (IllegalArgumentException e) {
            identity = bundle.symbolicName + " (version " + ModuleChecks.shorten(bundle.version) + ")";
        }
        throw CatalogReason.WRONG_BUNDLE.exception(ModuleChecks.shorten(identity), module.id + " " + release.version);
    }

    /**
     * The symbolic names of the bundles that are not modules (the framework, the host's own), with
     * their locations: a module of the same name would replace or shadow one of them.
     */
    private Map<String, String> hostBundleNames() {
        Map<String, String> names = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (!bundle.getLocation().startsWith(LOCATION_PREFIX) && bundle.getSymbolicName() != null) {
                names.put(bundle.getSymbolicName(), bundle.getSymbolicName() + " " + bundle.getVersion());
            }
        }
        names.put(Constants.SYSTEM_BUNDLE_SYMBOLICNAME, Constants.SYSTEM_BUNDLE_SYMBOLICNAME);
        return names;
    }

    private Bundle put(String moduleId, Version version, byte[] jar, List<Runnable> undo,
                       List<InstallJournal.Entry> intent) throws CatalogException {
        // Checked again right before it becomes a file path and a bundle location.
        if (!ModuleChecks.validId(moduleId) || !ModuleChecks.validVersion(version.toString())) {
            throw CatalogReason.CATALOG_INVALID.exception(ModuleChecks.shorten(moduleId) + " " + version);
        }
        String location = LOCATION_PREFIX + moduleId;
        Bundle existing = context.getBundle(location);
        try {
            // Kept whole or not at all: a later update's recovery puts this jar back.
            AtomicFiles.write(jars.resolve(moduleId).resolve(version + ".jar"), jar);
            Path kept = existing == null ? null : jars.resolve(moduleId).resolve(existing.getVersion() + ".jar");
            boolean restorable = kept != null && Files.exists(kept);
            intent.add(new InstallJournal.Entry(moduleId, location,
                    existing == null ? null : existing.getVersion().toString(), restorable ? kept : null));
            // On disk before the framework is touched: a crash from here on is rolled back at the next start.
            journal.write(intent);
            if (existing == null) {
                Bundle bundle = context.installBundle(location, new ByteArrayInputStream(jar));
                undo.add(() -> quietly(bundle::uninstall));
                return bundle;
            }
            byte[] old = restorable ? Files.readAllBytes(kept) : null;
            existing.update(new ByteArrayInputStream(jar));
            undo.add(() -> quietly(() -> {
                if (old != null) {
                    existing.update(new ByteArrayInputStream(old));
                } else {
                    existing.uninstall();
                }
            }));
            return existing;
        } catch (IOException | BundleException | IllegalStateException e) {
            throw CatalogReason.START_FAILED.exception(moduleId, e.getMessage());
        }
    }

    /** @param updated the bundles whose old revision must go first; a fresh install has none to refresh */
    private void start(List<Bundle> bundles, List<Bundle> updated) throws CatalogException {
        if (!updated.isEmpty()) {
            refresh(updated);
        }
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        wiring.resolveBundles(bundles);
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

    /** The operation ended (done or rolled back): nothing is left for a recovery. */
    private void endJournal() {
        try {
            journal.clear();
        } catch (IOException e) {
            // The next start rolls back this operation: still the old state or the new one, never half.
        }
    }

    private void rollback(List<Runnable> undo) {
        List<Runnable> reversed = new ArrayList<>(undo);
        Collections.reverse(reversed);
        reversed.forEach(Runnable::run);
        refresh(null);
    }

    /** Synchronous refresh, so that the next step sees the wiring it expects. */
    private void refresh(List<Bundle> bundles) {
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        wiring.refreshBundles(bundles, event -> done.countDown());
        try {
            done.await(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void quietly(Step step) {
        try {
            step.run();
        } catch (Exception e) {
            // Best effort: rollback continues with the rest.
        }
    }
}
