package org.pbx.marketplace.impl.internal.license;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.pbx.marketplace.api.LicenseListener;
import org.pbx.marketplace.api.dto.LicenseDTO;
import org.pbx.marketplace.api.dto.ReasonDTO;
import org.pbx.marketplace.impl.internal.gating.GatingPublisher;

/**
 * Makes a license state public: the immutable state that readers take without a lock, the gating
 * services in the registry, and the listeners, told in order on their own thread (never the one
 * that talks to the vendor, so a hanging vendor delays no listener). It also wakes the state
 * machine at the next moment the state changes by time alone (a product or the grace runs out).
 */
final class Publication {

    private final String installationId;
    private final GatingPublisher gating;
    private final Collection<LicenseListener> listeners;
    private final LicenseEngine.Log log;
    private final ScheduledThreadPoolExecutor events;
    private volatile LicenseState state = LicenseState.unregistered();
    /** The state's available features, for the hot path (see LicensedFeatures). */
    final LicensedFeatures licensed = new LicensedFeatures();
    /** The vendor's cabinet, from the configured server URL. */
    private volatile String cabinetUrl;
    /** What is wrong with the settings, shown when the state has no reason of its own; or null. */
    private volatile ReasonDTO settingsProblem;
    /** A feature's name by language (from the catalog), or null: for the license's features and reasons. */
    private final Function<String, Map<String, String>> featureNames;
    // Guarded by this: after stop, a late operation's state reaches no registry.
    private ScheduledFuture<?> boundary;
    private boolean stopped;

    Publication(String installationId, GatingPublisher gating, Collection<LicenseListener> listeners, LicenseEngine.Log log,
                Function<String, Map<String, String>> featureNames) {
        this.installationId = installationId;
        this.featureNames = featureNames;
        this.gating = gating;
        this.listeners = listeners;
        this.log = log;
        events = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "marketplace-license-events");
            thread.setDaemon(true);
            return thread;
        });
        events.setRemoveOnCancelPolicy(true);
    }

    void settings(Settings settings) {
        cabinetUrl = settings.cabinetUrl();
        settingsProblem = settings.problem();
    }

    LicenseState state() {
        return state;
    }

    /** Why a feature is unavailable now, naming it; null if it is available. No lock. */
    ReasonDTO why(String featureId) {
        return state.why(featureId, featureNames);
    }

    /** The license as it stands; no lock. */
    LicenseDTO license() {
        LicenseDTO dto = state.toDTO(installationId, featureNames);
        dto.cabinetUrl = cabinetUrl;
        if (dto.reason == null) {
            dto.reason = settingsProblem;
        }
        return dto;
    }

    /**
     * Publishes {@code next}; called under the state machine's lock, so states are published in order.
     *
     * @param reevaluate what to run at the state's next time boundary (under that lock again)
     */
    void publish(LicenseState next, long now, Runnable reevaluate) {
        List<GatingPublisher.Feature> features = new ArrayList<>();
        if (next.token != null) {
            for (String id : next.availableSorted()) {
                next.token.features.stream().filter(f -> f.id.equals(id)).findFirst()
                        .ifPresent(f -> features.add(new GatingPublisher.Feature(id, f.expiresAt, f.seats)));
            }
        }
        LicenseState previous;
        synchronized (this) {
            if (stopped) {
                return;
            }
            previous = state;
            state = next;
            licensed.set(next.available);
            gating.publish(next.licensed(), next.status.name(), features);
            if (boundary != null) {
                boundary.cancel(false);
            }
            if (next.nextBoundary != Long.MAX_VALUE) {
                try {
                    boundary = events.schedule(reevaluate, Math.max(1, next.nextBoundary - now + 1), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    // Stopping.
                }
            }
        }
        if (previous.status != next.status || !previous.available.equals(next.available) || previous.token != next.token) {
            LicenseDTO dto = license();
            for (LicenseListener listener : listeners) {
                run(() -> notify(listener, dto));
            }
        }
    }

    /** Tells a newly added listener the license as it stands, on the thread that tells it the changes. */
    void welcome(LicenseListener listener) {
        run(() -> notify(listener, license()));
    }

    /** Runs {@code work} on the listeners' thread (e.g. a publish after the clock was replaced). */
    void run(Runnable work) {
        try {
            events.execute(work);
        } catch (RejectedExecutionException e) {
            // Stopping: nothing more to tell.
        }
    }

    void stop() {
        events.shutdownNow();
        synchronized (this) {
            stopped = true;
            gating.withdrawAll();
        }
    }

    private void notify(LicenseListener listener, LicenseDTO dto) {
        try {
            listener.licenseChanged(dto);
        } catch (RuntimeException e) {
            log.log(LicenseEngine.Level.WARN, "A license listener failed: " + e);
        }
    }
}
