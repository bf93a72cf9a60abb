package org.pbx.marketplace.server.internal.osgi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.servlet.Servlet;
import org.osgi.framework.BundleContext;
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
import org.pbx.marketplace.server.internal.http.DisabledHandler;
import org.pbx.marketplace.server.internal.http.TrustedProxies;
import org.pbx.marketplace.server.internal.http.VendorServlet;

/**
 * The vendor server inside the demo host, so the host's license server URL can point at itself
 * (http://HOST:PORT/vendor) and the marketplace works with no network.
 */
@Component(name = VendorServerComponent.PID, service = Servlet.class, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = VendorServerConfiguration.class)
@HttpWhiteboardServletName("marketplace.vendor-server")
@HttpWhiteboardServletPattern("/vendor/*")
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=default)")
public class VendorServerComponent extends VendorServlet {
    public static final String PID = "org.pbx.marketplace.server";
    /** Framework property by which a runtime (the demo host, the test runtime) asks for the demo vendor. */
    public static final String DEMO_DATA_PROPERTY = "pbx.vendor.demoData";
    private static final long serialVersionUID = 1L;

    private transient VendorCore core;
    private transient boolean demo;
    private transient Path dataDirectory;

    public VendorServerComponent() {
        super(new DisabledHandler(), TrustedProxies.NONE);
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
        core = VendorCore.open(settings);
        dataDirectory = settings.dataDirectory();
        demo = settings.demoData();
        core.publicBase(publicBase(context, config));
        // The host's Jetty is the first hop here; a proxy in front of the host is the host's business.
        serve(core.handler(), TrustedProxies.NONE);
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
     * before it pins the root, so the PBX's first catalog has them and this activation stays short.
     */
    List<String> publishDevModules(String property) {
        VendorCore running = core;
        if (running == null || !demo || property == null || property.isBlank()) {
            return List.of();
        }
        return DevModules.publish(property, running.admin(),
                new ReleasePublisher(running.database(), dataDirectory, java.time.Clock.systemUTC()));
    }

    /** The demo vendor's first trust root, for {@link DemoRootPin}; null unless this server runs the demo vendor. */
    String demoRoot() {
        VendorCore running = core;
        return running == null || !demo ? null : running.trust().document(1);
    }

    @Deactivate
    void deactivate() {
        serve(new DisabledHandler(), TrustedProxies.NONE);
        if (core != null) {
            core.close();
            core = null;
        }
    }
}
