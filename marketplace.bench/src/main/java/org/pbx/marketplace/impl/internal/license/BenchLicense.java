package org.pbx.marketplace.impl.internal.license;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.dto.LicenseDTO;
import org.pbx.marketplace.api.dto.ReasonDTO;
import org.pbx.marketplace.api.dto.RegistrationDTO;
import org.pbx.marketplace.bench.Vendor;
import org.pbx.marketplace.impl.internal.gating.GatingPublisher;
import org.pbx.marketplace.impl.internal.protocol.InstallationIdentity;

/**
 * A real, started {@link LicenseEngine} without Declarative Services: a data folder holding a
 * token the vendor signed for this installation, read back by {@code start} exactly as after a
 * PBX restart (verify, check, evaluate, publish the gating services). Lives in the engine's
 * package because the engine is package-private.
 */
public final class BenchLicense implements LicenseService {

    final LicenseEngine engine;

    private BenchLicense(LicenseEngine engine) {
        this.engine = engine;
    }

    /** @param context where the engine's GatingPublisher registers (a real framework's) */
    public static BenchLicense start(Path dir, BundleContext context, Vendor vendor, String... features) throws Exception {
        InstallationIdentity identity = InstallationIdentity.loadOrCreate(dir.resolve("identity"));
        LicenseStore store = new LicenseStore(dir.resolve("license.json"));
        LicenseStore.Record record = new LicenseStore.Record();
        record.key = Vendor.LICENSE_KEY;
        record.token = vendor.licenseToken(identity.id(), System.currentTimeMillis() / 1000, features);
        record.serial = 1;
        record.lastCheckAt = System.currentTimeMillis();
        store.save(record);
        // KeyConfig is only written when the configured key differs from the stored one; here it never does.
        LicenseEngine engine = new LicenseEngine(identity, store, dir.resolve("trust-root.json"), new GatingPublisher(context),
                new KeyConfig(null, null), List.of(), (level, message) -> { });
        engine.start(Settings.of(new Config(), vendor.trustRoot(), null, context), true);
        if (features.length > 0 && !engine.isFeatureAvailable(features[0])) {
            throw new IllegalStateException("the engine did not accept the bench token: " + engine.license().reason);
        }
        return new BenchLicense(engine);
    }

    public void stop() {
        engine.stop();
    }

    @Override
    public boolean isFeatureAvailable(String featureId) {
        return engine.isFeatureAvailable(featureId);
    }

    @Override
    public ReasonDTO whyUnavailable(String featureId) {
        return engine.whyUnavailable(featureId);
    }

    @Override
    public LicenseDTO license() {
        return engine.license();
    }

    /** The full key (no longer LicenseService API: the admin's reveal has it). */
    public String licenseKey() {
        return engine.licenseKey();
    }

    // The benchmarks never talk to a vendor: the operations that would are refused.

    @Override
    public LicenseDTO register(RegistrationDTO form) throws LicenseException {
        throw new UnsupportedOperationException("bench");
    }

    @Override
    public LicenseDTO activateKey(String key) throws LicenseException {
        throw new UnsupportedOperationException("bench");
    }

    @Override
    public LicenseDTO applyCoupon(String coupon) throws LicenseException {
        throw new UnsupportedOperationException("bench");
    }

    @Override
    public LicenseDTO startTrial(String productId) throws LicenseException {
        throw new UnsupportedOperationException("bench");
    }

    @Override
    public LicenseDTO refresh() throws LicenseException {
        throw new UnsupportedOperationException("bench");
    }

    @Override
    public void unregister() {
        throw new UnsupportedOperationException("bench");
    }

    @Override
    public String offlineActivationRequest(String key) throws LicenseException {
        throw new UnsupportedOperationException("bench");
    }

    @Override
    public LicenseDTO importOfflineToken(String tokenFile) throws LicenseException {
        throw new UnsupportedOperationException("bench");
    }

    /** The configuration DS would pass: the stored key, a server no check will reach before the bench ends (half a day). */
    @SuppressWarnings("all")
    private static final class Config implements LicenseConfiguration {
        @Override public String licenseKey() { return Vendor.LICENSE_KEY; }
        @Override public String serverUrl() { return "http://127.0.0.1:9/vendor"; }
        @Override public int connectTimeoutSeconds() { return 5; }
        @Override public int requestTimeoutSeconds() { return 15; }
        @Override public int maxResponseKiB() { return 256; }
        @Override public int retryMinSeconds() { return 300; }
        @Override public int retryMaxSeconds() { return 21600; }
        @Override public Class<? extends Annotation> annotationType() { return LicenseConfiguration.class; }
    }
}
