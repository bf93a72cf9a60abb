package org.pbx.marketplace.server.internal.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request as VendorServlet hands it over, whoever serves the servlet (the host's whiteboard, standalone Jetty).
 *
 * @param basePath    where the server is mounted ("" standalone, "/vendor" in the host); never part of signatures
 * @param path        raw (still percent-encoded) path below basePath, starting with "/"
 * @param rawQuery    raw query without "?", or null
 * @param headers     header names in lower case
 * @param body        at most the transport's read limit plus one byte, so oversize is detectable
 * @param remoteAddress the client's address as throttles count it: the socket peer, or what
 *                      X-Forwarded-For says when the peer is a trusted proxy (TrustedProxies)
 */
public record HttpRequest(String method, String basePath, String path, String rawQuery,
                          Map<String, List<String>> headers, byte[] body, String remoteAddress) {

    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The path as the client signed it: relative to the base URL, with the query as sent. */
    public String signedPath() {
        return rawQuery == null ? path : path + "?" + rawQuery;
    }
}
