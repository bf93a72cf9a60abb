package com.example.callnotes.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Notes an operator takes on a call. Available while the license grants the feature {@code call-notes}. */
@ProviderType
public interface CallNotes {

    /** The feature the module is sold with: the catalog entry's {@code featureId}. */
    String FEATURE = "call-notes";

    /**
     * @param callId the call
     * @param text the note
     * @throws IllegalStateException when the license does not grant {@link #FEATURE}; the message says why
     */
    void add(String callId, String text);

    /**
     * @param callId the call
     * @return its notes, oldest first
     */
    List<String> notes(String callId);
}
