package org.pbx.marketplace.testing;

import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.condition.Condition;
import org.pbx.marketplace.api.LicenseConditions;
import org.pbx.marketplace.api.LicenseStatus;

/**
 * Publishes and withdraws the Marketplace's license conditions in a framework, so that an OSGi test
 * switches a module's gated components on and off as a license that grants or loses a feature would:
 *
 * <pre>
 * try (FeatureConditions conditions = new FeatureConditions(context)) {
 *     conditions.publish("call-recording");   // components gated on marketplace.feature.call-recording come up
 *     ...
 *     conditions.withdraw("call-recording");  // and go down
 * }
 * </pre>
 *
 * The services carry the same properties the Marketplace gives them ({@code osgi.condition.id},
 * {@code marketplace.feature.id}, {@code marketplace.license.status}). Do not run it beside the real
 * Marketplace: two registrations of one condition would both satisfy a component. Not thread-safe:
 * drive it from the test's thread.
 */
public final class FeatureConditions implements AutoCloseable {

    private final BundleContext context;
    private final Map<String, ServiceRegistration<Condition>> features = new LinkedHashMap<>();
    private ServiceRegistration<Condition> licensed;

    /**
     * @param context the bundle context the conditions are registered with (the test bundle's)
     */
    public FeatureConditions(BundleContext context) {
        if (context == null) {
            throw new IllegalArgumentException("a BundleContext is needed: the test bundle's (e.g. @Inject BundleContext)");
        }
        this.context = context;
    }

    /**
     * Registers {@code marketplace.feature.<featureId>}, and {@code marketplace.licensed} with it (a
     * license that grants a feature is a license). Publishing a feature twice changes nothing.
     *
     * @param featureId the feature id the module gates on, as the catalog names it ({@code featureId})
     * @return this, to publish several in a row
     */
    public FeatureConditions publish(String featureId) {
        if (featureId == null || featureId.isBlank()) {
            throw new IllegalArgumentException("a feature id is needed, e.g. \"call-recording\"");
        }
        publishLicensed();
        features.computeIfAbsent(featureId, id -> {
            Hashtable<String, Object> props = properties(LicenseConditions.featureCondition(id));
            props.put(LicenseConditions.FEATURE_ID_PROPERTY, id);
            return context.registerService(Condition.class, Condition.INSTANCE, props);
        });
        return this;
    }

    /**
     * Withdraws {@code marketplace.feature.<featureId>}, as an expiry or a revocation does; components
     * gated on it are deactivated before this returns. A feature not published is ignored.
     *
     * @param featureId the feature id
     * @return this
     */
    public FeatureConditions withdraw(String featureId) {
        ServiceRegistration<Condition> registration = features.remove(featureId);
        if (registration != null) {
            registration.unregister();
        }
        return this;
    }

    /**
     * Registers {@code marketplace.licensed} alone (a license without the module's feature).
     *
     * @return this
     */
    public FeatureConditions publishLicensed() {
        if (licensed == null) {
            licensed = context.registerService(Condition.class, Condition.INSTANCE, properties(LicenseConditions.LICENSED));
        }
        return this;
    }

    /**
     * Withdraws every feature and {@code marketplace.licensed}, as unregistering the PBX does.
     */
    public void withdrawAll() {
        for (String id : Set.copyOf(features.keySet())) {
            withdraw(id);
        }
        if (licensed != null) {
            licensed.unregister();
            licensed = null;
        }
    }

    /**
     * @return the features published now, sorted
     */
    public Set<String> published() {
        return new TreeSet<>(features.keySet());
    }

    /**
     * Exactly these features published, and {@code marketplace.licensed} while licensed; the rest
     * withdrawn (nothing at all when not licensed). For {@link FakeLicenseService}, kept in step with its state.
     */
    void match(Set<String> available, boolean isLicensed) {
        for (String id : published()) {
            if (!available.contains(id)) {
                withdraw(id);
            }
        }
        available.forEach(this::publish);
        if (!isLicensed) {
            withdrawAll();
        } else {
            publishLicensed();
        }
    }

    /** Withdraws everything, so that the next test starts unlicensed. */
    @Override
    public void close() {
        withdrawAll();
    }

    private static Hashtable<String, Object> properties(String conditionId) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Condition.CONDITION_ID, conditionId);
        props.put(LicenseConditions.STATUS_PROPERTY, LicenseStatus.ACTIVE.name());
        return props;
    }
}
