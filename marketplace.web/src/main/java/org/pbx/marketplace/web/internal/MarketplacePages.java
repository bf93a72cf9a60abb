package org.pbx.marketplace.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Serves the Marketplace pages from this bundle's {@code /static/marketplace} folder.
 * A servlet rather than a whiteboard resource so that the section's own URL,
 * {@code /marketplace/}, answers with its index page instead of a directory lookup, and every
 * path below it (unknown ones too) goes through the admin login of the selected context.
 */
@Component(service = Servlet.class, configurationPid = WebConfiguration.PID)
@Designate(ocd = WebConfiguration.class)
@HttpWhiteboardServletName(MarketplacePages.NAME)
@HttpWhiteboardServletPattern(MarketplacePages.PATTERN)
@HttpWhiteboardContextSelect(WebConfiguration.DEFAULT_CONTEXT_SELECT)
public class MarketplacePages extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The servlet's name in the HTTP runtime DTO; the host waits for it before it says it is ready. */
    public static final String NAME = "marketplace-pages";

    static final String PATTERN = "/marketplace/*";
    static final String ROOT = "/static/marketplace";

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=utf-8",
            "css", "text/css;charset=utf-8",
            "js", "text/javascript;charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json");

    private final transient BundleContext context;

    @Activate
    public MarketplacePages(BundleContext context) {
        this.context = context;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null) {
            // "/marketplace" without the slash: relative links on the page need the slash.
            response.sendRedirect(request.getRequestURI() + "/");
            return;
        }
        if (path.endsWith("/")) {
            path += "index.html";
        }
        URL entry = path.contains("..") ? null : context.getBundle().getEntry(ROOT + path);
        String type = TYPES.get(extension(path));
        if (entry == null || type == null) {
            SecurityHeaders.apply(response);
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType(type);
        // Pages change with the bundle; let the browser revalidate rather than keep stale copies.
        response.setHeader("Cache-Control", "no-cache");
        SecurityHeaders.apply(response);
        try (InputStream in = entry.openStream(); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1);
    }
}
