package org.pbx.marketplace.impl.internal.license;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.osgi.framework.BundleContext;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.impl.internal.gating.GatingPublisher;
import org.pbx.marketplace.impl.internal.protocol.InstallationIdentity;
import org.pbx.marketplace.impl.internal.protocol.JwsVerifier;
import org.pbx.marketplace.impl.internal.protocol.ProtocolException;

/**
 * The way in for org.pbx.marketplace.impl.testsupport (and nothing else): the engine and the token
 * check are package-private, so the exported facade reaches them through here.
 */
public final class TestSupportAccess {

    private TestSupportAccess() {
    }

    /** A started engine and the real service around it. */
    public static final class Started {
        private final LicenseEngine engine;
        private final LicenseService service;

        Started(LicenseEngine engine) {
            this.engine = engine;
            this.service = new LicenseServiceImpl(engine);
        }

        public LicenseService service() {
            return service;
        }

        public void stop() {
            engine.stop();
        }
    }

    /**
     * A real {@link LicenseEngine} without DS: {@code dir} holds a stored token the vendor signed for this
     * installation, read back by {@code start} exactly as after a PBX restart (verify, check, evaluate,
     * publish the gating services in {@code context}'s framework).
     */
    public static Started start(Path dir, BundleContext context, String trustRoot, String licenseKey,
                                Function<String, String> tokenForInstallation) throws Exception {
        InstallationIdentity identity = InstallationIdentity.loadOrCreate(dir.resolve("identity"));
        LicenseStore store = new LicenseStore(dir.resolve("license.json"));
        LicenseStore.Record record = new LicenseStore.Record();
        record.key = licenseKey;
        record.token = tokenForInstallation.apply(identity.id());
        record.serial = 1;
        record.lastCheckAt = System.currentTimeMillis();
        store.save(record);
        // KeyConfig is only written when the configured key differs from the stored one; here it never does.
        LicenseEngine engine = new LicenseEngine(identity, store, dir.resolve("trust-root.json"), new GatingPublisher(context),
                new KeyConfig(null, null), List.of(), (level, message) -> { }, id -> null); // no catalog: features by id
        engine.start(Settings.of(new Config(licenseKey), trustRoot, null, context), true);
        return new Started(engine);
    }

    /** What the PBX does with a stored token at start: LicenseProtocol.restore, never a vendor call. */
    public static final class TokenRestore {
        private final LicenseProtocol protocol;

        public TokenRestore(Map<String, PublicKey> pinned, String installationId) {
            protocol = new LicenseProtocol(null, new JwsVerifier(pinned), installationId, Clock.systemUTC());
        }

        /** @return the verified token (its type is package-private) */
        public Object restore(String jws, String key) throws ProtocolException {
            return protocol.restore(jws, key);
        }

        /** The features a token returned by {@link #restore} grants. */
        public Set<String> features(Object token) {
            return ((Token) token).featureExpiry.keySet();
        }
    }

    /** The configuration DS would pass: the stored key, a server no check will reach before a bench ends (half a day). */
    @SuppressWarnings("all")
    private static final class Config implements LicenseConfiguration {
        private final String key;

        Config(String key) {
            this.key = key;
        }

        @Override public String licenseKey() { return key; }
        @Override public String serverUrl() { return "http://127.0.0.1:9/vendor"; }
        @Override public int connectTimeoutSeconds() { return 5; }
        @Override public int requestTimeoutSeconds() { return 15; }
        @Override public int maxResponseKiB() { return 256; }
        @Override public int retryMinSeconds() { return 300; }
        @Override public int retryMaxSeconds() { return 21600; }
        @Override public Class<? extends Annotation> annotationType() { return LicenseConfiguration.class; }
    }
}
