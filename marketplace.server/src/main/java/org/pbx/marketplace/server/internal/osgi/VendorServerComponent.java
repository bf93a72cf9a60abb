package org.pbx.marketplace.server.internal.osgi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.servlet.Servlet;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.osgi.service.metatype.annotations.Designate;
import org.pbx.marketplace.server.VendorServerSettings;
import org.pbx.marketplace.server.internal.catalog.DevModules;
import org.pbx.marketplace.server.internal.catalog.ReleasePublisher;
import org.pbx.marketplace.server.internal.VendorCore;
import org.pbx.marketplace.server.internal.error.ErrorCode;
import org.pbx.marketplace.server.internal.http.DisabledHandler;
import org.pbx.marketplace.server.internal.http.Json;
import org.pbx.marketplace.server.internal.http.StartingHandler;
import org.pbx.marketplace.server.internal.http.TrustedProxies;
import org.pbx.marketplace.server.internal.http.VendorServlet;

/**
 * The vendor server inside the demo host, so the host's license server URL can point at itself
 * (http://HOST:PORT/vendor) and the marketplace works with no network.
 */
@Component(name = VendorServerComponent.PID, service = Servlet.class, immediate = true, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = VendorServerConfiguration.class)
@HttpWhiteboardServletName("marketplace.vendor-server")
@HttpWhiteboardServletPattern("/vendor/*")
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=default)")
public class VendorServerComponent extends VendorServlet {
    private static final System.Logger LOG = System.getLogger(VendorServerComponent.class.getName());
    public static final String PID = "org.pbx.marketplace.server";
    /** Framework property by which a runtime (the demo host, the test runtime) asks for the demo vendor. */
    public static final String DEMO_DATA_PROPERTY = "pbx.vendor.demoData";
    private static final long serialVersionUID = 1L;

