package org.pbx.marketplace.impl.internal.catalog;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

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
import org.osgi.service.resolver.Resolver;
import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.ModuleCatalog;
import org.pbx.marketplace.api.dto.CatalogDTO;
import org.pbx.marketplace.api.dto.ModuleDTO;
import org.pbx.marketplace.api.dto.ModuleQueryDTO;
import org.pbx.marketplace.api.dto.OperationDTO;
import org.pbx.marketplace.api.dto.UpgradeCheckDTO;
import org.pbx.marketplace.impl.internal.license.FeatureNames;
import org.pbx.marketplace.impl.internal.license.Technical;
import org.pbx.marketplace.impl.internal.protocol.VendorChannel;

/**
 * The module catalog as an OSGi service: answers searches from the current catalog view
 * (CatalogRefresher keeps it), checks install, update and removal requests against it, and hands
 * them to Operations, which runs them through the ModuleInstaller. Nothing is served before the
 * rollback of an operation the host died in. An earlier release goes back in as a DOWNGRADE, as safe as an update. The component keeps its first name (and its PID):
 * configurations and tools name it so.
 */
@Component(name = "org.pbx.marketplace.impl.internal.catalog.CatalogServiceImpl", service = ModuleCatalog.class,
        configurationPid = CatalogConfiguration.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = CatalogConfiguration.class)
public class CatalogService implements ModuleCatalog {

    /** A framework refresh takes milliseconds; one not done in 30 s is stuck: the operation fails and rolls back. */
    private static final Duration REFRESH_WAIT = Duration.ofSeconds(30);

    private final LicenseService license;
    private final VendorChannel channel;
    private final Logger logger;
    private final ModuleInstaller installer;
    private final ModuleLicensing licensing;
    private final CatalogRefresher refresher;
    private final Operations operations;
    private final Version hostVersion;
    private final CountDownLatch recovered = new CountDownLatch(1);
    private final AdvisoryWatch advisories;
    /** The framework's OSGi resolver (on Felix, org.apache.felix.resolver): libraries are resolved before any download. */
    private final Resolver resolver;

    @Activate
    public CatalogService(BundleContext context, @Reference LicenseService license, @Reference VendorChannel channel,
                          @Reference(service = LoggerFactory.class) Logger logger, CatalogConfiguration config,
                          @Reference Resolver resolver, @Reference FeatureNames featureNames) {
        this.resolver = resolver;
        this.channel = channel;
        this.logger = logger;
        Path data = context.getDataFile("catalog").toPath();
        Duration deadline = Duration.ofSeconds(config.downloadDeadlineSeconds());
        this.installer = new ModuleInstaller(context, data.resolve("modules"), deadline,
                new InstallJournal(data.resolve("install-journal.json")), REFRESH_WAIT, logger);
        this.licensing = new ModuleLicensing(license, channel);
        String host = context.getProperty("pbx.host.version");
        this.hostVersion = host == null || host.isBlank() ? CatalogView.UNKNOWN_HOST : Version.parseVersion(host.trim());
        this.refresher = new CatalogRefresher(channel, logger, new CatalogCache(data.resolve("catalog.json")),
                new CatalogFetcher(deadline), hostVersion, Duration.ofMinutes(config.refreshMinutes()));
        this.operations = new Operations(logger);
        this.license = license;
        AdvisoryDismissals dismissals;
        try {
            dismissals = new AdvisoryDismissals(data.resolve("dismissed-advisories.json"));
        } catch (IOException e) {
            // Read again at the next start; until then every advisory shows, none is lost.
            logger.error("The dismissed security advisories could not be read; all of them are shown", e);
            dismissals = emptyDismissals(data);
        }
        this.advisories = new AdvisoryWatch(context, logger,
                UpdatePolicy.of(config.updatePolicy(), config.updateWindow()), dismissals, hostVersion,
                this::awaitRecovery, installer::installed, license::isFeatureAvailable, this::install, operations::get,
                java.time.Clock.systemDefaultZone());
        // The license's reasons name features as the catalog just accepted does.
        refresher.onAccepted(() -> { featureNames.learn(CatalogFeatureNames.of(refresher.view().document())); advisories.changed(); });
        // Off the activating thread: the rollback refreshes bundles, which must not wait for a framework lock this thread may hold.
        operations.execute(this::recover);
        refresher.start();
        advisories.start();
    }

