package org.pbx.demo.callback;

import java.io.IOException;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.pbx.demo.callback.api.CallbackService;

/** The page an admin opens to see the widget is installed, and which release. */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/pbx/modules/callback/*")
// A name of its own: Pax Web serves one servlet per name in a context (docs/module-developers.md).
@HttpWhiteboardServletName("org.pbx.demo.callback.page")
// The PBX admin context: module pages sit behind the same login as the Marketplace.
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=marketplace-admin)")
public class CallbackPage extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final String label;

    @Activate
    public CallbackPage(@Reference CallbackService callbacks) {
        this.label = callbacks.label();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Fixed text only: nothing from the request is echoed, so nothing needs escaping.
        response.setContentType("text/html; charset=utf-8");
        response.getWriter().write("<!DOCTYPE html><html><head><title>" + label + "</title></head><body>"
                + "<h1>" + label + "</h1>"
                + "<p>Module org.pbx.demo.callback: a web button that asks the PBX to call the visitor back.</p>"
                + "</body></html>");
    }
}
