package org.pbx.marketplace.web.internal;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.MultivaluedMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * Adds the security headers to every API answer, refusals and errors included.
 */
@Component(service = ContainerResponseFilter.class)
@JaxrsExtension
@JaxrsName("marketplace.response-headers")
@JaxrsApplicationSelect(MarketplaceApplication.SELECT)
public class ResponseHeaders implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("X-Content-Type-Options", SecurityHeaders.NOSNIFF);
        headers.putSingle("Content-Security-Policy", SecurityHeaders.API_POLICY);
        headers.putSingle("Referrer-Policy", "same-origin");
        if (!headers.containsKey("Cache-Control")) {
            // License data is per PBX and changes with every operation: never serve it from a cache.
            headers.putSingle("Cache-Control", "no-store");
        }
    }
}
