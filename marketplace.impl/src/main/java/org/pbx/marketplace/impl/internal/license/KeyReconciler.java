package org.pbx.marketplace.impl.internal.license;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.pbx.marketplace.impl.internal.license.LicenseEngine.Level;
import org.pbx.marketplace.impl.internal.license.LicenseEngine.Log;

/**
 * Keeps the key in Config Admin and the key in the license store in line, with the crash rules:
 * the store is written first, so a configuration that differs from it is either stale (lost in a
 * crash of Felix's store, or written before a crash that followed a key change: it then holds the
 * store's {@code previousKey}) and gets the store's key back, or an admin's change, which is acted
 * on. Config Admin is written on this part's own thread, always with the key in use at that moment.
 */
final class KeyReconciler {

    /** What to do about a configured key that differs from the stored one. */
    enum Action { NOTHING, RESTORE_CONFIGURATION, UNREGISTER, ACTIVATE }

    private final KeyConfig keyConfig;
    private final Supplier<String> keyInUse;
    private final Log log;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "marketplace-license-config");
        t.setDaemon(true);
        return t;
    });

    KeyReconciler(KeyConfig keyConfig, Supplier<String> keyInUse, Log log) {
        this.keyConfig = keyConfig;
        this.keyInUse = keyInUse;
        this.log = log;
    }

    /**
     * @param configuredKey the key in the configuration (null: none)
     * @param configured    whether a configuration exists at all (absent: never made, or lost in a crash)
     * @param starting      whether the component is starting (only then can the configuration be behind the store)
     */
    static Action decide(String configuredKey, boolean configured, boolean starting, LicenseStore.Record record) {
        if (Objects.equals(configuredKey, record.key)) {
            return Action.NOTHING;
        }
        if (!configured || (starting && Objects.equals(configuredKey, record.previousKey))) {
            return Action.RESTORE_CONFIGURATION;
        }
        return configuredKey == null ? Action.UNREGISTER : Action.ACTIVATE;
    }

    /** The key change the reconciler may have to make. */
    interface Activation {
        void activate(String key) throws org.pbx.marketplace.api.LicenseException;
    }

    /** Acts on {@link #decide}: restores the configuration, or runs the admin's change on this part's thread. */
    void reconcile(String configuredKey, boolean configured, boolean starting, LicenseStore.Record record,
                   Runnable unregister, Activation activation) {
        switch (decide(configuredKey, configured, starting, record)) {
            case RESTORE_CONFIGURATION:
                if (record.key != null) {
                    log.log(Level.INFO, "Restoring license key " + Keys.mask(record.key) + " into the configuration");
                }
                syncConfiguration();
                break;
            case UNREGISTER:
                run(unregister);
                break;
            case ACTIVATE:
                run(() -> {
                    try {
                        activation.activate(configuredKey);
                    } catch (org.pbx.marketplace.api.LicenseException e) {
                        log.log(Level.WARN, "The license key from the configuration was not accepted: " + e.reason().code
                                + " " + e.reason().message.get("en"));
                    }
                });
                break;
            default:
                break;
        }
    }

    /** Runs an admin's change (or a restore) on this part's thread, in the order the changes came. */
    void run(Runnable action) {
        try {
            thread.execute(action);
        } catch (RejectedExecutionException e) {
            // Stopping.
        }
    }

    /** Writes the key in use into the configuration, soon, on this part's thread. */
    void syncConfiguration() {
        run(this::syncNow);
    }

    /**
     * Writes the key in use into the configuration now, right after the store took it: the shorter
     * the configuration lags, the less a configuration event in between can read as an admin's
     * change. Always the key in use at this moment, so writes in any order end with the latest.
     */
    void syncNow() {
        String key = keyInUse.get();
        try {
            keyConfig.store(key);
        } catch (IOException | RuntimeException e) {
            log.log(Level.WARN, "The license key could not be written to the configuration (" + e.getMessage()
                    + "); the store keeps " + Keys.mask(key) + " and restores it at the next start");
        }
    }

    void stop() {
        thread.shutdownNow();
    }
}
