package org.pbx.marketplace.server.internal.http;

/** The transport-independent server: the JDK HTTP server and the servlet both delegate here. */
@FunctionalInterface
public interface RequestHandler {
    /** Largest request body the server reads; transports read one byte more to detect excess. */
    int MAX_BODY = 64 * 1024;

    HttpResponse handle(HttpRequest request);
}
