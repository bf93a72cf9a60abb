package com.example.callnotes.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.propertytypes.SatisfyingConditionTarget;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.example.callnotes.api.CallNotes;

/**
 * The module's page, behind the PBX admin login: {@code GET /pbx/modules/call-notes/?call=ID} answers
 * that call's notes as JSON. It exists only while the license grants the feature call-notes: DS
 * activates it when the Marketplace registers the condition, and takes it down when it goes.
 */
@Component(service = Servlet.class)
@SatisfyingConditionTarget("(osgi.condition.id=marketplace.feature." + CallNotes.FEATURE + ")")
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=marketplace-admin)")
@HttpWhiteboardServletName(CallNotesPage.NAME)
@HttpWhiteboardServletPattern("/pbx/modules/call-notes/*")
public class CallNotesPage extends HttpServlet {

    /** A servlet name of its own, prefixed with the module's id (docs/module-developers.md §1). */
    static final String NAME = "com.example.callnotes.page";
    private static final long serialVersionUID = 1L;

    private final transient CallNotes notes;

    @Activate
    public CallNotesPage(@Reference CallNotes notes) {
        this.notes = notes;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String call = request.getParameter("call");
        if (call == null || call.isBlank()) {
            response.sendError(400, "Name the call: ?call=ID");
            return;
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(NotesJson.write(call, notes.notes(call)).getBytes(StandardCharsets.UTF_8));
    }
}
