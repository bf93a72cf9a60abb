package org.pbx.demo.recording;

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
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.dto.ReasonDTO;

/**
 * The module's status page, up whether or not the feature is licensed: it asks the license in code
 * (the guide's §3) and, when recording is off, says why in the Marketplace's own words.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/pbx/modules/recording-status")
// A name of its own: Pax Web serves one servlet per name in a context (docs/module-developers.md).
@HttpWhiteboardServletName("org.pbx.demo.recording.status")
// The PBX admin context: module pages sit behind the same login as the Marketplace.
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=marketplace-admin)")
public class RecordingStatus extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String FEATURE = "call-recording";

    private final transient LicenseService license;
    private final transient SeatWatcher seats;

    @Activate
    public RecordingStatus(@Reference LicenseService license, @Reference SeatWatcher seats) {
        this.license = license;
        this.seats = seats;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain; charset=utf-8");
        if (license.isFeatureAvailable(FEATURE)) {
            response.getWriter().write("call-recording: licensed, " + seats.seats() + " seats\n");
            return;
        }
        ReasonDTO why = license.whyUnavailable(FEATURE);
        // Plain text, so the Marketplace's message needs no escaping here.
        response.getWriter().write("call-recording: off (" + why.code + "): " + why.message.get("en") + "\n");
    }
}
