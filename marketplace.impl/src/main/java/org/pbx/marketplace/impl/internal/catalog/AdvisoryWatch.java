package org.pbx.marketplace.impl.internal.catalog;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.Version;
import org.osgi.service.log.Logger;
import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.api.InstalledAdvisories;
import org.pbx.marketplace.api.dto.AdvisoryDTO;
import org.pbx.marketplace.api.dto.OperationDTO;

/**
 * Watches the advisories that cover installed modules: publishes them as the InstalledAdvisories
 * service (its properties change with them), keeps the admin's dismissals, and applies the update
 * policy (logs them; installs their fixes in the window). It looks again when the catalog or the
 * installed bundles change, and every minute for the window, on a thread of its own.
 */
// Registered from code, not by DS: the capability says so, for resolvers that check service requirements (Karaf).
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=\"org.pbx.marketplace.api.InstalledAdvisories\"")
final class AdvisoryWatch implements InstalledAdvisories {

    /** How the watch starts an ordinary update operation (CatalogService.install). */
    interface Installer {
        OperationDTO install(String moduleId, String version) throws CatalogException;
    }

    /** The automatic fixes kept for the page: the newest ones. */
    private static final int KEPT = 20;

    private final BundleContext context;
    private final Logger logger;
    private final UpdatePolicy policy;
    private final AdvisoryDismissals dismissals;
    private final Version host;
    private final Supplier<CatalogView> view;
    private final Supplier<Map<String, Bundle>> installed;
    private final Predicate<String> licensed;
    private final Installer installer;
    private final Clock clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            r -> CatalogRefresher.daemon(r, "marketplace-advisories"));
    private final BundleListener bundles = event -> {
        if (event.getType() == BundleEvent.INSTALLED || event.getType() == BundleEvent.UPDATED
                || event.getType() == BundleEvent.UNINSTALLED) {
            changed();
        }
    };
    /** Only the watch's thread touches these. */
    private final Set<String> logged = new HashSet<>();
    private final Set<String> attempted = new HashSet<>();
    private final List<String> automatic = new CopyOnWriteArrayList<>();
    private final java.util.function.Function<String, OperationDTO> operations;
    private ServiceRegistration<InstalledAdvisories> registration;
    private Map<String, Object> published = Map.of();

    AdvisoryWatch(BundleContext context, Logger logger, UpdatePolicy policy, AdvisoryDismissals dismissals, Version host,
                  Supplier<CatalogView> view, Supplier<Map<String, Bundle>> installed, Predicate<String> licensed,
                  Installer installer, java.util.function.Function<String, OperationDTO> operations, Clock clock) {
        this.context = context;
        this.logger = logger;
        this.policy = policy;
        this.dismissals = dismissals;
        this.host = host;
        this.view = view;
        this.installed = installed;
        this.licensed = licensed;
        this.installer = installer;
        this.operations = operations;
        this.clock = clock;
    }

    void start() {
        if (policy.problem != null) {
            logger.warn("Catalog configuration: " + policy.problem);
        }
        registration = context.registerService(InstalledAdvisories.class, this, new Hashtable<>(properties(List.of())));
        context.addBundleListener(bundles);
        thread.scheduleWithFixedDelay(this::check, 0, 60, TimeUnit.SECONDS);
    }

    void stop() {
        context.removeBundleListener(bundles);
        thread.shutdownNow();
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // Already gone with the bundle.
        }
    }

    /** Look again soon: the catalog or the installed modules changed. */
    void changed() {
        try {
            thread.execute(this::check);
        } catch (RejectedExecutionException e) {
            // Stopped meanwhile.
        }
    }

    java.util.Set<String> dismissed() {
        return dismissals.ids();
    }

    String policyName() {
        return policy.name();
    }

    @Override
    public List<AdvisoryDTO> advisories() {
        return AdvisoryListing.installed(view.get().document(), installed.get(), dismissals.ids(), host);
    }

    /** The automatic fixes started since the PBX started, newest first. */
    List<OperationDTO> automaticUpdates() {
        List<OperationDTO> list = new ArrayList<>();
        for (String id : automatic) {
            OperationDTO op = operations.apply(id);
            if (op != null) {
                list.add(op);
            }
        }
        return list;
    }

    void dismiss(String advisoryId) throws CatalogException {
        if (advisoryId == null || advisories().stream().noneMatch(a -> a.id.equals(advisoryId))) {
            throw CatalogReason.ADVISORY_UNKNOWN.exception(advisoryId == null ? "" : ModuleChecks.shorten(advisoryId));
        }
        try {
            if (dismissals.dismiss(advisoryId)) {
                logger.info("Security advisory " + advisoryId + " dismissed by the admin (still listed and in the health check)");
            }
        } catch (IOException e) {
            logger.error("Security advisory " + advisoryId + " could not be dismissed: its file could not be written", e);
            throw CatalogReason.DISMISS_FAILED.exception(e.toString());
        }
    }

    private void check() {
        try {
            CatalogView current = view.get();
            Map<String, Bundle> bundlesNow = installed.get();
            List<AdvisoryDTO> list = AdvisoryListing.installed(current.document(), bundlesNow, dismissals.ids(), host);
            publish(list);
            if (policy.mode != UpdatePolicy.Mode.MANUAL) {
                for (AdvisoryDTO advisory : list) {
                    if (logged.add(advisory.id + " " + advisory.moduleId + " " + advisory.installedVersion)) {
                        logger.warn("Security advisory " + advisory.id + " (" + advisory.severity + ") covers module "
                                + advisory.moduleId + " " + advisory.installedVersion + ": " + advisory.title.get("en")
                                + (advisory.fixedVersion == null ? "; no fix yet" : "; fixed in " + advisory.fixedVersion)
                                + (policy.mode == UpdatePolicy.Mode.AUTOMATIC ? "" : " (policy notify: nothing is installed automatically)"));
                    }
                }
            }
            if (policy.mode == UpdatePolicy.Mode.AUTOMATIC && !list.isEmpty() && policy.inWindow(LocalTime.now(clock))) {
                fix(current, bundlesNow);
            }
        } catch (RuntimeException e) {
            logger.error("Checking the security advisories failed", e);
        }
    }

    private void fix(CatalogView current, Map<String, Bundle> bundlesNow) {
        Map<String, Version> versions = new LinkedHashMap<>();
        bundlesNow.forEach((id, bundle) -> versions.put(id, bundle.getVersion()));
        FixPlanner.Plan plan = FixPlanner.plan(current.document(), versions, host, licensed);
        for (FixPlanner.Skipped skipped : plan.skipped()) {
            if (logged.add("skip " + skipped.moduleId() + " " + skipped.installed() + " " + current.version())) {
                logger.warn("No automatic security fix for " + skipped.moduleId() + " " + skipped.installed() + ": "
                        + skipped.why() + "; update it by hand when that changes");
            }
        }
        for (FixPlanner.Fix fix : plan.fixes()) {
            // Once per catalog version: a fix that failed is tried again only with the next catalog.
            if (!attempted.add(fix.moduleId() + " " + fix.version() + " " + current.version())) {
                continue;
            }
            logger.info("Automatic security fix: updating " + fix.moduleId() + " " + fix.installed() + " to "
                    + fix.version() + " for advisory " + fix.advisoryId());
            try {
                OperationDTO op = installer.install(fix.moduleId(), fix.version().toString());
                automatic.add(0, op.id);
                while (automatic.size() > KEPT) {
                    automatic.remove(automatic.size() - 1);
                }
            } catch (CatalogException e) {
                logger.warn("Automatic security fix of " + fix.moduleId() + " to " + fix.version() + " was refused: "
                        + e.reason().code + "; tried again with the next catalog");
            }
        }
    }

    private void publish(List<AdvisoryDTO> list) {
        Map<String, Object> next = properties(list);
        if (!sameProperties(next, published)) {
            published = next;
            registration.setProperties(new Hashtable<>(next));
        }
    }

    private static Map<String, Object> properties(List<AdvisoryDTO> list) {
        Set<String> ids = new TreeSet<>();
        Set<String> modules = new TreeSet<>();
        int highest = -1;
        for (AdvisoryDTO advisory : list) {
            ids.add(advisory.id);
            modules.add(advisory.moduleId);
            highest = Math.max(highest, Advisory.SEVERITIES.indexOf(advisory.severity));
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(ADVISORY_IDS, ids.toArray(new String[0]));
        props.put(ADVISORY_MODULES, modules.toArray(new String[0]));
        props.put(ADVISORY_SEVERITY, highest < 0 ? "none" : Advisory.SEVERITIES.get(highest));
        return Collections.unmodifiableMap(props);
    }

    private static boolean sameProperties(Map<String, Object> a, Map<String, Object> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (String key : a.keySet()) {
            Object x = a.get(key);
            Object y = b.get(key);
            if (x instanceof String[] && y instanceof String[] ? !java.util.Arrays.equals((String[]) x, (String[]) y) : !x.equals(y)) {
                return false;
            }
        }
        return true;
    }
}
