package org.pbx.marketplace.testing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.pbx.marketplace.api.LicenseListener;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.LicenseStatus;
import org.pbx.marketplace.api.dto.FeatureDTO;
import org.pbx.marketplace.api.dto.LicenseDTO;
import org.pbx.marketplace.api.dto.ReasonDTO;
import org.pbx.marketplace.api.dto.RegistrationDTO;

/**
 * A {@link LicenseService} in the state a test chooses, for a module's tests of code that asks
 * {@code isFeatureAvailable}, shows {@code whyUnavailable} or listens for changes:
 *
 * <pre>
 * FakeLicenseService license = new FakeLicenseService().licensed("call-recording");
 * new Recorder(license).record(call);                      // works
 * license.grant("call-recording", Instant.now().minusSeconds(1)); // expired
 * license.status(LicenseStatus.REVOKED);                   // or revoked
 * </pre>
 *
 * It starts {@code UNREGISTERED} with no feature. A feature is available while the status is
 * {@code ACTIVE} or {@code GRACE} and the feature has not expired by the clock given to the
 * constructor, as in the Marketplace. Every change calls the listeners added with
 * {@link #addListener} (on the caller's thread, after the change). {@link #register(BundleContext)}
 * also puts it in a framework, with the feature conditions kept in step. The operations that talk to
 * the vendor (register, key, coupon, trial, refresh, offline activation) are not faked: they throw
 * {@link UnsupportedOperationException}; set the outcome with the state methods instead.
 */
public final class FakeLicenseService implements LicenseService {

    private final Clock clock;
    private final List<LicenseListener> listeners = new CopyOnWriteArrayList<>();
    private LicenseStatus status = LicenseStatus.UNREGISTERED;
    /** feature id → expiry in epoch milliseconds, 0 for none. */
    private final Map<String, Long> features = new TreeMap<>();

    /** A fake on the system clock. */
    public FakeLicenseService() {
        this(Clock.systemUTC());
    }

    /**
     * @param clock the clock feature expiry is judged by (e.g. a fixed or a test-driven clock)
     */
    public FakeLicenseService(Clock clock) {
        this.clock = clock;
    }

    /**
     * An {@code ACTIVE} license with exactly these features, none expiring.
     *
     * @param featureIds the features licensed
     * @return this
     */
    public FakeLicenseService licensed(String... featureIds) {
        synchronized (this) {
            status = LicenseStatus.ACTIVE;
            features.clear();
            for (String id : featureIds) {
                features.put(id, 0L);
            }
        }
        changed();
        return this;
    }

    /**
     * Adds a feature, or changes its expiry. The status is left as it is.
     *
     * @param featureId the feature id
     * @param expiresAt when it expires; null: never
     * @return this
     */
    public FakeLicenseService grant(String featureId, Instant expiresAt) {
        synchronized (this) {
            features.put(featureId, expiresAt == null ? 0L : Math.max(1L, expiresAt.toEpochMilli()));
        }
        changed();
        return this;
    }

    /**
     * Takes a feature off the license.
     *
     * @param featureId the feature id
     * @return this
     */
    public FakeLicenseService remove(String featureId) {
        synchronized (this) {
            features.remove(featureId);
        }
        changed();
        return this;
    }

    /**
     * Sets the status, the features kept ({@code UNREGISTERED} also drops them).
     *
     * @param newStatus e.g. {@code GRACE}, {@code EXPIRED}, {@code REVOKED}
     * @return this
     */
    public FakeLicenseService status(LicenseStatus newStatus) {
        synchronized (this) {
            status = newStatus;
            if (newStatus == LicenseStatus.UNREGISTERED) {
                features.clear();
            }
        }
        changed();
        return this;
    }

    /**
     * @param listener called after every change with the new snapshot
     */
    public void addListener(LicenseListener listener) {
        listeners.add(listener);
    }

    /**
     * @param listener a listener added before
     */
    public void removeListener(LicenseListener listener) {
        listeners.remove(listener);
    }

    /**
     * Registers this fake as the {@code LicenseService} of a framework and publishes the conditions
     * of its available features (and {@code marketplace.licensed}) there, kept in step with every
     * change made through this object. An expiry that passes by the clock alone is seen at the next
     * change. Close the returned handle to withdraw both.
     *
     * @param context the test bundle's context
     * @return the handle that withdraws the service and the conditions
     */
    public Registration register(BundleContext context) {
        return new Registration(context);
    }

