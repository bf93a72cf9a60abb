package org.pbx.marketplace.impl.internal.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pbx.marketplace.impl.internal.license.KeyReconciliation.Action;

/**
 * The crash rules between the license store and the configuration, each on its own (LicenseStoreCrashTest
 * and HostCrashIT kill real processes; these say which rule a failure there breaks).
 */
class KeyReconciliationTest {

    private final Fixtures vendor = new Fixtures();

    @Test
    void aConfigurationThatAgreesOrIsMistypedAsksNothing() {
        assertEquals(Action.NOTHING, decide(Fixtures.KEY, true, true, record(Fixtures.KEY, null)));
        assertEquals(Action.NOTHING, decide("", true, false, record(null, null)));
        assertEquals(Action.NOTHING, decide("MKT-12", true, false, record(Fixtures.KEY, null)));
    }

    @Test
    void aLostConfigurationGetsTheStoredKeyBack() {
        // Felix's store deletes the file before renaming the new one: a crash leaves no configuration at all.
        assertEquals(Action.RESTORE_CONFIGURATION, decide("", false, true, record(Fixtures.KEY, null)));
        assertEquals(Action.RESTORE_CONFIGURATION, decide("", false, false, record(Fixtures.KEY, null)));
    }

    @Test
    void atTheStartTheRecordsPreviousKeyIsAConfigurationTheCrashCutOff() {
        // The store took the new key, the crash came before the configuration was written.
        assertEquals(Action.RESTORE_CONFIGURATION, decide(Fixtures.OTHER_KEY, true, true, record(Fixtures.KEY, Fixtures.OTHER_KEY)));
        // "None" was the previous key: a crash right after the first registration is not an admin emptying the key.
        assertEquals(Action.RESTORE_CONFIGURATION, decide("", true, true, record(Fixtures.KEY, null)));
        // While running, the same value is the admin's choice.
        assertEquals(Action.ACTIVATE, decide(Fixtures.OTHER_KEY, true, false, record(Fixtures.KEY, Fixtures.OTHER_KEY)));
    }

    @Test
    void anAdminsChangeIsActedOn() {
        assertEquals(Action.ACTIVATE, decide(Fixtures.OTHER_KEY, true, true, record(Fixtures.KEY, null)));
        LicenseStore.Record registered = record(Fixtures.KEY, Fixtures.OTHER_KEY);
        assertEquals(Action.UNREGISTER, decide("", true, false, registered));
        assertEquals(Action.UNREGISTER, decide("", true, true, registered));
    }

    @Test
    void aNewKeyRemembersTheOldOneAndQueuesItsRelease() {
        LicenseStore.Record first = KeyReconciliation.accepted(new LicenseStore.Record(), Fixtures.KEY, vendor.token(Fixtures.KEY, 1, 1000_000), 2000_000);
        assertEquals(Fixtures.KEY, first.key);
        assertNull(first.previousKey, "none before: a crash now reads as a stale configuration");
        assertEquals(List.of(), first.pendingRelease);
        assertEquals(2000_000, first.lastCheckAt);

        first.refusalStatus = "REVOKED";
        LicenseStore.Record second = KeyReconciliation.accepted(first, Fixtures.OTHER_KEY, vendor.token(Fixtures.OTHER_KEY, 3, 3000_000), 3000_000);
        assertEquals(Fixtures.KEY, second.previousKey);
        assertEquals(List.of(Fixtures.KEY), second.pendingRelease);
        assertEquals(3, second.serial);
        assertNull(second.refusalStatus);

        LicenseStore.Record again = KeyReconciliation.accepted(second, Fixtures.OTHER_KEY, vendor.token(Fixtures.OTHER_KEY, 4, 4000_000), 4000_000);
        assertEquals(Fixtures.KEY, again.previousKey, "the same key again leaves the previous one");
        LicenseStore.Record back = KeyReconciliation.accepted(again, Fixtures.KEY, vendor.token(Fixtures.KEY, 5, 5000_000), 5000_000);
        assertEquals(List.of(Fixtures.OTHER_KEY), back.pendingRelease, "a key taken back is not released");
    }

    @Test
    void unregisteringKeepsTheKeyAsPreviousAndQueuesItsRelease() {
        LicenseStore.Record registered = record(Fixtures.KEY, null);
        registered.token = "a.b.c";
        registered.serial = 7;
        LicenseStore.Record next = KeyReconciliation.unregistered(registered);
        assertNull(next.key);
        assertNull(next.token);
        assertEquals(0, next.serial);
        assertEquals(Fixtures.KEY, next.previousKey);
        assertEquals(List.of(Fixtures.KEY), next.pendingRelease);
        assertEquals(Fixtures.KEY, registered.key, "the record it started from is unchanged");
    }

    private Action decide(String configuredKey, boolean configured, boolean starting, LicenseStore.Record record) {
        return KeyReconciliation.decide(Settings.of(Fixtures.config("", configuredKey), null, "none", "http://127.0.0.1:9/v"),
                configured, starting, record);
    }

    private static LicenseStore.Record record(String key, String previousKey) {
        LicenseStore.Record record = new LicenseStore.Record();
        record.key = key;
        record.previousKey = previousKey;
        return record;
    }
}
