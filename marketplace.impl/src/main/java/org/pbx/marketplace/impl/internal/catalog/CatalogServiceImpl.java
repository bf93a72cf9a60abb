package org.pbx.marketplace.impl.internal.catalog;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.ModuleCatalog;
import org.pbx.marketplace.api.dto.CatalogDTO;
import org.pbx.marketplace.api.dto.ModuleDTO;
import org.pbx.marketplace.api.dto.ModuleQueryDTO;
import org.pbx.marketplace.api.dto.OperationDTO;
import org.pbx.marketplace.api.dto.ReasonDTO;
import org.pbx.marketplace.impl.internal.license.Technical;
import org.pbx.marketplace.impl.internal.protocol.JwsVerifier;
import org.pbx.marketplace.impl.internal.protocol.VendorChannel;

/**
 * The module catalog as an OSGi service: keeps the last good signed catalog, answers searches
 * from memory, and runs installs, updates and removals as operations, one at a time per module.
 */
@Component(service = ModuleCatalog.class, configurationPid = CatalogConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = CatalogConfiguration.class)
public class CatalogServiceImpl implements ModuleCatalog {

    private final LicenseService license;
    private final VendorChannel channel;
    private final Logger logger;
    private final CatalogCache cache;
    private final CatalogFetcher fetcher;
    private final ModuleInstaller installer;
    private final Version hostVersion;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "marketplace-catalog"));
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> daemon(r, "marketplace-install"));
    static final int ENDED_KEPT = 100;

    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    private final Map<String, Operation> busy = new ConcurrentHashMap<>();
    private final Object fetchLock = new Object();
    private final CountDownLatch recovered = new CountDownLatch(1);
    private final CountDownLatch loaded = new CountDownLatch(1);

    private volatile CatalogView view;
    /** The trust root version the shown catalog was last verified against; -1: not yet since the start. */
    private long verifiedUnder = -1;
    private final Runnable trustChanged = () -> {
        try {
            refresher.execute(this::refreshSoon);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Deactivated meanwhile.
        }
    };
    private final Duration refreshInterval;
    /** Wait before the next try after a failed background refresh; doubles up to the refresh interval. */
    private Duration retry = FIRST_RETRY;

    /**
     * A server that was not up yet (the demo host's own, whose servlet the web server adds moments after the
     * trust root is pinned) is retried soon, doubling up to the refresh interval: 0.25 s, 0.5 s, 1 s, …
     * The usual first-start wait, for the trust root to be configured, needs no retry: {@link #trustChanged}
     * fetches at once.
     */
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    /** Longer than the rollback's refresh may take (30 s); past it the catalog serves what the framework has. */
    private static final Duration RECOVERY_WAIT = Duration.ofSeconds(45);

    @Activate
    public CatalogServiceImpl(BundleContext context, @Reference LicenseService license, @Reference VendorChannel channel,
                              @Reference(service = LoggerFactory.class) Logger logger, CatalogConfiguration config) {
        this.license = license;
        this.channel = channel;
        this.logger = logger;
        Path data = context.getDataFile("catalog").toPath();
        this.cache = new CatalogCache(data.resolve("catalog.json"));
        Duration deadline = Duration.ofSeconds(config.downloadDeadlineSeconds());
        this.fetcher = new CatalogFetcher(deadline);
        this.installer = new ModuleInstaller(context, data.resolve("modules"), deadline,
                new InstallJournal(data.resolve("install-journal.json")));
        String host = context.getProperty("pbx.host.version");
        this.hostVersion = host == null || host.isBlank() ? CatalogView.UNKNOWN_HOST : Version.parseVersion(host.trim());
        this.view = CatalogView.empty(hostVersion);
        this.refreshInterval = Duration.ofMinutes(config.refreshMinutes());
        // Off the activating thread: the rollback refreshes bundles, which must not wait for a framework lock this thread may hold.
        workers.execute(this::recover);
        // Also off it: the trust root that verifies the stored catalog may not be bound yet.
        refresher.execute(() -> {
            loadStored();
            backgroundRefresh();
        });
        channel.onTrustChange(trustChanged);
    }

    @Deactivate
    void deactivate() {
        channel.removeTrustListener(trustChanged);
        refresher.shutdownNow();
        workers.shutdownNow();
    }

    @Override
    public CatalogDTO catalog(ModuleQueryDTO query) {
        awaitRecovery();
        return view.toDTO(query, installer.installed(), license, System.currentTimeMillis());
    }

    @Override
    public ModuleDTO module(String moduleId) {
        awaitRecovery();
        return view.module(moduleId, installer.installed(), license);
    }

    @Override
    public CatalogDTO refresh() throws CatalogException {
        awaitLatch(loaded, "the stored catalog to be verified");
        synchronized (fetchLock) {
            CatalogView current = view;
            VendorChannel.Connection connection;
            try {
                connection = channel.connection();
            } catch (LicenseException e) {
                // The license side's reason as it is (no trust root, root expired, bad URL): one reason, not one inside another.
                view = current.failed(e.reason());
                throw new CatalogException(e.reason());
            }
            if (connection.trustVersion != verifiedUnder) {
                current = reverify(current, connection);
                view = current;
            }
            try {
                CatalogFetcher.Fetched fetched = fetcher.fetch(connection, current.version(), current.issuedAt(),
                        System.currentTimeMillis());
                view = current.accepted(fetched, cache, System.currentTimeMillis());
            } catch (CatalogException e) {
                view = current.failed(e.reason());
                logger.warn("The catalog was not updated: " + e.reason().code);
                throw e;
            } catch (IOException e) {
                throw CatalogReason.SERVER_DOWN.exception("the catalog could not be saved: " + e.getMessage());
            }
            return catalog(null);
        }
    }

    /**
     * The shown catalog checked again under a new trust root: signed by a key the vendor revoked or rotated away,
     * it is dropped (its version stays, against rollbacks) and the fetch that follows brings the re-signed one.
     */
    private CatalogView reverify(CatalogView current, org.pbx.marketplace.impl.internal.protocol.VendorChannel.Connection connection) {
        verifiedUnder = connection.trustVersion;
        try {
            CatalogCache.Entry entry = cache.load();
            if (entry.catalog == null) {
                return current;
            }
            try {
                connection.verifier.verify(entry.catalog, "pbx-catalog");
                return current;
            } catch (org.pbx.marketplace.impl.internal.protocol.ProtocolException e) {
                logger.info("The stored catalog version " + entry.version + " does not verify under trust root version "
                        + connection.trustVersion + " (" + e.getMessage() + "); it is no longer shown, fetching the current one");
                CatalogCache.Entry floor = new CatalogCache.Entry();
                floor.version = entry.version;
                cache.save(floor);
                return current.distrusted(CatalogReason.CATALOG_UNTRUSTED.dto(e.getMessage()));
            }
        } catch (IOException e) {
            logger.warn("The stored catalog could not be checked again: " + e.getMessage());
            return current;
        }
    }

    /** After the trust root changed: fetch now; a failure is shown as usual and the regular retries follow. */
    private void refreshSoon() {
        try {
            refresh();
        } catch (CatalogException | RuntimeException e) {
            // Shown on the page; backgroundRefresh keeps its own schedule.
        }
    }

    @Override
    public OperationDTO install(String moduleId, String version) throws CatalogException {
        awaitRecovery();
        CatalogView view = this.view;
        CatalogDocument.Module module = view.require(moduleId);
        long now = System.currentTimeMillis();
        if (view.expired(now)) {
            // A frozen catalog can't be told from a current one: it may still offer a release since withdrawn.
            throw CatalogReason.CATALOG_OUTDATED.exception(java.time.Instant.ofEpochMilli(view.expiresAt()));
        }
        if (version != null && !ModuleChecks.validVersion(version)) {
            throw CatalogReason.RELEASE_UNKNOWN.exception(moduleId, ModuleChecks.shorten(version));
        }
        CatalogDocument.Release release = version == null ? module.newestCompatible(hostVersion)
                : module.release(Version.parseVersion(version));
        if (release == null) {
            throw version == null ? CatalogReason.incompatible(hostVersion).exception("-", "?", hostVersion)
                    : CatalogReason.RELEASE_UNKNOWN.exception(moduleId, version);
        }
        String incompatible = release.incompatibility(hostVersion);
        if (incompatible != null) {
            throw CatalogReason.incompatible(hostVersion).exception(release.version, incompatible, hostVersion);
        }
        List<Map.Entry<CatalogDocument.Module, CatalogDocument.Release>> plan = view.plan(module, release,
                installer.installed(), hostVersion);
        Bundle current = installer.installed().get(moduleId);
        String kind = current == null ? "INSTALL" : "UPDATE";
        return start(moduleId, kind, release.version.toString(), op -> installer.install(plan, op, connection(), license, channel));
    }

    @Override
    public OperationDTO update(String moduleId) throws CatalogException {
        awaitRecovery();
        Bundle current = installer.installed().get(moduleId);
        if (current == null) {
            throw CatalogReason.NOT_INSTALLED.exception(moduleId);
        }
        CatalogDocument.Release newest = view.require(moduleId).newestCompatible(hostVersion);
        if (newest == null || newest.version.compareTo(current.getVersion()) <= 0) {
            throw CatalogReason.NO_UPDATE.exception(moduleId);
        }
        return install(moduleId, newest.version.toString());
    }

    @Override
    public OperationDTO uninstall(String moduleId) throws CatalogException {
        awaitRecovery();
        Map<String, Bundle> installed = installer.installed();
        if (!installed.containsKey(moduleId)) {
            throw CatalogReason.NOT_INSTALLED.exception(moduleId);
        }
        List<String> dependents = view.dependents(moduleId, installed);
        if (!dependents.isEmpty()) {
            throw CatalogReason.REQUIRED_BY.exception(moduleId, String.join(", ", dependents));
        }
        return start(moduleId, "UNINSTALL", null, op -> {
            op.step("REMOVE", 50); // its own step name: a removal is not an install (issue 20 item 8)
            installer.uninstall(moduleId);
        });
    }

    @Override
    public OperationDTO operation(String operationId) {
        Operation op = operations.get(operationId);
        return op == null ? null : op.toDTO();
    }

    /**
     * Ended operations stay readable, for the page and the console that follow them, but only the
     * newest {@link #ENDED_KEPT}: a PBX that installs and removes modules for years must not
     * keep every one (found by LoadIT's memory check).
     */
    private void forgetOldOperations() {
        List<Operation> ended = new ArrayList<>();
        for (Operation op : operations.values()) {
            if (op.finishedAt() != 0) {
                ended.add(op);
            }
        }
        if (ended.size() > ENDED_KEPT) {
            ended.sort(Comparator.comparingLong(Operation::finishedAt));
            ended.subList(0, ended.size() - ENDED_KEPT).forEach(op -> operations.remove(op.id));
        }
    }

    private interface Work {
        void run(Operation op) throws CatalogException;
    }

    private OperationDTO start(String moduleId, String kind, String version, Work work) throws CatalogException {
        Operation op = new Operation(moduleId, kind, version, System.currentTimeMillis());
        if (busy.putIfAbsent(moduleId, op) != null) {
            throw CatalogReason.BUSY.exception(moduleId);
        }
        forgetOldOperations();
        operations.put(op.id, op);
        workers.execute(() -> {
            ReasonDTO failure = null;
            try {
                work.run(op);
                logger.info(kind + " of " + moduleId + (version == null ? "" : " " + version) + " done");
            } catch (CatalogException e) {
                failure = e.reason();
                logger.warn(kind + " of " + moduleId + " failed: " + e.reason().code);
            } catch (RuntimeException e) {
                failure = CatalogReason.START_FAILED.dto(moduleId, e.toString());
                logger.error(kind + " of " + moduleId + " failed", e);
            } finally {
                // Free the module before the operation reads as finished: whoever saw it finish may start the next one.
                busy.remove(moduleId, op);
            }
            if (failure == null) {
                op.succeed(System.currentTimeMillis());
            } else {
                op.fail(failure, System.currentTimeMillis());
            }
        });
        return op.toDTO();
    }

    /** Rolls back an install or update the host died in, completes a removal (see InstallJournal). */
    private void recover() {
        try {
            List<String> modules = installer.recover();
            if (!modules.isEmpty()) {
                logger.warn("The host stopped while it changed modules; rolled back (a removal: completed): " + String.join(", ", modules));
            }
        } catch (CatalogException e) {
            logger.error("An install or update the host stopped in could not be rolled back: " + Technical.underneath(e.reason()));
        } catch (IOException | RuntimeException e) {
            logger.error("An install or update the host stopped in could not be rolled back", e);
        } finally {
            recovered.countDown();
        }
    }

    /**
     * Nothing is served before the recovery: the installed modules would show half-done, and a new
     * operation would start from them.
     */
    private void awaitRecovery() {
        awaitLatch(loaded, "the stored catalog to be verified");
        awaitLatch(recovered, "the rollback of an interrupted install");
    }

    private void awaitLatch(CountDownLatch latch, String what) {
        try {
            if (!latch.await(RECOVERY_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                logger.warn("Waited " + RECOVERY_WAIT.toSeconds() + " s for " + what + "; going on without it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The stored catalog, verified with the vendor keys known now (CatalogView.load). */
    private void loadStored() {
        try {
            VendorChannel.Connection connection;
            try {
                connection = channel.connection();
            } catch (LicenseException e) {
                connection = null;
            }
            CatalogView stored = CatalogView.load(cache, connection == null ? null : connection.verifier, hostVersion, logger);
            synchronized (fetchLock) {
                if (view.version() == 0) {
                    view = stored;
                    // Verified under this root just now: the first refresh need not check it again.
                    verifiedUnder = connection == null ? -1 : connection.trustVersion;
                }
            }
        } catch (RuntimeException e) {
            logger.error("The stored catalog could not be loaded", e);
        } finally {
            loaded.countDown();
        }
    }

    private VendorChannel.Connection connection() throws CatalogException {
        try {
            return channel.connection();
        } catch (LicenseException e) {
            throw CatalogReason.DOWNLOAD_FAILED.exception(Technical.underneath(e.reason()));
        }
    }

    private void backgroundRefresh() {
        Duration next = refreshInterval;
        try {
            refresh();
            retry = FIRST_RETRY;
        } catch (CatalogException e) {
            // Already logged and shown as stale; try again sooner than the regular interval.
            next = retry.compareTo(refreshInterval) < 0 ? retry : refreshInterval;
            retry = retry.multipliedBy(2);
        } catch (RuntimeException e) {
            logger.error("Catalog refresh failed", e);
        }
        try {
            refresher.schedule(this::backgroundRefresh, next.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Deactivated meanwhile: no more refreshes.
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

}
