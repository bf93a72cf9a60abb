package org.pbx.marketplace.server.internal.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.pbx.marketplace.server.internal.store.Rows.InstallationLabel;

/**
 * The optional {@code hostName} and {@code pbxVersion} a PBX reports of itself (docs/protocol.md §13). They
 * only label the installation in the cabinet, so a bad value never fails the request: it is sanitized (control,
 * format and unpaired surrogate characters dropped, white space collapsed) and cut to its bound, or ignored.
 */
public final class InstallationLabels {
    public static final int HOST_NAME_MAX = 253;
    public static final int PBX_VERSION_MAX = 64;

    private InstallationLabels() {
    }

    public static InstallationLabel of(ObjectNode body) {
        return new InstallationLabel(clean(body.get("hostName"), HOST_NAME_MAX), clean(body.get("pbxVersion"), PBX_VERSION_MAX));
    }

    /** The sanitized text, at most {@code max} code points; null when absent, not text, or nothing is left. */
    static String clean(JsonNode node, int max) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        String text = node.asText();
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        int kept = 0;
        boolean space = false;
        for (int i = 0; i < text.length() && kept < max; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = out.length() > 0;
                continue;
            }
            if (Character.isISOControl(cp) || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE) {
                continue;
            }
            if (space) {
                if (kept + 1 >= max) {
                    break;
                }
                out.append(' ');
                kept++;
                space = false;
            }
            out.appendCodePoint(cp);
            kept++;
        }
        return out.length() == 0 ? null : out.toString();
    }
}
