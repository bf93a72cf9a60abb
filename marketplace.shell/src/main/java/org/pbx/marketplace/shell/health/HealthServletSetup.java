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
 * absent, so an operator's later edits (path, tags, {@code disabled=true}) are kept.
 */
@Component(immediate = true, service = {})
public class HealthServletSetup {

    /** The factory PID of org.apache.felix.healthcheck.core's servlet. */
    static final String SERVLET_FACTORY_PID = "org.apache.felix.hc.core.impl.servlet.HealthCheckExecutorServlet";
    /** The name of our instance: the configuration's PID is {@code <factory PID>~marketplace}. */
    static final String NAME = "marketplace";
    static final String PATH = "/system/health";

    @Activate
    public HealthServletSetup(@Reference ConfigurationAdmin admin) throws IOException {
        // "?": the servlet's bundle binds it, whichever bundle that is.
        Configuration servlet = admin.getFactoryConfiguration(SERVLET_FACTORY_PID, NAME, "?");
        if (servlet.getProperties() == null) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("servletPath", PATH);
            // Without tags in the URL the servlet runs the Marketplace's checks.
            props.put("tags", new String[] {"marketplace"});
            servlet.update(props);
        }
    }
}
