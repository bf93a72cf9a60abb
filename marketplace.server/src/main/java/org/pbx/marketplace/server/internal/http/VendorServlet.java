package org.pbx.marketplace.server.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.pbx.marketplace.server.internal.error.ErrorCode;

/**
 * The one servlet of the vendor server, served by the host's HTTP whiteboard at /vendor/* and by
 * the standalone server's Jetty at /*: turns the servlet request into an {@link HttpRequest} for
 * the {@link RequestHandler} and writes its answer back.
 */
public class VendorServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private transient volatile RequestHandler handler;
    private transient volatile TrustedProxies proxies;

    public VendorServlet(RequestHandler handler, TrustedProxies proxies) {
        this.handler = handler;
        this.proxies = proxies;
    }

    /** What answers from now on (the OSGi component switches it on activation and deactivation). */
    protected final void serve(RequestHandler next, TrustedProxies trusted) {
        this.handler = next;
        this.proxies = trusted;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String basePath = req.getContextPath() + req.getServletPath();
        String uri = req.getRequestURI();
        String path = uri.startsWith(basePath) ? uri.substring(basePath.length()) : uri;
        int limit = RequestHandler.bodyLimit(path);
        // Refused from the header alone: a 413 must not wait for (or read) a body it will not use.
        if (req.getContentLengthLong() > limit) {
            write(resp, Json.error(ErrorCode.E_BODY_TOO_LARGE, null).withHeader("Connection", "close"), req);
            return;
        }
        byte[] body;
        try (InputStream in = req.getInputStream()) {
            body = in.readNBytes(limit + 1);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), Collections.list(req.getHeaders(name)));
        }
        List<String> forwarded = headers.getOrDefault("x-forwarded-for", List.of());
        HttpResponse response = handler.handle(new HttpRequest(req.getMethod(), basePath, path, req.getQueryString(),
                headers, body, proxies.clientAddress(req.getRemoteAddr(), forwarded)));
        write(resp, response, req);
    }

    private static void write(HttpServletResponse resp, HttpResponse response, HttpServletRequest req)
            throws IOException {
        resp.setStatus(response.status());
        response.headers().forEach((name, values) -> values.forEach(value -> resp.addHeader(name, value)));
        if (response.body().length > 0) {
            resp.setContentLength(response.body().length);
            if (!"HEAD".equals(req.getMethod())) {
                try (OutputStream out = resp.getOutputStream()) {
                    out.write(response.body());
                }
            }
        }
    }
}
