package org.pbx.marketplace.impl.internal.catalog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Version;
import org.pbx.marketplace.api.CatalogException;

/**
 * At start, the operation the host died in, rolled back from its journal as its own rollback would
 * have: what was new is uninstalled, what was updated gets its previous jar back and is started; a
 * removal is completed. The journal stays until this succeeded, so a failure is tried again at the next start.
 */
final class JournalRecovery {

    private final FrameworkChanges framework;
    private final InstallJournal journal;

    JournalRecovery(FrameworkChanges framework, InstallJournal journal) {
        this.framework = framework;
        this.journal = journal;
    }

    /** @return the ids of the modules rolled back; empty when no operation was interrupted */
    List<String> recover() throws IOException, CatalogException {
        synchronized (framework.lock) {
            List<InstallJournal.Entry> entries = new ArrayList<>(journal.leftover());
            if (entries.isEmpty()) {
                return List.of();
            }
            Collections.reverse(entries);
            List<Bundle> restart = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            try {
                for (InstallJournal.Entry entry : entries) {
                    Bundle bundle = framework.bundle(entry.location);
                    if (entry.previousJar == null) {
                        if (bundle != null) {
                            bundle.uninstall();
                        }
                    } else {
                        byte[] previous = Files.readAllBytes(Path.of(entry.previousJar));
                        if (bundle == null) {
                            restart.add(framework.install(entry.location, previous));
                        } else {
                            if (!bundle.getVersion().equals(Version.parseVersion(entry.previousVersion))) {
                                bundle.update(new ByteArrayInputStream(previous));
                            }
                            restart.add(bundle);
                        }
                    }
                    ids.add(entry.moduleId);
                }
                framework.refresh(null);
            } catch (BundleException | IllegalStateException | TimeoutException e) {
                throw CatalogReason.START_FAILED.exception(String.join(", ", ids), e.getMessage());
            }
            framework.start(restart, List.of());
            journal.clear();
            return ids;
        }
    }
}
