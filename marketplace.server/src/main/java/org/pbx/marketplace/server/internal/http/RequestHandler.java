package org.pbx.marketplace.server.internal.http;

/** The transport-independent server: VendorServlet hands it every request, in the host and standalone alike. */
@FunctionalInterface
public interface RequestHandler {
    /** Largest request body the server reads; the servlet reads one byte more to detect excess. */
    int MAX_BODY = 64 * 1024;

    HttpResponse handle(HttpRequest request);
}
