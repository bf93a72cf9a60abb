package org.pbx.marketplace.shell.health;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Switches on the Felix health check servlet at {@value #PATH}: its component needs a factory
 * configuration, and the host has no other place to ship one. It is created once, only when
 * absent, so an operator's later edits (path, tags, {@code disabled=true}) are kept. It runs behind
 * the admin login (context {@value #ADMIN_CONTEXT}): its answers tell the license status and the
 * paid modules installed.
 */
@Component(immediate = true, service = {})
public class HealthServletSetup {

    /** The factory PID of org.apache.felix.healthcheck.core's servlet. */
    static final String SERVLET_FACTORY_PID = "org.apache.felix.hc.core.impl.servlet.HealthCheckExecutorServlet";
    /** The name of our instance: the configuration's PID is {@code <factory PID>~marketplace}. */
    static final String NAME = "marketplace";
    static final String PATH = "/system/health";
    /** The servlet's property naming its HTTP Whiteboard context. */
    static final String CONTEXT_NAME = "servletContextName";
    /** The web bundle's admin login context; a PBX with its own login sets servletContextName to its context. */
    static final String ADMIN_CONTEXT = "marketplace-admin";

    @Activate
    public HealthServletSetup(@Reference ConfigurationAdmin admin) throws IOException {
        // "?": the servlet's bundle binds it, whichever bundle that is.
        Configuration servlet = admin.getFactoryConfiguration(SERVLET_FACTORY_PID, NAME, "?");
        Dictionary<String, Object> props = servlet.getProperties();
        if (props == null) {
            props = new Hashtable<>();
            props.put("servletPath", PATH);
            // Without tags in the URL the servlet runs the Marketplace's checks.
            props.put("tags", new String[] {"marketplace"});
            behindTheLogin(props);
            servlet.update(props);
        } else if (props.get(CONTEXT_NAME) == null) {
            // A servlet set up by an older version was public: it tells license status and paid modules.
            behindTheLogin(props);
            servlet.update(props);
        }
    }

    /** In the admin login's context (the web bundle's default), never the public default context; no CORS. */
    private static void behindTheLogin(Dictionary<String, Object> props) {
        props.put(CONTEXT_NAME, ADMIN_CONTEXT);
        props.put("cors.accessControlAllowOrigin", "");
    }
}