    @Override
    public synchronized LicenseDTO license() {
        LicenseDTO dto = new LicenseDTO();
        dto.status = status;
        dto.products = new ArrayList<>();
        dto.features = new ArrayList<>();
        long now = clock.millis();
        for (Map.Entry<String, Long> feature : features.entrySet()) {
            FeatureDTO f = new FeatureDTO();
            f.id = feature.getKey();
            f.expiresAt = feature.getValue();
            f.available = available(feature.getValue(), now);
            dto.features.add(f);
        }
        if (status != LicenseStatus.UNREGISTERED) {
            dto.maskedKey = "MKT-*****-*****-*****-TEST0";
            dto.installationId = "fake-installation";
        }
        dto.reason = status == LicenseStatus.ACTIVE || status == LicenseStatus.UNREGISTERED ? null : FakeReasons.of(status);
        return dto;
    }

    @Override
    public synchronized boolean isFeatureAvailable(String featureId) {
        Long expiry = features.get(featureId);
        return expiry != null && available(expiry, clock.millis());
    }

    @Override
    public synchronized ReasonDTO whyUnavailable(String featureId) {
        if (isFeatureAvailable(featureId)) {
            return null;
        }
        if (status != LicenseStatus.ACTIVE && status != LicenseStatus.GRACE) {
            return FakeReasons.of(status);
        }
        return features.containsKey(featureId) ? FakeReasons.expired(featureId) : FakeReasons.notLicensed(featureId);
    }

    @Override
    public LicenseDTO register(RegistrationDTO form) {
        throw notFaked("register");
    }

    @Override
    public LicenseDTO activateKey(String key) {
        throw notFaked("activateKey");
    }

    @Override
    public LicenseDTO applyCoupon(String coupon) {
        throw notFaked("applyCoupon");
    }

    @Override
    public LicenseDTO startTrial(String productId) {
        throw notFaked("startTrial");
    }

    @Override
    public LicenseDTO refresh() {
        throw notFaked("refresh");
    }

    /** Unregisters, as the real service does: status {@code UNREGISTERED}, no feature. */
    @Override
    public void unregister() {
        status(LicenseStatus.UNREGISTERED);
    }

    @Override
    public String offlineActivationRequest(String key) {
        throw notFaked("offlineActivationRequest");
    }

    @Override
    public LicenseDTO importOfflineToken(String tokenFile) {
        throw notFaked("importOfflineToken");
    }

    synchronized Set<String> availableFeatures() {
        Set<String> available = new TreeSet<>();
        long now = clock.millis();
        features.forEach((id, expiry) -> {
            if (available(expiry, now)) {
                available.add(id);
            }
        });
        return available;
    }

    synchronized boolean isLicensed() {
        return status == LicenseStatus.ACTIVE || status == LicenseStatus.GRACE;
    }

    private boolean available(long expiry, long now) {
        return (status == LicenseStatus.ACTIVE || status == LicenseStatus.GRACE) && (expiry == 0 || now < expiry);
    }

    private static UnsupportedOperationException notFaked(String method) {
        return new UnsupportedOperationException("FakeLicenseService does not talk to a vendor: " + method
                + " is not faked; set the state with licensed(), grant(), remove() or status()");
    }

    private void changed() {
        LicenseDTO snapshot = license();
        for (LicenseListener listener : listeners) {
            listener.licenseChanged(snapshot);
        }
    }

    /** The fake in a framework: its service and its conditions, withdrawn by {@link #close()}. */
    public final class Registration implements AutoCloseable {
        private final FeatureConditions conditions;
        private final ServiceRegistration<LicenseService> service;
        private final LicenseListener sync = license -> sync();

        Registration(BundleContext context) {
            conditions = new FeatureConditions(context);
            sync();
            addListener(sync);
            service = context.registerService(LicenseService.class, FakeLicenseService.this, new Hashtable<>());
        }

        // Called on the thread that changed the fake, which a test drives from one thread.
        private synchronized void sync() {
            conditions.match(availableFeatures(), isLicensed());
        }

        /** Withdraws the service and every condition. */
        @Override
        public synchronized void close() {
            removeListener(sync);
            service.unregister();
            conditions.close();
        }
    }
}
