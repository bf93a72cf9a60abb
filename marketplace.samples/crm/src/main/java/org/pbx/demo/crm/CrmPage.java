package org.pbx.demo.crm;

import java.io.IOException;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.propertytypes.SatisfyingConditionTarget;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.pbx.demo.callback.api.CallbackService;

/**
 * A commercial module that builds on another module: it runs only while the license grants
 * crm-connector (the condition) and the callback widget's service is there (the reference).
 */
@Component(service = Servlet.class)
@SatisfyingConditionTarget("(osgi.condition.id=marketplace.feature.crm-connector)")
@HttpWhiteboardServletPattern("/pbx/modules/crm/*")
// A name of its own: Pax Web serves one servlet per name in a context (docs/module-developers.md).
@HttpWhiteboardServletName("org.pbx.demo.crm.page")
// The PBX admin context: module pages sit behind the same login as the Marketplace.
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=marketplace-admin)")
public class CrmPage extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final String label;
    private final String callbacks;

    @Activate
    public CrmPage(BundleContext context, @Reference CallbackService callbacks) {
        this.label = "CRM Connector " + context.getBundle().getVersion();
        this.callbacks = callbacks.label();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Fixed text only: nothing from the request is echoed, so nothing needs escaping.
        response.setContentType("text/html; charset=utf-8");
        response.getWriter().write("<!DOCTYPE html><html><head><title>" + label + "</title></head><body>"
                + "<h1>" + label + "</h1>"
                + "<p>Module org.pbx.demo.crm: shows the caller's CRM card and logs calls to the CRM.</p>"
                + "<p>Licensed: feature crm-connector is active. Call backs from CRM cards go through "
                + callbacks + ".</p>"
                + "</body></html>");
    }
}
