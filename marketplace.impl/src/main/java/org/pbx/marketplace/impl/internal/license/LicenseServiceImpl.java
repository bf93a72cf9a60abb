package org.pbx.marketplace.impl.internal.license;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceListener;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.api.LicenseListener;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.dto.LicenseDTO;
import org.pbx.marketplace.api.dto.ReasonDTO;
import org.pbx.marketplace.api.dto.RegistrationDTO;
import org.pbx.marketplace.impl.internal.gating.GatingPublisher;
import org.pbx.marketplace.impl.internal.protocol.InstallationIdentity;
import org.pbx.marketplace.impl.internal.protocol.VendorChannel;

/**
 * The PBX's license as an OSGi service: a thin component around {@link LicenseEngine}, which
 * holds the state and talks to the vendor. The component owns the OSGi side: configuration,
 * the data area, the registry (gating), listeners and an injectable clock.
 */
@Component(service = {LicenseService.class, VendorChannel.class},
        configurationPid = LicenseConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = LicenseConfiguration.class)
public class LicenseServiceImpl implements LicenseService, VendorChannel {

    /** Service property of a {@link Clock} service that replaces the system clock (tests, simulations). */
    public static final String CLOCK_PROPERTY = "marketplace.clock";

    private final List<LicenseListener> listeners = new CopyOnWriteArrayList<>();
    private final BundleContext context;
    private final Logger logger;
    private final LicenseEngine engine;
    private final LicensedFeatures features;
    private volatile TrustRootSource trust;
    private volatile LicenseConfiguration config;
    private volatile Map<String, Object> properties;
    private volatile String localVendor;
    private ServiceListener httpRuntime;

    @Activate
    public LicenseServiceImpl(BundleContext context, @Reference ConfigurationAdmin configAdmin,
                              @Reference(service = LoggerFactory.class) Logger logger,
                              LicenseConfiguration config, Map<String, Object> properties, @Reference FeatureNames names)
            throws IOException, GeneralSecurityException {
        this.context = context;
        this.logger = logger;
        Path data = context.getDataFile("license").toPath();
        InstallationIdentity identity = InstallationIdentity.loadOrCreate(data);
        engine = new LicenseEngine(identity, new LicenseStore(data.resolve("license.json")), data.resolve("trust-root.json"),
                new GatingPublisher(context), new KeyConfig(configAdmin, ConfigAdminStore.folder(context)), listeners, this::log, names::of);
        features = engine.features();
        engine.describe(new SelfReport(context.getProperty(SelfReport.HOST_NAME_PROPERTY),
                context.getProperty(org.pbx.marketplace.api.HostConstants.HOST_VERSION)));
        this.config = config;
        this.properties = properties;
    }

    /**
     * The same service around an engine started without DS (the benchmarks' {@code StartedLicense} in
     * org.pbx.marketplace.impl.testsupport): every LicenseService method as here; never activated.
     */
    LicenseServiceImpl(LicenseEngine engine) {
        this.context = null;
        this.logger = null;
        this.engine = engine;
        features = engine.features();
    }

    /** After the references are bound, so the engine starts with the trust root, if there is one. */
    @Activate
    void start() {
        engine.start(settings(), isConfigured(properties));
        // The default server URL follows the HTTP runtime's port, which may come after this component.
        // (Its change count moves with every servlet, so only a new URL reconfigures.)
        httpRuntime = LocalVendor.watch(context, this::httpRuntimeChanged);
        httpRuntimeChanged(); // one that came while this was starting
    }

    private void httpRuntimeChanged() {
        String url = LocalVendor.url(context);
        if (!url.equals(localVendor)) {
            logger.info("The reference vendor server inside this PBX is now expected at {} (HTTP runtime's endpoint)", url);
            modified(config, properties);
        }
    }

    @Modified
    void modified(LicenseConfiguration config, Map<String, Object> properties) {
        this.config = config;
        this.properties = properties;
        engine.reconfigure(settings(), isConfigured(properties));
    }

