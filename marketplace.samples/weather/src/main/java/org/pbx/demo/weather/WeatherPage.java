package org.pbx.demo.weather;

import java.io.IOException;
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

/** A free module's page: the admin sees the widget and its release. The forecast is canned: no network in a demo. */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/pbx/modules/weather/*")
// A name of its own: Pax Web serves one servlet per name in a context (docs/module-developers.md).
@HttpWhiteboardServletName("org.pbx.demo.weather.page")
// The PBX admin context: module pages sit behind the same login as the Marketplace.
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=marketplace-admin)")
public class WeatherPage extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final String label;

    @Activate
    public WeatherPage(BundleContext context) {
        this.label = "Weather widget " + context.getBundle().getVersion();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Fixed text only: nothing from the request is echoed, so nothing needs escaping.
        response.setContentType("text/html; charset=utf-8");
        response.getWriter().write("<!DOCTYPE html><html><head><title>" + label + "</title></head><body>"
                + "<h1>" + label + "</h1>"
                + "<p>Module org.pbx.demo.weather: the local weather on the operator panel.</p>"
                + "<p>Today (demo data): +18 &deg;C, light clouds.</p>"
                + "</body></html>");
    }
}
