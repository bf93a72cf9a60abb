package org.pbx.marketplace.impl.internal.catalog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Version;
import org.osgi.service.log.Logger;
import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.api.dto.ReasonDTO;
import org.pbx.marketplace.impl.internal.AtomicFiles;
import org.pbx.marketplace.impl.internal.protocol.VendorChannel;

/**
 * An install, update or removal from start to end: licensed, downloaded and verified before the
 * framework is touched, journaled while it is, and either done whole (trial started, journal
 * cleared) or rolled back, with whatever the rollback could not undo said on the operation.
 */
final class ModuleInstaller {

    static final String LOCATION_PREFIX = FrameworkChanges.LOCATION_PREFIX;

    private final Path jars;
    private final InstallJournal journal;
    private final Logger logger;
    private final FrameworkChanges framework;
    private final ModuleDownload download;
    private final ModuleVerification verification;
    private final JournalRecovery recovery;
    private final LibraryDownload libraryDownload;
    private final LibraryCleanup cleanup;

    /**
     * @param refreshWait how long a framework refresh may take before the operation fails
     */
    ModuleInstaller(org.osgi.framework.BundleContext context, Path jars, Duration deadline, InstallJournal journal,
                    Duration refreshWait, Logger logger) {
        this.jars = jars;
        this.journal = journal;
        this.logger = logger;
        this.framework = new FrameworkChanges(context, refreshWait, logger);
        this.download = new ModuleDownload(deadline);
        this.verification = new ModuleVerification(jars);
        this.recovery = new JournalRecovery(framework, journal);
        this.libraryDownload = new LibraryDownload(deadline, jars);
        this.cleanup = new LibraryCleanup(framework, journal, logger);
    }

    /** The framework's bundles now, for the resolution of an install (LibraryResolution). */
    Bundle[] bundles() {
        return framework.bundles();
    }

    /** Installed modules by id. */
    Map<String, Bundle> installed() {
        return framework.installed();
    }

    /**
     * Rolls back the operation the host died in (see JournalRecovery), then removes the libraries no installed module
     * needs: a removal killed after its own journal was cleared and before the libraries' removal was journaled
     * leaves them behind. Runs before any other operation.
     */
    List<String> recover() throws IOException, CatalogException {
        List<String> ids = recovery.recover();
        synchronized (framework.lock) {
            // At start the modules may not be resolved yet: unresolved, their wires would not show what they need.
            framework.resolve(framework.installed().values());
            cleanup.run();
        }
        return ids;
    }

    /** Installs the plan (required modules first) as one unit: all of it, or nothing. */
    void install(List<Map.Entry<CatalogDocument.Module, CatalogDocument.Release>> plan, Operation op,
                 VendorChannel.Connection connection, ModuleLicensing licensing) throws CatalogException {
        install(plan, LibraryResolution.Plan.NONE, op, connection, licensing);
    }

    /**
     * The same with the libraries the plan's resolution needs: downloaded and checked first, installed before
     * the modules under the same journal, so a rollback or a crash takes them out with the modules.
     */
    void install(List<Map.Entry<CatalogDocument.Module, CatalogDocument.Release>> plan, LibraryResolution.Plan libraries,
                 Operation op, VendorChannel.Connection connection, ModuleLicensing licensing) throws CatalogException {
        List<byte[]> libraryJars = new ArrayList<>();
        for (CatalogLibrary library : libraries.install) {
            op.step("DOWNLOAD", 5);
            libraryJars.add(libraryDownload.fetch(library, op, connection));
        }
        List<byte[]> downloaded = new ArrayList<>();
        List<CatalogDocument.Module> trials = new ArrayList<>();
        for (Map.Entry<CatalogDocument.Module, CatalogDocument.Release> item : plan) {
            CatalogDocument.Module module = item.getKey();
            op.step("LICENSE", 5);
            String trial = licensing.trialNeeded(module);
            op.step("DOWNLOAD", 10);
            byte[] jar = download.fetch(module, item.getValue(), op, connection, licensing.licenseKey(), trial);
            if (jar == null) {
                // An older server serves a paid jar only to a license that holds it: its trial must come first.
                licensing.startTrial(module);
                jar = download.fetch(module, item.getValue(), op, connection, licensing.licenseKey(), null);
            } else if (trial != null) {
                trials.add(module);
            }
            op.step("VERIFY", 82);
            verification.verify(module, item.getValue(), jar, framework.hostBundleNames());
            downloaded.add(jar);
        }
        String what = op.kind + " of " + op.moduleId;
        synchronized (framework.lock) {
            List<FrameworkChanges.Undo> undo = new ArrayList<>();
            try {
                // A downgrade says so at the step that changes the framework (as a removal says REMOVE).
                op.step("DOWNGRADE".equals(op.kind) ? "DOWNGRADE" : "INSTALL", 88);
                List<Bundle> touched = new ArrayList<>();
                List<Bundle> updated = new ArrayList<>();
                List<InstallJournal.Entry> intent = new ArrayList<>();
                for (int i = 0; i < libraries.install.size(); i++) {
                    touched.add(putLibrary(libraries.install.get(i), libraryJars.get(i), undo, intent));
                }
                for (int i = 0; i < plan.size(); i++) {
                    String moduleId = plan.get(i).getKey().id;
                    boolean existed = framework.bundle(LOCATION_PREFIX + moduleId) != null;
                    Bundle bundle = put(moduleId, plan.get(i).getValue().version, downloaded.get(i), undo, intent);
                    touched.add(bundle);
                    if (existed) {
                        updated.add(bundle);
                    }
                }
                op.step("START", 94);
                framework.start(touched, updated);
                if (!trials.isEmpty()) {
                    op.step("LICENSE", 97);
                    licensing.startTrials(trials);
                }
                try {
                    journal.clear();
                } catch (IOException e) {
                    // Left, it would make the next start undo this install although it said SUCCEEDED.
                    throw CatalogReason.JOURNAL_FAILED.exception(op.moduleId, e.toString());
                }
                // Done: a library the new ones supersede goes now, as its own journaled removal.
                cleanup.run();
            } catch (CatalogException e) {
                throw rolledBack(op.moduleId, what, undo, e, e.reason());
            } catch (RuntimeException e) {
                CatalogException failure = rolledBack(op.moduleId, what, undo, e, CatalogReason.START_FAILED.dto(op.moduleId, e.toString()));
                if (failure.reason().code.equals(CatalogReason.ROLLBACK_INCOMPLETE.name())) {
                    throw failure;
                }
                throw e;
            }
        }
    }

