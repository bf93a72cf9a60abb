package org.pbx.marketplace.impl.internal.license;

/**
 * The licensed features as the hot path reads them: modules ask "is my feature licensed?" per call.
 * The service holds this object itself and the set sits in a volatile field of its own, so a check is
 * service → this → set → its slot, two dependent loads fewer than through the engine and the whole
 * published state. {@link Publication} swaps the set under its lock, right after the state it
 * belongs to and before the gating services change, so a module that sees its condition also sees
 * its feature here.
 */
final class LicensedFeatures {

    private volatile FeatureSet current = FeatureSet.EMPTY;

    boolean contains(String featureId) {
        return current.contains(featureId);
    }

    void set(FeatureSet features) {
        current = features;
    }
}
