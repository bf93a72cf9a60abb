package com.example.callnotes.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.Test;
import org.pbx.marketplace.api.LicenseStatus;
import org.pbx.marketplace.testing.FakeLicenseService;

/** A plain unit test: the kit's FakeLicenseService in the state each case needs, no framework. */
public class NoteBookTest {

    private final FakeLicenseService license = new FakeLicenseService();
    private final NoteBook book = new NoteBook(license);

    @Test
    public void takesNotesWhileTheFeatureIsLicensed() {
        license.licensed("call-notes");
        book.add("call-1", "asked for a callback");
        assertEquals(List.of("asked for a callback"), book.notes("call-1"));
    }

    @Test
    public void refusesWithTheLicensesReasonOtherwise() {
        IllegalStateException unregistered = assertThrows(IllegalStateException.class, () -> book.add("call-1", "x"));
        assertTrue(unregistered.getMessage(), unregistered.getMessage().startsWith("NOT_REGISTERED"));

        license.licensed().grant("call-notes", Instant.now().minusSeconds(60));
        IllegalStateException expired = assertThrows(IllegalStateException.class, () -> book.add("call-1", "x"));
        assertTrue(expired.getMessage(), expired.getMessage().startsWith("FEATURE_EXPIRED"));

        license.licensed("call-notes").status(LicenseStatus.REVOKED);
        assertThrows(IllegalStateException.class, () -> book.add("call-1", "x"));
        assertEquals(List.of(), book.notes("call-1"));
    }

    @Test
    public void theJsonEscapesWhatItMust() {
        assertEquals("{\"callId\":\"c\\\"1\",\"notes\":[\"a\\u003cb\",\"\\\\\"]}",
                NotesJson.write("c\"1", List.of("a<b", "\\")));
    }
}
