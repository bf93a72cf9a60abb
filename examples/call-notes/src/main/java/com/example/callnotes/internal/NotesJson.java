package com.example.callnotes.internal;

import java.util.List;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The page's JSON, written with Gson: a library bundle the PBX does not have, which the catalog publishes
 * beside the module (catalog-entry.json, "libraries") and the PBX installs with it. Gson escapes &lt;, &gt; and
 * &amp; by default, so the JSON is safe inside HTML too.
 */
final class NotesJson {

    private static final Gson GSON = new Gson();

    private NotesJson() {
    }

    static String write(String callId, List<String> notes) {
        JsonObject json = new JsonObject();
        json.addProperty("callId", callId);
        JsonArray array = new JsonArray();
        notes.forEach(array::add);
        json.add("notes", array);
        return GSON.toJson(json);
    }
}
