package org.pbx.marketplace.server.internal.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
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
import org.pbx.marketplace.server.internal.VendorCore;
import org.pbx.marketplace.server.internal.http.DisabledHandler;
import org.pbx.marketplace.server.internal.http.HttpRequest;
import org.pbx.marketplace.server.internal.http.HttpResponse;
import org.pbx.marketplace.server.internal.http.RequestHandler;

/**
 * The vendor server inside the demo host, so the host's license server URL can point at itself
 * (http://HOST:PORT/vendor) and the marketplace works with no network.
 */
@Component(name = VendorServerComponent.PID, service = Servlet.class, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = VendorServerConfiguration.class)
@HttpWhiteboardServletName("marketplace.vendor-server")
@HttpWhiteboardServletPattern("/vendor/*")
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=default)")
public class VendorServerComponent extends HttpServlet {
    public static final String PID = "org.pbx.marketplace.server";
    private static final long serialVersionUID = 1L;

    private transient VendorCore core;
    private transient volatile RequestHandler handler;

    @Activate
    void activate(BundleContext context, VendorServerConfiguration config) {
        if (!config.enabled()) {
            handler = new DisabledHandler();
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
                .registrationLimits(config.registrationsPerClientPerHour(), config.lettersPerAddressPerDay())
                .sentLetterRetention(Duration.ofDays(config.sentLetterRetentionDays()))
                .build();
        core = VendorCore.open(settings);
        core.publicBase(publicBase(context, config));
        handler = core.handler();
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

    @Deactivate
    void deactivate() {
        handler = new DisabledHandler();
        if (core != null) {
            core.close();
            core = null;
        }
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        byte[] body;
        try (InputStream in = req.getInputStream()) {
            body = in.readNBytes(RequestHandler.MAX_BODY + 1);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), Collections.list(req.getHeaders(name)));
        }
        String basePath = req.getContextPath() + req.getServletPath();
        String uri = req.getRequestURI();
        String path = uri.startsWith(basePath) ? uri.substring(basePath.length()) : uri;
        HttpResponse response = handler.handle(new HttpRequest(req.getMethod(), basePath, path, req.getQueryString(),
                headers, body, req.getRemoteAddr()));
        resp.setStatus(response.status());
        response.headers().forEach((name, values) -> values.forEach(value -> resp.addHeader(name, value)));
        if (response.body().length > 0) {
            resp.setContentLength(response.body().length);
            try (OutputStream out = resp.getOutputStream()) {
                out.write(response.body());
            }
        }
    }
}
