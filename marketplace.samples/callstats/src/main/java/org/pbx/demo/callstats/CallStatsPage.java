package org.pbx.demo.callstats;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
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

/**
 * A free module that needs a library: today's call statistics as JSON, written with Gson, which the PBX
 * installs from the catalog's library section. The numbers are canned: no calls in a demo.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/pbx/modules/callstats/*")
// A name of its own: Pax Web serves one servlet per name in a context (docs/module-developers.md).
@HttpWhiteboardServletName("org.pbx.demo.callstats.page")
// The PBX admin context: module pages sit behind the same login as the Marketplace.
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=marketplace-admin)")
public class CallStatsPage extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final String json;

    /** Written once at activation: a module whose Gson is missing fails here, not at the first request. */
    @Activate
    public CallStatsPage(BundleContext context) {
        JsonObject stats = new JsonObject();
        stats.addProperty("module", "org.pbx.demo.callstats " + context.getBundle().getVersion());
        stats.addProperty("callsToday", 42);
        stats.addProperty("answeredPercent", 95);
        this.json = new Gson().toJson(stats);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Fixed data only: nothing from the request is echoed.
        response.setContentType("application/json; charset=utf-8");
        response.getWriter().write(json);
    }
}
