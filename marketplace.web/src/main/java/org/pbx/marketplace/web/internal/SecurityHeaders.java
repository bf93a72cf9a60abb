package org.pbx.marketplace.web.internal;

import javax.servlet.http.HttpServletResponse;

/**
 * The headers every answer of the Marketplace carries: no content sniffing, and a
 * Content-Security-Policy that allows only the bundle's own scripts and styles (no inline script),
 * so text a user typed can never run as code even if it slipped through unescaped.
 */
final class SecurityHeaders {

    static final String NOSNIFF = "nosniff";
    /** For the pages: same-origin resources only; framing only by the PBX's own admin pages. */
    static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'";
    /** For the API: nothing in a JSON answer may load or run anything. */
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    private SecurityHeaders() {
    }

    static void apply(HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", NOSNIFF);
        response.setHeader("Content-Security-Policy", PAGE_POLICY);
        response.setHeader("Referrer-Policy", "same-origin");
    }
}
