package org.pbx.marketplace.web.internal;

import java.io.IOException;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The host's root, {@code /}, while the Marketplace's own admin login fronts the host ({@link AdminLogin}):
 * it leads to the Marketplace rather than to the JAX-RS runtime's bare "No service was found.". A PBX
 * with its own admin login has its own root page, so this is registered only with the demo login.
 */
final class RootRedirect extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The servlet pattern of the context root only ("/" itself), nothing below it. */
    static final String PATTERN = "";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SecurityHeaders.apply(response);
        response.setHeader("Cache-Control", "no-store");
        response.sendRedirect(ModulePageGone.MARKETPLACE);
    }
}
