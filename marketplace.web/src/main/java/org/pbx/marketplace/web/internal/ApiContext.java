package org.pbx.marketplace.web.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.http.context.ServletContextHelper;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The REST API's own HTTP Whiteboard context ({@value #NAME}, path {@value #PATH}), guarded by the
 * login of the context that {@link WebConfiguration} selects for the pages.
 *
 * <p>Why a context of its own: Aries names the servlet of every JAX-RS application
 * {@code cxf-servlet}, and Pax Web (Karaf) serves only the first servlet of a name among the
 * contexts that share a path, so an application on "/" beside Aries' default one answers 404 or
 * not depending on start order. On its own path the API is served whatever else runs.
 */
@Component(configurationPid = WebConfiguration.PID, immediate = true, service = {})
public class ApiContext {

    /** The context's name, which {@link MarketplaceApplication} selects. */
    static final String NAME = "marketplace-api";

    /** The context's path: the API's base URL. */
    static final String PATH = "/api/marketplace/v1";

    private final ServiceTracker<ServletContextHelper, ServiceRegistration<ServletContextHelper>> tracker;

    @Activate
    public ApiContext(BundleContext context, WebConfiguration config) throws InvalidSyntaxException {
        Filter filter = context.createFilter("(&(objectClass=" + ServletContextHelper.class.getName() + ")"
                + config.osgi_http_whiteboard_context_select() + ")");
        tracker = new ServiceTracker<>(context, filter, null) {
            @Override
            public ServiceRegistration<ServletContextHelper> addingService(ServiceReference<ServletContextHelper> ref) {
                if (NAME.equals(ref.getProperty(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME))) {
                    return null; // never guard the API by itself
                }
                ServletContextHelper login = context.getService(ref);
                if (login == null) {
                    return null;
                }
                Dictionary<String, Object> props = new Hashtable<>();
                props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME, NAME);
                props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_PATH, PATH);
                return context.registerService(ServletContextHelper.class, new Guarded(context, login), props);
            }

            @Override
            public void removedService(ServiceReference<ServletContextHelper> ref,
                    ServiceRegistration<ServletContextHelper> registration) {
                try {
                    registration.unregister();
                } catch (IllegalStateException e) {
                    // Already gone with the bundle.
                }
                context.ungetService(ref);
            }
        };
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    /** This bundle's resources, the selected context's login. */
    private static final class Guarded extends ServletContextHelper {
        private final ServletContextHelper login;

        Guarded(BundleContext context, ServletContextHelper login) {
            super(context.getBundle());
            this.login = login;
        }

        @Override
        public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
            return login.handleSecurity(request, response);
        }

        @Override
        public void finishSecurity(HttpServletRequest request, HttpServletResponse response) {
            login.finishSecurity(request, response);
        }
    }
}
