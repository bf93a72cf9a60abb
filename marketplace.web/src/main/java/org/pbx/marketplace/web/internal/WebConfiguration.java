package org.pbx.marketplace.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Where the Marketplace's pages and REST API run: the HTTP Whiteboard context they select. A PBX
 * host points this at its own admin context so its login protects the Marketplace too.
 */
@ObjectClassDefinition(name = "Marketplace web",
        description = "The HTTP Whiteboard context that serves the Marketplace pages and REST API.")
public @interface WebConfiguration {

    String PID = "org.pbx.marketplace.web";

    /** The demo admin login context (see AdminLogin); the default, so nothing is ever served unprotected. */
    String DEFAULT_CONTEXT_SELECT = "(osgi.http.whiteboard.context.name=" + AdminLogin.CONTEXT_NAME + ")";

    @AttributeDefinition(name = "Context select filter",
            description = "LDAP filter selecting the ServletContextHelper that guards the pages and the API, "
                    + "e.g. the PBX's own admin login context.")
    String osgi_http_whiteboard_context_select() default DEFAULT_CONTEXT_SELECT;
}
