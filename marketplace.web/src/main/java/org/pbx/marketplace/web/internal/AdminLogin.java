package org.pbx.marketplace.web.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.Dictionary;
import java.util.Hashtable;

import javax.servlet.Servlet;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.context.ServletContextHelper;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.pbx.marketplace.api.HostConstants;

/**
 * Offers the demo host's admin login context ({@value #CONTEXT_NAME}), which the Marketplace's
 * pages and API select by default. It lives in the web bundle, on by default, so every runtime
 * that runs the Marketplace is protected out of the box; a PBX with its own admin login switches
 * it off ({@code enabled=false}) and selects its own context instead (see {@link WebConfiguration}).
 */
@Component(configurationPid = AdminLoginConfiguration.PID, immediate = true, service = {})
@Designate(ocd = AdminLoginConfiguration.class)
public class AdminLogin {

    static final String CONTEXT_NAME = "marketplace-admin";
    static final String USER = "admin";

    private final BundleContext context;
    private final Logger log;
    private BasicAuthContext login;
    private ServiceRegistration<ServletContextHelper> registration;
    private ServiceRegistration<Servlet> root;

    @Activate
    public AdminLogin(BundleContext context, @Reference(service = LoggerFactory.class) Logger log,
            AdminLoginConfiguration config) throws IOException {
        this.context = context;
        this.log = log;
        apply(config);
    }

    @Modified
    void modified(AdminLoginConfiguration config) throws IOException {
        apply(config);
    }

    @Deactivate
    void deactivate() {
        withdraw();
    }

    private synchronized void apply(AdminLoginConfiguration config) throws IOException {
        if (!config.enabled()) {
            withdraw();
            return;
        }
        String password = password(config.password());
        if (login != null) {
            login.setPassword(password);
            return;
        }
        login = new BasicAuthContext(context.getBundle(), password, new LoginThrottle(Clock.systemUTC()));
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME, CONTEXT_NAME);
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_PATH, "/");
        registration = context.registerService(ServletContextHelper.class, login, props);
        // This login fronts the whole host: its root leads to the Marketplace.
        Dictionary<String, Object> rootProps = new Hashtable<>();
        rootProps.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, "marketplace-root");
        rootProps.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, RootRedirect.PATTERN);
        rootProps.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT,
                "(" + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + CONTEXT_NAME + ")");
        root = context.registerService(Servlet.class, new RootRedirect(), rootProps);
    }

    private synchronized void withdraw() {
        if (root != null) {
            try {
                root.unregister();
            } catch (IllegalStateException e) {
                // Already gone with the bundle.
            }
        }
        root = null;
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // Already gone with the bundle.
            }
        }
        registration = null;
        login = null;
    }

    /** The configured password, else the stored one, else a new one whose file the log names. */
    private String password(String configured) throws IOException {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        AdminPassword file = new AdminPassword(dataFolder());
        String stored = file.stored();
        if (stored != null) {
            return stored;
        }
        String generated = file.generate();
        // Never the password itself in a log (logs are shipped and kept): the file's path, which only its owner can read.
        log.warn("Marketplace admin login: user \"{}\", a password was generated into {} (readable by its owner only);"
                + " set your own in configuration {}", USER, file.file(), AdminLoginConfiguration.PID);
        return generated;
    }

    private Path dataFolder() {
        String data = context.getProperty(HostConstants.DATA_FOLDER);
        return data != null ? Paths.get(data) : context.getDataFile("").toPath();
    }
}
