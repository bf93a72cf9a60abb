package org.pbx.demo.recording;

import java.io.IOException;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.propertytypes.SatisfyingConditionTarget;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * A commercial module's page. The marketplace publishes the feature's condition while the license
 * grants call-recording; without it DS never activates this component, so the page goes away with
 * the license and comes back with it, with no licensing code here.
 */
@Component(service = Servlet.class)
@SatisfyingConditionTarget("(osgi.condition.id=marketplace.feature.call-recording)")
@HttpWhiteboardServletPattern("/pbx/modules/recording/*")
// A name of its own: Pax Web serves one servlet per name in a context (docs/module-developers.md).
@HttpWhiteboardServletName("org.pbx.demo.recording.page")
// The PBX admin context: module pages sit behind the same login as the Marketplace.
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=marketplace-admin)")
public class RecordingPage extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final String label;

    @Activate
    public RecordingPage(BundleContext context) {
        this.label = "Call Recording Pro " + context.getBundle().getVersion();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Fixed text only: nothing from the request is echoed, so nothing needs escaping.
        response.setContentType("text/html; charset=utf-8");
        response.getWriter().write("<!DOCTYPE html><html><head><title>" + label + "</title></head><body>"
                + "<h1>" + label + "</h1>"
                + "<p>Module org.pbx.demo.recording: records calls, keeps them by retention rules, finds them.</p>"
                + "<p>Licensed: feature call-recording is active.</p>"
                + "</body></html>");
    }
}
