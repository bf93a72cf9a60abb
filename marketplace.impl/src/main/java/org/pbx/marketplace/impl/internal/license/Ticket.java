package org.pbx.marketplace.impl.internal.license;

/**
 * What a vendor call saw when it started: the key it is about and the state machine's version.
 * The answer is applied only if it still fits ({@link LicenseMachine}): a late answer never
 * overwrites a newer state.
 */
final class Ticket {

    /** The key in use when the call started, or null. */
    final String key;
    /** The state's version then; every applied change moves it. */
    final long version;

    Ticket(String key, long version) {
        this.key = key;
        this.version = version;
    }
}
