package org.pbx.marketplace.impl.internal.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pbx.marketplace.impl.internal.license.KeyReconciler.Action.ACTIVATE;
import static org.pbx.marketplace.impl.internal.license.KeyReconciler.Action.NOTHING;
import static org.pbx.marketplace.impl.internal.license.KeyReconciler.Action.RESTORE_CONFIGURATION;
import static org.pbx.marketplace.impl.internal.license.KeyReconciler.Action.UNREGISTER;

import org.junit.jupiter.api.Test;

/**
 * The crash rules between Config Admin and the license store, which the out-of-process crash
 * tests (LicenseStoreCrashTest, HostCrashIT) check only slowly: the store is written first, so a
 * configuration behind it is restored, and only a real admin change is acted on.
 */
class KeyReconcilerTest {

    private static final String OLD = "MKT-AAAAA-AAAAA-AAAAA-AAAAA";
    private static final String NEW = "MKT-BBBBB-BBBBB-BBBBB-BBBBB";

    private static LicenseStore.Record stored(String key, String previousKey) {
        LicenseStore.Record record = new LicenseStore.Record();
        record.key = key;
        record.previousKey = previousKey;
        return record;
    }

    @Test
    void theSameKeyNeedsNothing() {
        assertEquals(NOTHING, KeyReconciler.decide(NEW, true, true, stored(NEW, OLD)));
        assertEquals(NOTHING, KeyReconciler.decide(null, true, false, stored(null, OLD)));
    }

    @Test
    void aLostConfigurationGetsTheStoredKeyBack() {
        assertEquals(RESTORE_CONFIGURATION, KeyReconciler.decide(null, false, true, stored(NEW, OLD)));
        assertEquals(RESTORE_CONFIGURATION, KeyReconciler.decide(null, false, false, stored(NEW, null)));
    }

    @Test
    void aCrashBetweenTheStoreAndTheConfigurationReadsAsStaleAtStart() {
        // Killed after the store took NEW, before Config Admin did: the configuration still says OLD.
        assertEquals(RESTORE_CONFIGURATION, KeyReconciler.decide(OLD, true, true, stored(NEW, OLD)));
        // A first registration killed the same way: the configuration's "none" is the previous key.
        assertEquals(RESTORE_CONFIGURATION, KeyReconciler.decide(null, true, true, stored(NEW, null)));
    }

    @Test
    void whileRunningADifferentConfiguredKeyIsTheAdminsChange() {
        assertEquals(ACTIVATE, KeyReconciler.decide(OLD, true, false, stored(NEW, OLD)));
        assertEquals(UNREGISTER, KeyReconciler.decide(null, true, false, stored(NEW, OLD)));
    }

    @Test
    void atStartAKeyOtherThanThePreviousOneIsTheAdminsChangeToo() {
        assertEquals(ACTIVATE, KeyReconciler.decide("MKT-CCCCC-CCCCC-CCCCC-CCCCC", true, true, stored(NEW, OLD)));
        assertEquals(UNREGISTER, KeyReconciler.decide(null, true, true, stored(NEW, OLD)));
    }
}
