package org.pbx.marketplace.impl.internal.license;

import java.util.ArrayList;
import java.util.List;

import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.impl.internal.license.LicenseEngine.Level;
import org.pbx.marketplace.impl.internal.license.LicenseEngine.Log;
import org.pbx.marketplace.impl.internal.protocol.VendorUnreachableException;

/**
 * Keys whose binding to this PBX must still be released at the vendor (unregistered, or replaced
 * by another key, while the vendor could not be reached). The queue itself is in the stored
 * record; this part asks the vendor, outside the state lock, one drain at a time, and takes
 * what was released off the queue.
 */
final class ReleaseQueue {

    /** The vendor's release call. */
    interface Releaser {
        void release(String key) throws LicenseException, VendorUnreachableException;
    }

    private final LicenseStateMachine machine;
    private final Releaser releaser;
    private final Log log;
    private final Object draining = new Object();

    ReleaseQueue(LicenseStateMachine machine, Releaser releaser, Log log) {
        this.machine = machine;
        this.releaser = releaser;
        this.log = log;
    }

    /**
     * Releases what is queued. Answers the keys that were released while back in use (the caller
     * checks the key again, which binds it anew).
     */
    List<String> drain() {
        synchronized (draining) {
            List<String> pending = new ArrayList<>(machine.record().pendingRelease);
            if (pending.isEmpty()) {
                return List.of();
            }
            List<String> released = new ArrayList<>();
            for (String key : pending) {
                try {
                    releaser.release(key);
                    released.add(key);
                } catch (LicenseException | VendorUnreachableException | RuntimeException e) {
                    log.log(Level.INFO, "The binding of " + Keys.mask(key) + " will be released when the server is reachable ("
                            + (e instanceof LicenseException ? ((LicenseException) e).reason().code : e.getMessage()) + ")");
                }
            }
            return released.isEmpty() ? List.of() : takeOff(released);
        }
    }

    /** Takes released keys off the queue; answers those back in use meanwhile (the release unbound a key in use). */
    private List<String> takeOff(List<String> released) {
        List<String> inUse = new ArrayList<>();
        try {
            machine.update(next -> {
                for (String key : released) {
                    if (!next.pendingRelease.remove(key) && key.equals(next.key)) {
                        inUse.add(key);
                    }
                }
                return null;
            });
        } catch (LicenseException e) {
            log.log(Level.WARN, "Released keys stay queued, the data folder could not be written: " + e.reason().message.get("en"));
        }
        return inUse;
    }

    /** Whether keys are still queued. */
    boolean waiting() {
        return !machine.record().pendingRelease.isEmpty();
    }
}