    private transient volatile VendorCore core;
    private transient boolean demo;
    private transient Path dataDirectory;
    private transient Thread starter;
    private transient ServiceRegistration<DemoVendor> demoRegistration;
    private transient boolean stopped;
    private final transient java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);

    /** Opens the vendor core from its settings (database, migrations, keys); a test's may fail on cue. */
    private final transient java.util.function.Function<VendorServerSettings, VendorCore> opener;

    public VendorServerComponent() {
        this(VendorCore::open);
    }

    VendorServerComponent(java.util.function.Function<VendorServerSettings, VendorCore> opener) {
        super(new DisabledHandler(), TrustedProxies.NONE);
        this.opener = opener;
    }

    @Activate
    void activate(BundleContext context, VendorServerConfiguration config) {
        if (!config.enabled()) {
            return;
        }
        VendorServerSettings settings = VendorServerSettings.builder(dataFolder(context, config))
                .tokenLifetime(Duration.ofSeconds(config.tokenLifetimeSeconds()))
                .offlineGrace(Duration.ofSeconds(config.offlineGraceSeconds()))
                .catalogLifetime(Duration.ofSeconds(config.catalogLifetimeSeconds()))
                .sessionIdle(Duration.ofSeconds(config.sessionIdleSeconds()))
                .publicUrl(config.publicUrl().isBlank() ? null : config.publicUrl())
                .smtp(config.smtpHost(), config.smtpPort(),
                        VendorServerSettings.SmtpSecurity.valueOf(config.smtpSecurity().trim().toUpperCase(Locale.ROOT)))
                .smtpAuth(config.smtpUser(), config.smtpPassword())
                .mailFrom(config.mailFrom())
                .adminToken(config.adminToken())
                .demoData(config.demoData() || Boolean.parseBoolean(context.getProperty(DEMO_DATA_PROPERTY)))
                .registrationLimits(config.registrationsPerClientPerHour(), config.lettersPerAddressPerDay())
                .sentLetterRetention(Duration.ofDays(config.sentLetterRetentionDays()))
                .build();
        dataDirectory = settings.dataDirectory();
        demo = settings.demoData();
        String base = publicBase(context, config);
        // Opening the database, its migrations and the demo data takes seconds: on a thread of its own, so
        // that this activation (and whoever asks SCR for the servlet meanwhile) never waits for it; until
        // then the servlet answers 503 E_STARTING with Retry-After.
        serve(new StartingHandler(), TrustedProxies.NONE);
        starter = new Thread(() -> open(context, settings, base), "marketplace-vendor-server-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void open(BundleContext context, VendorServerSettings settings, String base) {
        try {
            openCore(context, settings, base);
        } finally {
            started.countDown();
        }
    }

    /** For tests: whether the start begun by activation has ended (started or failed) within {@code timeout}. */
    boolean awaitStarted(Duration timeout) throws InterruptedException {
        return started.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void openCore(BundleContext context, VendorServerSettings settings, String base) {
        VendorCore opened;
        try {
            opened = opener.apply(settings);
            opened.publicBase(base);
        } catch (RuntimeException e) {
            boolean stoppedMeanwhile;
            synchronized (this) {
                // Deactivated while it was starting: /vendor stays disabled, a failed start does not bring it back as 500.
                stoppedMeanwhile = stopped;
                if (!stoppedMeanwhile) {
                    serve(request -> Json.error(ErrorCode.E_INTERNAL, null), TrustedProxies.NONE);
                }
            }
            LOG.log(System.Logger.Level.ERROR, "The vendor server in this host did not start (data folder "
                    + settings.dataDirectory() + "); " + (stoppedMeanwhile ? "it was stopped meanwhile"
                    : "/vendor answers 500 E_INTERNAL until it is restarted"), e);
            return;
        }
        synchronized (this) {
            if (stopped) {
                opened.close();
                return;
            }
            core = opened;
            // The host's Jetty is the first hop here; a proxy in front of the host is the host's business.
            serve(opened.handler(), TrustedProxies.NONE);
            if (demo) {
                demoRegistration = context.registerService(DemoVendor.class, new DemoVendor() {
                    @Override
                    public String root() {
                        return opened.trust().document(1);
                    }

                    @Override
                    public List<String> publishDevModules(String property) {
                        return VendorServerComponent.this.publishDevModules(opened, property);
                    }
                }, null);
            }
        }
    }

    /** Where letters point: the configured public URL, else this host's HTTP port on localhost. */
    static String publicBase(BundleContext context, VendorServerConfiguration config) {
        if (!config.publicUrl().isBlank()) {
            return config.publicUrl();
        }
        String port = context.getProperty("org.osgi.service.http.port");
        return "http://localhost:" + (port == null || port.isBlank() ? "8080" : port.trim()) + "/vendor";
    }

    static Path dataFolder(BundleContext context, VendorServerConfiguration config) {
        if (!config.dataFolder().isBlank()) {
            return Path.of(config.dataFolder());
        }
        String pbxData = context.getProperty("pbx.data");
        return pbxData == null || pbxData.isBlank() ? Path.of("vendor-data") : Path.of(pbxData, "vendor-server");
    }

    /**
     * A module developer's own modules in the demo vendor's catalog (docs/module-developers.md §8), from
     * the framework property {@value DevModules#PROPERTY}. Called by {@link DemoRootPin} on its own thread
     * before it pins the root, so the PBX's first catalog has them.
     */
    private List<String> publishDevModules(VendorCore running, String property) {
        if (property == null || property.isBlank()) {
            return List.of();
        }
        return DevModules.publish(property, running.admin(),
                new ReleasePublisher(running.database(), dataDirectory, java.time.Clock.systemUTC()));
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        VendorCore running;
        synchronized (this) {
            stopped = true;
            if (demoRegistration != null) {
                demoRegistration.unregister();
                demoRegistration = null;
            }
            serve(new DisabledHandler(), TrustedProxies.NONE);
            running = core;
            core = null;
        }
        if (running != null) {
            running.close();
        }
        if (starter != null) {
            // A start still under way closes what it opened itself once it sees "stopped".
            starter.join(Duration.ofSeconds(30).toMillis());
        }
    }
}