    /** The settings, with the default vendor URL they use remembered for the HTTP runtime watch. */
    private Settings settings() {
        String url = LocalVendor.url(context);
        localVendor = url;
        return Settings.of(config, trust, url);
    }

    /**
     * The trust root source is bound before the engine starts (static, mandatory: a stored token is verified
     * at once, the gated features never flap at start); a changed root arrives through {@link #trustUpdated}.
     */
    @Reference(updated = "trustUpdated")
    void setTrust(TrustRootSource source) {
        trust = source;
        if (engine.started()) {
            engine.reconfigure(settings(), isConfigured(properties));
        }
    }

    void trustUpdated(TrustRootSource source) {
        setTrust(source);
    }

    /**
     * Whether the license configuration exists at all (absent: never made, or lost in a crash).
     */
    static boolean isConfigured(Map<String, Object> properties) {
        Object pids = properties.get("service.pid");
        if (pids instanceof String[]) {
            return java.util.Arrays.asList((String[]) pids).contains(LicenseConfiguration.PID);
        }
        if (pids instanceof java.util.Collection) {
            return ((java.util.Collection<?>) pids).contains(LicenseConfiguration.PID);
        }
        return LicenseConfiguration.PID.equals(pids);
    }

    @Deactivate
    void deactivate() {
        context.removeServiceListener(httpRuntime);
        engine.stop();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(LicenseListener listener) {
        listeners.add(listener);
        // A listener that comes after the license was set learns it at once, not at the next change.
        engine.welcome(listener);
    }

    void removeListener(LicenseListener listener) {
        listeners.remove(listener);
    }

    /** A clock service replaces the system clock; updating its properties makes the license re-evaluate. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + CLOCK_PROPERTY + "=*)",
            updated = "clockUpdated")
    void setClock(Clock clock) {
        engine.useClock(clock);
    }

    void clockUpdated(Clock clock) {
        engine.useClock(clock);
    }

    void unsetClock(Clock clock) {
        engine.useClock(null);
    }

    @Override
    public LicenseDTO license() {
        return engine.license();
    }

    @Override
    public boolean isFeatureAvailable(String featureId) {
        return features.contains(featureId);
    }

    @Override
    public ReasonDTO whyUnavailable(String featureId) {
        return engine.whyUnavailable(featureId);
    }

    @Override
    public LicenseDTO register(RegistrationDTO form) throws LicenseException {
        return engine.register(form);
    }

    @Override
    public LicenseDTO activateKey(String key) throws LicenseException {
        return engine.activateKey(key);
    }

    @Override
    public LicenseDTO applyCoupon(String coupon) throws LicenseException {
        return engine.applyCoupon(coupon);
    }

    @Override
    public LicenseDTO startTrial(String productId) throws LicenseException {
        return engine.startTrial(productId);
    }

    @Override
    public LicenseDTO refresh() throws LicenseException {
        return engine.refresh();
    }

    @Override
    public void unregister() {
        engine.unregister();
    }

    @Override
    public String offlineActivationRequest(String key) throws LicenseException {
        return engine.offlineActivationRequest(key);
    }

    @Override
    public LicenseDTO importOfflineToken(String tokenFile) throws LicenseException {
        return engine.importOfflineToken(tokenFile);
    }

    /** The full key, for this bundle's vendor calls (VendorChannel) and the admin's reveal; no longer module API. */
    @Override
    public String licenseKey() {
        return engine.licenseKey();
    }

    @Override
    public Connection connection() throws LicenseException {
        return engine.connection();
    }

    @Override
    public void onTrustChange(Runnable listener) {
        engine.onTrustChange(listener);
    }

    @Override
    public void removeTrustListener(Runnable listener) {
        engine.removeTrustListener(listener);
    }

    private void log(LicenseEngine.Level level, String message) {
        switch (level) {
            case DEBUG: logger.debug(message); break;
            case INFO: logger.info(message); break;
            case WARN: logger.warn(message); break;
            default: logger.error(message); break;
        }
    }
}
