package org.pbx.marketplace.impl.probe;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.pbx.marketplace.impl.internal.gating.GatingPublisher;

/** The gating services as the license publishes them, switched by hand (see the package). */
public final class GatingProbe {

    private final GatingPublisher publisher;

    private GatingProbe(GatingPublisher publisher) {
        this.publisher = publisher;
    }

    /** The product's publisher of the license's conditions and feature services, registering in {@code context}. */
    public static GatingProbe in(BundleContext context) {
        return new GatingProbe(new GatingPublisher(context));
    }

    /** Publishes the license as ACTIVE with these features (no expiry, one seat each), as an accepted token does. */
    public void license(List<String> features) {
        List<GatingPublisher.Feature> published = new ArrayList<>();
        features.forEach(id -> published.add(new GatingPublisher.Feature(id, 0, 1)));
        publisher.publish(true, "ACTIVE", published);
    }

    /** Withdraws everything, as unregistering does. */
    public void unlicense() {
        publisher.publish(false, null, List.of());
    }
}
