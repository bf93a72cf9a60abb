package org.pbx.marketplace.impl.internal.license;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntBiFunction;

import org.osgi.framework.BundleContext;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.impl.internal.gating.GatingPublisher;
import org.pbx.marketplace.impl.internal.protocol.InstallationIdentity;
import org.pbx.marketplace.impl.internal.protocol.JwsVerifier;
import org.pbx.marketplace.impl.internal.protocol.ProtocolException;

/**
 * The license's parts as benchmarks and tests reach them, through {@code org.pbx.marketplace.impl.probe}
 * only: the real engine started from a stored token, and the start's check of a stored token.
 */
public final class LicenseFixtures {

    private LicenseFixtures() {
    }

    /**
     * A started engine that read a stored token back exactly as after a PBX restart (verify, check,
     * evaluate, publish the gating services into {@code context}); its server is never reached.
     */
    public static LicenseService startFromStoredToken(Path dir, BundleContext context, String key,
                                                       Map<String, String> vendorKeys,
                                                       Function<String, String> tokenForInstallation)
            throws IOException, GeneralSecurityException {
        InstallationIdentity identity = InstallationIdentity.loadOrCreate(dir.resolve("identity"));
        LicenseStore store = new LicenseStore(dir.resolve("license.json"));
        LicenseStore.Record record = new LicenseStore.Record();
        record.key = key;
        record.token = tokenForInstallation.apply(identity.id());
        record.serial = 1;
        record.lastCheckAt = System.currentTimeMillis();
        record.pinnedVendorKeys = new LinkedHashMap<>(vendorKeys);
        store.save(record);
        // KeyConfig is only written when the configured key differs from the stored one; here it never does.
        LicenseEngine engine = new LicenseEngine(identity, store, new GatingPublisher(context), new KeyConfig(null),
                java.util.List.of(), (level, message) -> { });
        engine.start(Settings.of(new FixtureConfiguration(key), context), true);
        return new LicenseComponent(engine);
    }

    /** Stops an engine {@link #startFromStoredToken} started. */
    public static void stop(LicenseService license) {
        ((LicenseComponent) license).deactivate();
    }

    /** The start's check of a stored token (signature, claims, installation, key); answers its feature count. */
    public static ToIntBiFunction<String, String> storedTokenCheck(Map<String, java.security.PublicKey> vendorKeys,
                                                                   String installationId) {
        LicenseProtocol protocol = new LicenseProtocol(null, new JwsVerifier(vendorKeys), installationId,
                new LicenseClock());
        return (jws, key) -> {
            try {
                return protocol.restore(jws, key).featureExpiry.size();
            } catch (ProtocolException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** The configuration DS would pass: the stored key, a server no check reaches before a run ends (half a day). */
    @SuppressWarnings("all")
    private static final class FixtureConfiguration implements LicenseConfiguration {
        private final String key;

        FixtureConfiguration(String key) {
            this.key = key;
        }

        @Override public String licenseKey() { return key; }
        @Override public String serverUrl() { return "http://127.0.0.1:9/vendor"; }
        @Override public String[] vendorKeys() { return new String[0]; }
        @Override public int connectTimeoutSeconds() { return 5; }
        @Override public int requestTimeoutSeconds() { return 15; }
        @Override public int maxResponseKiB() { return 256; }
        @Override public int retryMinSeconds() { return 300; }
        @Override public int retryMaxSeconds() { return 21600; }
        @Override public Class<? extends java.lang.annotation.Annotation> annotationType() { return LicenseConfiguration.class; }
    }
}
