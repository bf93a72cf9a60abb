package org.pbx.marketplace.impl.testsupport;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.pbx.marketplace.impl.internal.gating.GatingPublisher;

/**
 * The license engine's gating publisher on its own: the license Condition, a Condition and a
 * LicensedFeature service per feature, registered and withdrawn in the calling thread, as the
 * engine does when the license changes.
 */
public final class FeatureGating {

    private final GatingPublisher publisher;
    private final List<GatingPublisher.Feature> features = new ArrayList<>();

    /**
     * @param context    where the services are registered (a real framework's)
     * @param featureIds the features {@link #license()} makes available (no expiry, one seat each)
     */
    public FeatureGating(BundleContext context, String... featureIds) {
        publisher = new GatingPublisher(context);
        for (String id : featureIds) {
            features.add(new GatingPublisher.Feature(id, 0, 1));
        }
    }

    /** Publishes the license as active with exactly the features given at construction. */
    public void license() {
        publisher.publish(true, "ACTIVE", features);
    }

    /** Publishes the license as not licensed: every feature's services go. */
    public void unlicense() {
        publisher.publish(false, null, List.of());
    }
}