    /**
     * Undoes the operation's changes; when all are undone the journal goes, when some are left it stays for the
     * next start and the operation's reason says what was left.
     */
    private CatalogException rolledBack(String moduleId, String what, List<FrameworkChanges.Undo> undo, Exception cause, ReasonDTO reason) {
        List<String> left = framework.undo(undo, what);
        if (!left.isEmpty()) {
            String technical = reason.code + (reason.technical == null ? "" : ": " + reason.technical)
                    + "; left: " + String.join("; ", left);
            return CatalogReason.ROLLBACK_INCOMPLETE.exception(moduleId, technical, String.join("; ", left));
        }
        try {
            journal.clear();
        } catch (IOException e) {
            // Already rolled back: the next start's rollback of the same journal changes nothing.
            logger.warn("The " + what + " was rolled back but its journal could not be cleared (" + e
                    + "); the next start rolls it back again, which changes nothing");
        }
        return cause instanceof CatalogException ? (CatalogException) cause : new CatalogException(reason);
    }

    void uninstall(String moduleId) throws CatalogException {
        Bundle bundle = installed().get(moduleId);
        if (bundle == null) {
            throw CatalogReason.NOT_INSTALLED.exception(moduleId);
        }
        synchronized (framework.lock) {
            try {
                // Felix records the stop before it marks the bundle uninstalled: a crash between would leave the
                // module installed and stopped. Journaled like a new module, the next start removes it.
                journal.write(List.of(new InstallJournal.Entry(moduleId, bundle.getLocation(), null, null)));
                bundle.uninstall();
                framework.refresh(List.of(bundle));
            } catch (TimeoutException e) {
                // Uninstalled, not yet unwired: the journal stays, the next start completes the removal.
                logger.error("Module " + moduleId + " was uninstalled but " + e.getMessage()
                        + "; its journal is kept, the next start of the PBX completes the removal");
                throw CatalogReason.UNINSTALL_FAILED.exception(moduleId, e.getMessage());
            } catch (IOException | BundleException | IllegalStateException e) {
                clearAfterRemoval(moduleId);
                throw CatalogReason.UNINSTALL_FAILED.exception(moduleId, e.getMessage());
            }
            clearAfterRemoval(moduleId);
            // The libraries only it needed go with it.
            cleanup.run();
        }
    }

    /** A library new to the framework: journaled first, like a new module (the rollback uninstalls it). */
    private Bundle putLibrary(CatalogLibrary library, byte[] jar, List<FrameworkChanges.Undo> undo,
                              List<InstallJournal.Entry> intent) throws CatalogException {
        try {
            intent.add(new InstallJournal.Entry(library.symbolicName, library.location(), null, null));
            journal.write(intent);
            Bundle bundle = framework.install(library.location(), jar);
            undo.add(new FrameworkChanges.Undo(library.symbolicName, "library " + library + " still installed", bundle::uninstall));
            return bundle;
        } catch (IOException | BundleException | IllegalStateException e) {
            throw CatalogReason.START_FAILED.exception(library.symbolicName, e.getMessage());
        }
    }

    /** A journal left after a removal only makes the next start remove the module again: said, not fatal. */
    private void clearAfterRemoval(String moduleId) {
        try {
            journal.clear();
        } catch (IOException e) {
            logger.warn("The journal of the removal of " + moduleId + " could not be cleared (" + e
                    + "); the next start removes the module again if it is there");
        }
    }

    private Bundle put(String moduleId, Version version, byte[] jar, List<FrameworkChanges.Undo> undo,
                       List<InstallJournal.Entry> intent) throws CatalogException {
        // Checked again right before it becomes a file path and a bundle location.
        if (!ModuleChecks.validId(moduleId) || !ModuleChecks.validVersion(version.toString())) {
            throw CatalogReason.CATALOG_INVALID.exception(ModuleChecks.shorten(moduleId) + " " + version);
        }
        String location = LOCATION_PREFIX + moduleId;
        Bundle existing = framework.bundle(location);
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
                Bundle bundle = framework.install(location, jar);
                undo.add(new FrameworkChanges.Undo(moduleId, moduleId + " " + version + " still installed", bundle::uninstall));
                return bundle;
            }
            byte[] old = restorable ? Files.readAllBytes(kept) : null;
            Version was = existing.getVersion();
            existing.update(new ByteArrayInputStream(jar));
            undo.add(new FrameworkChanges.Undo(moduleId, old != null
                    ? moduleId + " " + version + " not given back its version " + was
                    : moduleId + " " + version + " still installed (version " + was + " was not kept)", () -> {
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
}
