package org.pbx.marketplace.server.internal.http;

/** The transport-independent server: VendorServlet hands it every request, in the host and standalone alike. */
@FunctionalInterface
public interface RequestHandler {
    /** Largest request body the server reads; the servlet reads one byte more to detect excess. */
    int MAX_BODY = 64 * 1024;
    /** Largest body of a release publication (POST /admin/releases: the jar in base64 plus its entry). */
    int MAX_UPLOAD = 48 * 1024 * 1024;
    /** The path of the one request that carries a module jar. */
    String UPLOAD_PATH = "/admin/releases";

    HttpResponse handle(HttpRequest request);

    /**
     * How many body bytes a transport reads for this path (below the base path): MAX_UPLOAD for a
     * release publication, MAX_BODY for everything else. Transports read one byte more.
     */
    static int bodyLimit(String path) {
        return UPLOAD_PATH.equals(path) ? MAX_UPLOAD : MAX_BODY;
    }
}
