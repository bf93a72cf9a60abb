package org.pbx.marketplace.web.internal;

import java.io.IOException;
import java.net.URI;
import java.util.Set;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * The API's cross-site rule for every servlet on the admin login's context and the Felix Web
 * Console's (its bundle upload installs and starts code): a request that may change state (any
 * method but GET, HEAD, OPTIONS) passes only when the browser says it comes from the same origin
 * ({@code Sec-Fetch-Site: same-origin}, or an {@code Origin} equal to the request's), or carries
 * {@code X-Requested-With}, which a cross-site form cannot send. A cross-site {@code Origin} or
 * {@code Sec-Fetch-Site} always refuses. The JAX-RS API checks its stricter rule again
 * ({@link RequestGuard}); the refusals have the same codes.
 */
@Component(service = Filter.class)
@HttpWhiteboardFilterName("marketplace.state-change-guard")
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardContextSelect(StateChangeGuard.CONTEXTS)
public class StateChangeGuard implements Filter {

    /** The admin login's context and the Web Console's own (org.apache.felix.webconsole). */
    static final String CONTEXTS = "(|(osgi.http.whiteboard.context.name=" + AdminLogin.CONTEXT_NAME + ")"
            + "(osgi.http.whiteboard.context.name=" + StateChangeGuard.CONSOLE_CONTEXT + "))";
    static final String CONSOLE_CONTEXT = "org.apache.felix.webconsole";

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public void init(javax.servlet.FilterConfig config) {
        // Nothing to set up: the rule has no configuration.
    }

    @Override
    public void destroy() {
        // Nothing held.
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String refused = SAFE.contains(request.getMethod()) ? null : refusal(request);
        if (refused == null) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletResponse response = (HttpServletResponse) res;
        SecurityHeaders.apply(response);
        byte[] body = Problems.json(Problems.of(403, refused, Language.pick(request.getHeader("Accept-Language"))));
        response.setStatus(403);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(Problems.PROBLEM_JSON);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The refusal's code, or null if the request may change state. */
    static String refusal(HttpServletRequest request) {
        String site = trimmed(request.getHeader("Sec-Fetch-Site"));
        String origin = trimmed(request.getHeader("Origin"));
        boolean header = trimmed(request.getHeader(RequestGuard.HEADER)) != null;
        URI self = self(request);
        boolean crossSite = site != null && !"same-origin".equalsIgnoreCase(site)
                || origin != null && (self == null || !RequestGuard.sameOrigin(origin, self));
        if (crossSite) {
            return header ? "CROSS_SITE" : "HEADER_MISSING";
        }
        boolean sameOrigin = "same-origin".equalsIgnoreCase(site) || origin != null;
        return sameOrigin || header ? null : "HEADER_MISSING";
    }

    private static URI self(HttpServletRequest request) {
        try {
            return URI.create(request.getRequestURL().toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
