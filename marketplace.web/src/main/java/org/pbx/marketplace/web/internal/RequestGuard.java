package org.pbx.marketplace.web.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * Checks every API request before any resource sees it: a state-changing request must come from
 * the Marketplace's own page or a script (header {@value #HEADER}: {@value #HEADER_VALUE}, which a
 * cross-site form cannot send) and, when the browser says where it comes from, from the same
 * origin; a body is read at most {@value #MAX_BODY} bytes far, so an endless body is refused
 * before any parsing.
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsName("marketplace.request-guard")
@JaxrsApplicationSelect(MarketplaceApplication.SELECT)
@PreMatching
public class RequestGuard implements ContainerRequestFilter {

    static final String HEADER = "X-Requested-With";
    static final String HEADER_VALUE = "marketplace";
    static final int MAX_BODY = 64 * 1024;

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String language = Language.pick(request.getHeaderString("Accept-Language"));
        if (!SAFE.contains(request.getMethod())) {
            String refused = crossSiteRefusal(request);
            if (refused != null) {
                request.abortWith(Problems.response(Problems.of(403, refused, language)));
                return;
            }
        }
        if (request.hasEntity() && !capBody(request)) {
            request.abortWith(Problems.response(Problems.of(413, "BODY_TOO_LARGE", language, MAX_BODY / 1024)));
        }
    }

    /** The refusal's code, or null if the request may change state. */
    private static String crossSiteRefusal(ContainerRequestContext request) {
        if (!HEADER_VALUE.equals(request.getHeaderString(HEADER))) {
            return "HEADER_MISSING";
        }
        String site = request.getHeaderString("Sec-Fetch-Site");
        if (site != null && !"same-origin".equalsIgnoreCase(site.trim())) {
            return "CROSS_SITE";
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && !sameOrigin(origin.trim(), request.getUriInfo().getRequestUri())) {
            return "CROSS_SITE";
        }
        return null;
    }

    static boolean sameOrigin(String origin, URI request) {
        try {
            URI from = URI.create(origin);
            return from.getScheme() != null && from.getHost() != null
                    && from.getScheme().equalsIgnoreCase(request.getScheme())
                    && from.getHost().equalsIgnoreCase(request.getHost())
                    && port(from) == port(request);
        } catch (IllegalArgumentException e) {
            // "null" (a sandboxed or file: page) and garbage are not our origin.
            return false;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
    }

    /** Reads the body into memory up to the cap; false if it is larger. */
    private static boolean capBody(ContainerRequestContext request) throws IOException {
        String length = request.getHeaderString("Content-Length");
        if (length != null && length.trim().matches("\\d{1,18}") && Long.parseLong(length.trim()) > MAX_BODY) {
            return false;
        }
        try (InputStream in = request.getEntityStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                return false;
            }
            request.setEntityStream(new ByteArrayInputStream(body));
            return true;
        }
    }
}
