package org.pbx.marketplace.impl.internal.catalog;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
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
import org.pbx.marketplace.impl.internal.protocol.VendorChannel;

/**
 * The module catalog as an OSGi service: answers searches from the last good signed catalog
 * ({@link CatalogView}, kept fresh by the {@link CatalogRefresher}), plans installs with what they
 * require, and runs them as {@link Operations} through the {@link ModuleInstaller}. Nothing is
 * served before the recovery of an install the host died in.
 */
@Component(service = ModuleCatalog.class, configurationPid = CatalogConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = CatalogConfiguration.class)
public class CatalogService implements ModuleCatalog {

    /** Longer than the rollback's refresh may take; past it the catalog serves what the framework has. */
    private static final Duration RECOVERY_WAIT = ModuleInstaller.REFRESH_TIMEOUT.plusSeconds(15);

    private final LicenseService license;
    private final VendorChannel channel;
    private final Logger logger;
    private final ModuleInstaller installer;
    private final Version hostVersion;
    private final Operations operations;
    private final CatalogRefresher refresher;
    private final CountDownLatch recovered = new CountDownLatch(1);
    private volatile CatalogView view;

    @Activate
    public CatalogService(BundleContext context, @Reference LicenseService license, @Reference VendorChannel channel,
                          @Reference(service = LoggerFactory.class) Logger logger, CatalogConfiguration config) {
        this.license = license;
        this.channel = channel;
        this.logger = logger;
        Path data = context.getDataFile("catalog").toPath();
        CatalogCache cache = new CatalogCache(data.resolve("catalog.json"));
        Duration deadline = Duration.ofSeconds(config.downloadDeadlineSeconds());
        this.installer = new ModuleInstaller(context, data.resolve("modules"), deadline,
                new InstallJournal(data.resolve("install-journal.json")), logger, ModuleInstaller.REFRESH_TIMEOUT);
        String host = context.getProperty("pbx.host.version");
        this.hostVersion = Version.parseVersion(host == null ? "0.0.0" : host.trim());
        this.view = CatalogView.load(cache, hostVersion, logger);
        this.operations = new Operations(logger);
        this.refresher = new CatalogRefresher(channel, new CatalogFetcher(deadline), cache, () -> view, v -> view = v,
                Duration.ofMinutes(config.refreshMinutes()), logger);
        // Off the activating thread: the rollback refreshes bundles, which must not wait for a framework lock this thread may hold.
        operations.background(this::recover);
        refresher.start();
    }

    @Deactivate
    void deactivate() {
        refresher.stop();
        operations.stop();
    }

    @Override
    public CatalogDTO catalog(ModuleQueryDTO query) {
        awaitRecovery();
        return view.toDTO(query, installer.installed(), license::isFeatureAvailable, System.currentTimeMillis());
    }

    @Override
    public ModuleDTO module(String moduleId) {
        awaitRecovery();
        return view.module(moduleId, installer.installed(), license::isFeatureAvailable);
    }

    @Override
    public CatalogDTO refresh() throws CatalogException {
        refresher.refresh();
        return catalog(null);
    }

    @Override
    public OperationDTO install(String moduleId, String version) throws CatalogException {
        awaitRecovery();
        CatalogView current = view;
        CatalogDocument.Module module = current.require(moduleId);
        CatalogDocument.Release release = version == null ? module.newestCompatible(hostVersion)
                : module.release(Version.parseVersion(version));
        if (release == null) {
            throw version == null ? CatalogReason.INCOMPATIBLE.exception("-", "?", hostVersion)
                    : CatalogReason.RELEASE_UNKNOWN.exception(moduleId, version);
        }
        String incompatible = release.incompatibility(hostVersion);
        if (incompatible != null) {
            throw CatalogReason.INCOMPATIBLE.exception(release.version, incompatible, hostVersion);
        }
        Map<String, Bundle> installed = installer.installed();
        List<Map.Entry<CatalogDocument.Module, CatalogDocument.Release>> plan = current.plan(module, release,
                installed, hostVersion);
        String kind = installed.containsKey(moduleId) ? "UPDATE" : "INSTALL";
        return operations.start(moduleId, kind, release.version.toString(),
                op -> installer.install(plan, op, connection(), license));
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
        return operations.start(moduleId, "UNINSTALL", null, op -> {
            op.step("INSTALL", 50);
            installer.uninstall(moduleId);
        });
    }

    @Override
    public OperationDTO operation(String operationId) {
        return operations.get(operationId);
    }

    /** Rolls back an install or update the host died in, completes a removal (see InstallJournal). */
    private void recover() {
        try {
            List<String> modules = installer.recover();
            if (!modules.isEmpty()) {
                logger.warn("The host stopped while it changed modules; rolled back (a removal: completed): " + String.join(", ", modules));
            }
        } catch (CatalogException e) {
            logger.error("An install or update the host stopped in could not be rolled back (the next start retries): "
                    + e.reason().message.get("en"));
        } catch (IOException | RuntimeException e) {
            logger.error("An install or update the host stopped in could not be rolled back (the next start retries)", e);
        } finally {
            recovered.countDown();
        }
    }

    /**
     * Nothing is served before the recovery: the installed modules would show half-done, and a new
     * operation would start from them.
     */
    private void awaitRecovery() {
        try {
            if (!recovered.await(RECOVERY_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                logger.warn("The rollback of an interrupted install takes longer than " + RECOVERY_WAIT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private VendorChannel.Connection connection() throws CatalogException {
        try {
            return channel.connection();
        } catch (LicenseException e) {
            throw CatalogReason.DOWNLOAD_FAILED.exception(e.reason().message.get("en"));
        }
    }
}
