package org.pbx.marketplace.impl.internal.gating;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.condition.Condition;
import org.pbx.marketplace.api.LicenseConditions;
import org.pbx.marketplace.api.LicensedFeature;

/**
 * Publishes what is licensed to the service registry: a Condition for the license and one per
 * available feature, and a {@link LicensedFeature} service per feature. DS components gated on
 * them come and go in the same call that changes the license, with no polling anywhere.
 * Not thread-safe: the license component calls it under its own lock.
 */
public final class GatingPublisher {

    /** What one feature looks like when published. */
    public static final class Feature {
        final String id;
        final long expiresAt;
        final int seats;

        public Feature(String id, long expiresAt, int seats) {
            this.id = id;
            this.expiresAt = expiresAt;
            this.seats = seats;
        }
    }

    private final BundleContext context;
    private ServiceRegistration<Condition> licensed;
    private final Map<String, List<ServiceRegistration<?>>> features = new HashMap<>();

    public GatingPublisher(BundleContext context) {
        this.context = context;
    }

    /** Brings the registry in line: new registrations first, then withdrawals. */
    public void publish(boolean isLicensed, String status, Collection<Feature> available) {
        Set<String> wanted = new HashSet<>();
        for (Feature feature : available) {
            wanted.add(feature.id);
            if (!features.containsKey(feature.id)) {
                features.put(feature.id, register(feature, status));
            }
        }
        if (isLicensed && licensed == null) {
            licensed = context.registerService(Condition.class, Condition.INSTANCE,
                    properties(LicenseConditions.LICENSED, status));
        } else if (isLicensed) {
            licensed.setProperties(properties(LicenseConditions.LICENSED, status));
        }
        for (Iterator<Map.Entry<String, List<ServiceRegistration<?>>>> it = features.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, List<ServiceRegistration<?>>> entry = it.next();
            if (!wanted.contains(entry.getKey())) {
                entry.getValue().forEach(GatingPublisher::unregister);
                it.remove();
            }
        }
        if (!isLicensed && licensed != null) {
            unregister(licensed);
            licensed = null;
        }
    }

    /** Withdraws everything (the component is going away). */
    public void withdrawAll() {
        publish(false, null, List.of());
    }

    private List<ServiceRegistration<?>> register(Feature feature, String status) {
        Hashtable<String, Object> props = properties(LicenseConditions.featureCondition(feature.id), status);
        props.put(LicenseConditions.FEATURE_ID_PROPERTY, feature.id);
        ServiceRegistration<Condition> condition = context.registerService(Condition.class, Condition.INSTANCE, props);
        LicensedFeature service = new PublishedFeature(feature.id, feature.expiresAt, feature.seats);
        Hashtable<String, Object> serviceProps = new Hashtable<>();
        serviceProps.put(LicenseConditions.FEATURE_ID_PROPERTY, feature.id);
        ServiceRegistration<LicensedFeature> registration = context.registerService(LicensedFeature.class, service, serviceProps);
        return List.of(condition, registration);
    }

    private static Hashtable<String, Object> properties(String conditionId, String status) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Condition.CONDITION_ID, conditionId);
        if (status != null) {
            props.put(LicenseConditions.STATUS_PROPERTY, status);
        }
        return props;
    }

    private static void unregister(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // Already gone with the bundle.
        }
    }

    private static final class PublishedFeature implements LicensedFeature {
        private final String id;
        private final long expiresAt;
        private final int seats;

        PublishedFeature(String id, long expiresAt, int seats) {
            this.id = id;
            this.expiresAt = expiresAt;
            this.seats = seats;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public long expiresAt() {
            return expiresAt;
        }

        @Override
        public int seats() {
            return seats;
        }
    }
}
