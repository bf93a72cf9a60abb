package org.pbx.marketplace.impl.internal.license;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.impl.internal.protocol.VendorUnreachableException;

/**
 * Keys whose binding at the vendor is still to be released (after unregistering or changing the key).
 * The queue itself lives in the license store, so a crash loses none; releasing talks to the vendor
 * and so runs outside the state's lock: only taking the queue and striking what was released lock it.
 */
final class ReleaseQueue {

    /** The vendor's release call. */
    interface Vendor {
        void release(String key) throws LicenseException, VendorUnreachableException;
    }

    private final LicenseMachine machine;
    private final Vendor vendor;
    private final LicenseEngine.Log log;
    /** Asks for a check soon: with no license key, no scheduled check would retry what is left. */
    private final Runnable retry;
    /** One release round at a time; a second caller doesn't wait for the first's vendor. */
    private final AtomicBoolean releasing = new AtomicBoolean();
    /** Keys whose failed release was said: each is said once, not at every retry. */
    private final Set<String> told = ConcurrentHashMap.newKeySet();

    ReleaseQueue(LicenseMachine machine, Vendor vendor, LicenseEngine.Log log) {
        this(machine, vendor, log, () -> { });
    }

    ReleaseQueue(LicenseMachine machine, Vendor vendor, LicenseEngine.Log log, Runnable retry) {
        this.machine = machine;
        this.vendor = vendor;
        this.log = log;
        this.retry = retry;
    }

    /** Releases what is queued; keys left over with no license key to check are retried on their own. */
    void release() {
        List<String> remaining = releasePending();
        if (remaining != null && !remaining.isEmpty() && machine.ticket().key == null) {
            retry.run(); // nothing else brings the queue down
        }
    }

    /**
     * Releases what is queued; returns the keys still queued (the vendor refused or could not be
     * reached: they are tried again at the next check), or null when another round is under way.
     */
    List<String> releasePending() {
        if (!releasing.compareAndSet(false, true)) {
            return null;
        }
        try {
            List<String> keys = machine.record().pendingRelease;
            List<String> released = new ArrayList<>();
            List<String> remaining = new ArrayList<>();
            for (String key : keys) {
                try {
                    vendor.release(key);
                    released.add(key);
                    told.remove(key);
                } catch (LicenseException | VendorUnreachableException | RuntimeException e) {
                    remaining.add(key);
                    log.log(told.add(key) ? LicenseEngine.Level.INFO : LicenseEngine.Level.DEBUG, "The binding of " + Keys.mask(key)
                            + " will be released when the server is reachable (" + e.getMessage() + ")");
                }
            }
            if (!released.isEmpty()) {
                strike(released);
            }
            return remaining;
        } finally {
            releasing.set(false);
        }
    }

    /** Keys queued meanwhile stay; a failed write only repeats a release (the vendor answers it again). */
    private void strike(List<String> released) {
        try {
            machine.update(next -> {
                next.pendingRelease.removeAll(released);
                return next;
            });
        } catch (LicenseException e) {
            log.log(LicenseEngine.Level.WARN, "Released at the vendor, but the data folder could not be written ("
                    + e.reason().technical + "); the release is repeated at the next check");
        }
    }
}
