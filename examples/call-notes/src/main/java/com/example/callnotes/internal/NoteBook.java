package com.example.callnotes.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.dto.ReasonDTO;

import com.example.callnotes.api.CallNotes;

/**
 * The notes, in memory. Not gated as a component (reading notes stays free); taking a note asks the
 * license in code, the way to gate one path of a component that stays up.
 */
@Component
public class NoteBook implements CallNotes {

    private final LicenseService license;
    private final Map<String, List<String>> notes = new ConcurrentHashMap<>();

    @Activate
    public NoteBook(@Reference LicenseService license) {
        this.license = license;
    }

    @Override
    public void add(String callId, String text) {
        if (!license.isFeatureAvailable(FEATURE)) {      // no I/O, no lock: fine on every call
            ReasonDTO why = license.whyUnavailable(FEATURE);
            throw new IllegalStateException(why.code + ": " + why.message.get("en"));
        }
        notes.computeIfAbsent(callId, id -> new CopyOnWriteArrayList<>()).add(text);
    }

    @Override
    public List<String> notes(String callId) {
        return List.copyOf(notes.getOrDefault(callId, List.of()));
    }
}
