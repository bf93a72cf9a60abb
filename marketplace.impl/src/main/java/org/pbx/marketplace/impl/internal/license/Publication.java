package org.pbx.marketplace.impl.internal.license;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.pbx.marketplace.api.LicenseListener;
import org.pbx.marketplace.api.dto.LicenseDTO;
import org.pbx.marketplace.impl.internal.gating.GatingPublisher;
import org.pbx.marketplace.impl.internal.license.LicenseEngine.Level;
import org.pbx.marketplace.impl.internal.license.LicenseEngine.Log;

/**
 * Makes a license state public: the immutable {@link LicenseState} the hot path reads without a
 * lock, the gating services (in the same call, so a gated component follows at once), a timer for
 * the next moment the state changes by time alone, and the listeners, told on this part's own
 * thread in the order of the changes. Called by the state machine under its lock.
 */
final class Publication {

    private final GatingPublisher gating;
    private final Collection<LicenseListener> listeners;
    private final String installationId;
    private final Log log;
    private final ScheduledThreadPoolExecutor events;
    private volatile LicenseState state = LicenseState.unregistered();
    private volatile String cabinetUrl;
    private ScheduledFuture<?> boundary;
    private boolean stopped;

    Publication(GatingPublisher gating, Collection<LicenseListener> listeners, String installationId, Log log) {
        this.gating = gating;
        this.listeners = listeners;
        this.installationId = installationId;
        this.log = log;
        this.events = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "marketplace-license-events");
            thread.setDaemon(true);
            return thread;
        });
        events.setRemoveOnCancelPolicy(true);
    }

    LicenseState state() {
        return state;
    }

    LicenseDTO dto() {
        LicenseDTO dto = state.toDTO(installationId);
        dto.cabinetUrl = cabinetUrl;
        return dto;
    }

    void cabinetUrl(String url) {
        cabinetUrl = url;
    }

    /**
     * Publishes {@code next}; {@code reevaluate} is run on this part's thread when the state next
     * changes by time alone.
     */
    synchronized void publish(LicenseState next, long now, Runnable reevaluate) {
        if (stopped) {
            return; // the component is gone: its services must stay withdrawn
        }
        LicenseState previous = state;
        state = next;
        List<GatingPublisher.Feature> features = new ArrayList<>();
        if (next.token != null) {
            for (String id : next.availableSorted()) {
                next.token.features.stream().filter(f -> f.id.equals(id)).findFirst()
                        .ifPresent(f -> features.add(new GatingPublisher.Feature(id, f.expiresAt, f.seats)));
            }
        }
        gating.publish(next.licensed(), next.status.name(), features);
        if (boundary != null) {
            boundary.cancel(false);
            boundary = null;
        }
        if (next.nextBoundary != Long.MAX_VALUE) {
            boundary = schedule(reevaluate, Math.max(1, next.nextBoundary - now + 1));
        }
        if (previous.status != next.status || !previous.available.equals(next.available) || previous.token != next.token) {
            LicenseDTO dto = dto();
            for (LicenseListener listener : listeners) {
                run(() -> notify(listener, dto));
            }
        }
    }

    /** Tells a newly added listener the license as it stands, on the thread that tells it the changes. */
    void welcome(LicenseListener listener) {
        run(() -> notify(listener, dto()));
    }

    /** Runs a task on this part's thread, after the notifications already queued. */
    void run(Runnable task) {
        schedule(task, 0);
    }

    synchronized void stop() {
        stopped = true;
        events.shutdownNow();
        gating.withdrawAll();
    }

    private ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        try {
            return events.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null; // stopping: nothing more to tell
        }
    }

    private void notify(LicenseListener listener, LicenseDTO dto) {
        try {
            listener.licenseChanged(dto);
        } catch (RuntimeException e) {
            log.log(Level.WARN, "A license listener failed: " + e);
        }
    }
}
