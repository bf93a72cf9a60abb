package org.pbx.marketplace.web.internal;

import javax.ws.rs.core.Application;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * The one JAX-RS application every Marketplace resource selects, so the API has one base path
 * and one set of extensions, apart from whatever else the PBX registers on the default one.
 * It runs in its own HTTP Whiteboard context ({@link ApiContext}, at {@value ApiContext#PATH}), which
 * has the login of the context that {@link WebConfiguration} selects.
 */
@Component(service = Application.class)
@HttpWhiteboardContextSelect("(" + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + ApiContext.NAME + ")")
@JaxrsName(MarketplaceApplication.NAME)
@JaxrsApplicationBase(MarketplaceApplication.BASE)
@JSONRequired
public class MarketplaceApplication extends Application {

    /** The application's osgi.jaxrs.name. */
    public static final String NAME = "marketplace";

    /** Where the application is mounted, below its context's path ({@value ApiContext#PATH}). */
    public static final String BASE = "/";

    /** Filter resources use to select this application. */
    public static final String SELECT = "(osgi.jaxrs.name=" + NAME + ")";
}
