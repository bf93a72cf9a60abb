package com.example.callnotes.internal;

import java.util.List;

/**
 * The page's JSON, by hand: the PBX has no JSON library for modules. This one class is what a JSON
 * library bundle (e.g. Gson) would replace, once the catalog can carry library bundles.
 */
final class NotesJson {

    private NotesJson() {
    }

    static String write(String callId, List<String> notes) {
        StringBuilder json = new StringBuilder("{\"callId\":").append(string(callId)).append(",\"notes\":[");
        for (int i = 0; i < notes.size(); i++) {
            json.append(i == 0 ? "" : ",").append(string(notes.get(i)));
        }
        return json.append("]}").toString();
    }

    private static String string(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
