package org.pbx.marketplace.impl.internal.catalog;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Version;
import org.osgi.service.log.Logger;
import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.impl.internal.protocol.VendorChannel;

/**
 * Installs, updates and removes modules as one unit each: everything is licensed, downloaded
 * ({@link ModuleDownloader}) and verified ({@link ModuleVerifier}) before the framework is touched;
 * then the intent goes into the {@link InstallJournal}, the framework is changed
 * ({@link FrameworkChanges}), and the journal is cleared. Any failure, a journal that can't be
 * cleared included, rolls the framework back ({@link Rollback}); the operation reports success
 * only when nothing is left for a recovery ({@link JournalRecovery}) to undo.
 */
final class ModuleInstaller {

    static final String LOCATION_PREFIX = FrameworkChanges.LOCATION_PREFIX;
    /** How long a framework refresh may take before the operation fails. */
    static final Duration REFRESH_TIMEOUT = Duration.ofSeconds(30);

    /** A module downloaded and verified, ready for the framework. */
    static final class Verified {
        final String moduleId;
        final Version version;
        final byte[] jar;

        Verified(String moduleId, Version version, byte[] jar) {
            this.moduleId = moduleId;
            this.version = version;
            this.jar = jar;
        }
    }

    private final ModuleDownloader downloader;
    private final FrameworkChanges framework;
    private final JournalRecovery recovery;
    private final InstallJournal journal;
    private final Logger logger;
    private final Object frameworkLock = new Object();

    ModuleInstaller(BundleContext context, Path jars, Duration deadline, InstallJournal journal, Logger logger,
                    Duration refreshTimeout) {
        this.downloader = new ModuleDownloader(deadline);
        this.framework = new FrameworkChanges(context, jars, refreshTimeout);
        this.recovery = new JournalRecovery(framework, journal);
        this.journal = journal;
        this.logger = logger;
    }

    /** Installed modules by id. */
    Map<String, Bundle> installed() {
        return framework.installed();
    }

    /** Installs the plan (required modules first) as one unit: all of it, or nothing. */
    void install(List<Map.Entry<CatalogDocument.Module, CatalogDocument.Release>> plan, Operation op,
                 VendorChannel.Connection connection, LicenseService license) throws CatalogException {
        List<Verified> verified = new ArrayList<>();
        for (Map.Entry<CatalogDocument.Module, CatalogDocument.Release> item : plan) {
            op.step("LICENSE", 5);
            downloader.ensureLicensed(item.getKey(), license);
            op.step("DOWNLOAD", 10);
            byte[] jar = downloader.download(item.getKey(), item.getValue(), op, connection, license);
            op.step("VERIFY", 82);
            ModuleVerifier.verify(item.getKey(), item.getValue(), jar);
            verified.add(new Verified(item.getKey().id, item.getValue().version, jar));
        }
        apply(verified, op);
    }

    /** Puts verified modules into the framework and starts them; on any failure, rolls back. */
    void apply(List<Verified> modules, Operation op) throws CatalogException {
        // One change of the framework at a time: the journal describes one operation, and refreshes must not overlap.
        synchronized (frameworkLock) {
            Rollback rollback = new Rollback();
            List<InstallJournal.Entry> intent = new ArrayList<>();
            List<Bundle> touched = new ArrayList<>();
            List<Bundle> updated = new ArrayList<>();
            String what = op.kind + " of " + op.moduleId;
            try {
                op.step("INSTALL", 88);
                for (Verified module : modules) {
                    Bundle existing = framework.bundle(LOCATION_PREFIX + module.moduleId);
                    Path previousJar = framework.keptJar(module.moduleId, existing);
                    keep(module);
                    intent.add(new InstallJournal.Entry(module.moduleId, LOCATION_PREFIX + module.moduleId,
                            existing == null ? null : existing.getVersion().toString(), previousJar));
                    // On disk before the framework is touched: a crash from here on is rolled back at the next start.
                    writeJournal(intent, module.moduleId);
                    touched.add(put(module, previousJar, rollback));
                    if (existing != null) {
                        updated.add(existing);
                    }
                }
                op.step("START", 94);
                framework.start(touched, updated);
                clearJournal(what);
            } catch (CatalogException e) {
                throw new CatalogException(Rollback.withLeftovers(e.reason(), rollBack(rollback, what)));
            } catch (RuntimeException e) {
                logger.error(what + " failed; rolling back", e);
                throw new CatalogException(Rollback.withLeftovers(CatalogReason.START_FAILED.dto(op.moduleId, e.toString()),
                        rollBack(rollback, what)));
            }
        }
    }

    /**
     * Rolls back the operation the host died in (see {@link JournalRecovery}). Answers the module
     * ids. Runs before any other operation of this installer.
     */
    List<String> recover() throws IOException, CatalogException {
        synchronized (frameworkLock) {
            return recovery.recover();
        }
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
            } catch (IOException | BundleException | IllegalStateException e) {
                clearJournalAfterFailure("the removal of " + moduleId);
                throw CatalogReason.UNINSTALL_FAILED.exception(moduleId, e.getMessage());
            }
            try {
                framework.refresh(List.of(bundle));
            } finally {
                // Removed either way: a journal left over would only remove it again.
                clearJournal("the removal of " + moduleId);
            }
        }
    }

    private Bundle put(Verified module, Path previousJar, Rollback rollback) throws CatalogException {
        try {
            return framework.put(module.moduleId, module.jar, previousJar, rollback);
        } catch (IOException | BundleException | IllegalStateException e) {
            throw CatalogReason.START_FAILED.exception(module.moduleId, e.getMessage());
        }
    }

    private void keep(Verified module) throws CatalogException {
        try {
            framework.keep(module.moduleId, module.version, module.jar);
        } catch (IOException e) {
            throw CatalogReason.START_FAILED.exception(module.moduleId, "its jar could not be kept: " + e.getMessage());
        }
    }

    private void writeJournal(List<InstallJournal.Entry> intent, String moduleId) throws CatalogException {
        try {
            journal.write(intent);
        } catch (IOException e) {
            throw CatalogReason.JOURNAL_FAILED.exception(e.getMessage());
        }
    }

    /** Undoes what the failed operation did; answers what could not be undone. */
    private List<String> rollBack(Rollback rollback, String what) {
        List<String> left = new ArrayList<>(rollback.run(logger, what));
        try {
            framework.refresh(null);
        } catch (CatalogException e) {
            left.add("the framework refresh after the rollback: " + e.reason().message.get("en"));
            logger.error("Rolling back " + what + ": " + e.reason().message.get("en"));
        }
        if (left.isEmpty()) {
            clearJournalAfterFailure(what);
        } else {
            logger.error("Rolling back " + what + " left: " + String.join("; ", left)
                    + "; the install journal stays and the next start rolls back again");
        }
        return left;
    }

    /** The operation is done: only a cleared journal makes it so (else the next start would undo it). */
    private void clearJournal(String what) throws CatalogException {
        try {
            journal.clear();
        } catch (IOException e) {
            logger.error("The install journal could not be cleared after " + what + ": " + e.getMessage());
            throw CatalogReason.JOURNAL_FAILED.exception(e.getMessage());
        }
    }

    /** After a rollback that left nothing: a journal that stays is harmless, its recovery finds nothing to undo. */
    private void clearJournalAfterFailure(String what) {
        try {
            journal.clear();
        } catch (IOException e) {
            logger.error("The install journal could not be cleared after the failed " + what + " (" + e.getMessage()
                    + "); the next start rolls it back again, finding nothing to undo");
        }
    }
}