    private static AdvisoryDismissals emptyDismissals(Path data) {
        try {
            return new AdvisoryDismissals(data.resolve("dismissed-advisories.unreadable-" + System.nanoTime() + ".json"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Deactivate
    void deactivate() {
        advisories.stop();
        refresher.stop();
        operations.stop();
    }

    @Override
    public CatalogDTO catalog(ModuleQueryDTO query) {
        CatalogView view = awaitRecovery();
        Map<String, Bundle> installed = installer.installed();
        CatalogDTO dto = view.toDTO(query, installed, license, System.currentTimeMillis());
        dto.advisories = AdvisoryListing.installed(view.document(), installed, dismissedIds(), hostVersion);
        dto.modules.forEach(m -> m.advisories = forModule(dto.advisories, m.id));
        dto.updatePolicy = advisories.policyName();
        dto.automaticUpdates = advisories.automaticUpdates();
        return dto;
    }

    @Override
    public ModuleDTO module(String moduleId) {
        CatalogView view = awaitRecovery();
        Map<String, Bundle> installed = installer.installed();
        ModuleDTO dto = view.module(moduleId, installed, license);
        if (dto != null) {
            dto.advisories = forModule(AdvisoryListing.installed(view.document(), installed, dismissedIds(), hostVersion), moduleId);
        }
        return dto;
    }

    @Override
    public void dismissAdvisory(String advisoryId) throws CatalogException {
        advisories.dismiss(advisoryId);
    }

    private java.util.Set<String> dismissedIds() {
        return advisories.dismissed();
    }

    private static List<org.pbx.marketplace.api.dto.AdvisoryDTO> forModule(
            List<org.pbx.marketplace.api.dto.AdvisoryDTO> all, String moduleId) {
        return all.stream().filter(a -> a.moduleId.equals(moduleId)).collect(java.util.stream.Collectors.toList());
    }

    @Override
    public CatalogDTO refresh() throws CatalogException {
        refresher.refresh();
        return catalog(null);
    }

    @Override
    public OperationDTO install(String moduleId, String version) throws CatalogException {
        return start(awaitRecovery(), moduleId, version, false);
    }

    @Override
    public OperationDTO downgrade(String moduleId, String version, boolean confirmAdvisories) throws CatalogException {
        CatalogView view = awaitRecovery();
        view.require(moduleId);
        Bundle current = installer.installed().get(moduleId);
        if (current == null) {
            throw CatalogReason.NOT_INSTALLED.exception(moduleId);
        }
        if (version == null || !ModuleChecks.validVersion(version)) {
            throw CatalogReason.RELEASE_UNKNOWN.exception(moduleId, ModuleChecks.shorten(String.valueOf(version)));
        }
        if (Version.parseVersion(version).compareTo(current.getVersion()) >= 0) {
            throw CatalogReason.NOT_EARLIER.exception(version, moduleId, current.getVersion());
        }
        return start(view, moduleId, version, confirmAdvisories);
    }

    @Override
    public UpgradeCheckDTO upgradeCheck(String pbxVersion) throws CatalogException {
        Version target = UpgradeCheck.parse(pbxVersion);
        if (target == null) {
            throw CatalogReason.PBX_VERSION_MALFORMED.exception(ModuleChecks.shorten(String.valueOf(pbxVersion)));
        }
        return awaitRecovery().upgradeCheck(target, pbxVersion, installer.installed(), System.currentTimeMillis());
    }

    /**
     * An install, update or downgrade of one release (the newest compatible for null): its kind is what it
     * does to the installed version; a downgrade to a release under advisories only when confirmed.
     */
    private OperationDTO start(CatalogView view, String moduleId, String version, boolean confirmAdvisories) throws CatalogException {
        CatalogDocument.Module module = view.require(moduleId);
        long now = System.currentTimeMillis();
        if (view.expired(now)) {
            // A frozen catalog can't be told from a current one: it may still offer a release since withdrawn.
            throw CatalogReason.CATALOG_OUTDATED.exception(Technical.date(java.time.Instant.ofEpochMilli(view.expiresAt())));
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
        Map<String, Bundle> installed = installer.installed();
        Bundle current = installed.get(moduleId);
        String kind = current == null ? "INSTALL" : release.version.compareTo(current.getVersion()) < 0 ? "DOWNGRADE" : "UPDATE";
        List<String> advisories = view.advisories().covering(moduleId, release.version);
        if ("DOWNGRADE".equals(kind) && !advisories.isEmpty() && !confirmAdvisories) {
            throw CatalogReason.ADVISORY_CONFIRM.exception(release.version, moduleId, String.join(", ", advisories));
        }
        List<Map.Entry<CatalogDocument.Module, CatalogDocument.Release>> plan = view.plan(module, release, installed, hostVersion);
        // Refused here, before any download, when a requirement has no provider in the PBX or the catalog.
        LibraryResolution.Plan libraries = new LibraryResolution(resolver, installer.bundles())
                .plan(moduleId, plan, view.libraries());
        return operations.start(moduleId, kind, release.version.toString(),
                op -> installer.install(plan, libraries, op, connection(), licensing));
    }

    @Override
    public OperationDTO update(String moduleId) throws CatalogException {
        CatalogView view = awaitRecovery();
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
        CatalogView view = awaitRecovery();
        Map<String, Bundle> installed = installer.installed();
        if (!installed.containsKey(moduleId)) {
            throw CatalogReason.NOT_INSTALLED.exception(moduleId);
        }
        List<String> dependents = view.dependents(moduleId, installed);
        if (!dependents.isEmpty()) {
            throw CatalogReason.REQUIRED_BY.exception(moduleId, String.join(", ", dependents));
        }
        return operations.start(moduleId, "UNINSTALL", null, op -> {
            op.step("REMOVE", 50); // its own step name: a removal is not an install (issue 20 item 8)
            installer.uninstall(moduleId);
        });
    }

    @Override
    public OperationDTO operation(String operationId) {
        return operations.get(operationId);
    }

    /** Rolls back an install or update the host died in, completes a removal (see JournalRecovery). */
    private void recover() {
        try {
            List<String> modules = installer.recover();
            if (!modules.isEmpty()) {
                logger.warn("The host stopped while it changed modules; rolled back (a removal: completed): " + String.join(", ", modules));
            }
        } catch (CatalogException e) {
            logger.error("An install or update the host stopped in could not be rolled back (its journal is kept for the next start): "
                    + Technical.underneath(e.reason()));
        } catch (IOException | RuntimeException e) {
            logger.error("An install or update the host stopped in could not be rolled back (its journal is kept for the next start)", e);
        } finally {
            recovered.countDown();
        }
    }

    /**
     * Nothing is served before the recovery: the installed modules would show half-done, and a new
     * operation would start from them.
     */
    private CatalogView awaitRecovery() {
        refresher.view();
        CatalogRefresher.await(recovered, "the rollback of an interrupted install", logger);
        return refresher.view();
    }

    private VendorChannel.Connection connection() throws CatalogException {
        try {
            return channel.connection();
        } catch (LicenseException e) {
            throw CatalogReason.DOWNLOAD_FAILED.exception(Technical.underneath(e.reason()));
        }
    }
}
