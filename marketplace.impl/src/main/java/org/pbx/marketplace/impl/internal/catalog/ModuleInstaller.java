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
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

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

    ModuleInstaller(BundleContext context, Path jars, Duration deadline) {
        this.context = context;
        this.jars = jars;
        this.deadline = deadline;
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
                 VendorChannel.Connection connection, LicenseService license) throws CatalogException {
        List<Runnable> undo = new ArrayList<>();
        List<Bundle> touched = new ArrayList<>();
        List<Bundle> updated = new ArrayList<>();
        try {
            for (Map.Entry<CatalogDocument.Module, CatalogDocument.Release> item : plan) {
                CatalogDocument.Module module = item.getKey();
                CatalogDocument.Release release = item.getValue();
                op.step("LICENSE", 5);
                ensureLicensed(module, license);
                op.step("DOWNLOAD", 10);
                byte[] jar = download(module, release, op, connection, license);
                op.step("VERIFY", 82);
                verify(module, release, jar);
                op.step("INSTALL", 88);
                boolean existed = context.getBundle(LOCATION_PREFIX + module.id) != null;
                Bundle bundle = put(module.id, release.version, jar, undo);
                touched.add(bundle);
                if (existed) {
                    updated.add(bundle);
                }
            }
            op.step("START", 94);
            start(touched, updated);
        } catch (CatalogException e) {
            rollback(undo);
            throw e;
        }
    }

    void uninstall(String moduleId) throws CatalogException {
        Bundle bundle = installed().get(moduleId);
        if (bundle == null) {
            throw CatalogReason.NOT_INSTALLED.exception(moduleId);
        }
        try {
            bundle.uninstall();
            refresh(List.of(bundle));
        } catch (BundleException | IllegalStateException e) {
            throw CatalogReason.UNINSTALL_FAILED.exception(moduleId, e.getMessage());
        }
    }

    private void ensureLicensed(CatalogDocument.Module module, LicenseService license) throws CatalogException {
        if (!module.commercial || license.isFeatureAvailable(module.featureId)) {
            return;
        }
        // The vendor's order: check, start a trial of the module's product, check again.
        ReasonDTO why = license.whyUnavailable(module.featureId);
        if (module.productId != null && license.licenseKey() != null) {
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
                            VendorChannel.Connection connection, LicenseService license) throws CatalogException {
        Map<String, String> headers = new HashMap<>();
        if (module.commercial) {
            headers.put("X-Pbx-License-Key", license.licenseKey());
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

    private static void verify(CatalogDocument.Module module, CatalogDocument.Release release, byte[] jar)
            throws CatalogException {
        if (jar.length != release.size) {
            throw CatalogReason.SIZE_MISMATCH.exception(jar.length, release.size);
        }
        if (!CatalogFetcher.sha256(jar).equals(release.sha256)) {
            throw CatalogReason.HASH_MISMATCH.exception();
        }
        String identity = "?";
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Manifest manifest = in.getManifest();
            if (manifest != null) {
                String bsn = manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
                String version = manifest.getMainAttributes().getValue(Constants.BUNDLE_VERSION);
                identity = (bsn == null ? "?" : bsn.split(";")[0].trim()) + " " + version;
                if (bsn != null && version != null && bsn.split(";")[0].trim().equals(module.id)
                        && Version.parseVersion(version).equals(release.version)) {
                    return;
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            identity = "not a bundle";
        }
        throw CatalogReason.WRONG_BUNDLE.exception(identity, module.id + " " + release.version);
    }

    private Bundle put(String moduleId, Version version, byte[] jar, List<Runnable> undo) throws CatalogException {
        String location = LOCATION_PREFIX + moduleId;
        Bundle existing = context.getBundle(location);
        try {
            Path copy = jars.resolve(moduleId).resolve(version + ".jar");
            Files.createDirectories(copy.getParent());
            Files.write(copy, jar);
            if (existing == null) {
                Bundle bundle = context.installBundle(location, new ByteArrayInputStream(jar));
                undo.add(() -> quietly(bundle::uninstall));
                return bundle;
            }
            Path previous = jars.resolve(moduleId).resolve(existing.getVersion() + ".jar");
            byte[] old = Files.exists(previous) ? Files.readAllBytes(previous) : null;
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
