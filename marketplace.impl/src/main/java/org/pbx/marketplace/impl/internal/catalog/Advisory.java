package org.pbx.marketplace.impl.internal.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One security advisory of a verified catalog (docs/protocol.md §4.6), immutable: which versions
 * of a module it covers and which release fixes it.
 */
final class Advisory {

    /** Ordered from least to most severe. */
    static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    final String id;
    final String moduleId;
    final List<String> affected;
    private final List<VersionRange> ranges;
    /** Null while there is no fix. */
    final Version fixedVersion;
    final String severity;
    final Map<String, String> title;
    final Map<String, String> text;
    final String url;
    final boolean withdrawn;

    /** @throws IllegalArgumentException when the id, module id, a range or the fixed version is not spelled as the protocol says */
    Advisory(JsonNode node) {
        id = node.path("id").asText("");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("advisory id \"" + ModuleChecks.shorten(id) + "\" is not allowed");
        }
        moduleId = ModuleChecks.id(node.path("moduleId").asText());
        List<String> texts = new ArrayList<>();
        List<VersionRange> parsed = new ArrayList<>();
        for (JsonNode range : node.path("affected")) {
            try {
                parsed.add(VersionRange.valueOf(range.asText()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("advisory " + id + ": \"" + ModuleChecks.shorten(range.asText())
                        + "\" is not a version range");
            }
            texts.add(range.asText());
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("advisory " + id + " names no affected versions");
        }
        affected = Collections.unmodifiableList(texts);
        ranges = Collections.unmodifiableList(parsed);
        String fixed = node.path("fixedVersion").isTextual() ? node.path("fixedVersion").asText() : null;
        fixedVersion = fixed == null ? null : Version.parseVersion(ModuleChecks.version(fixed));
        String given = node.path("severity").asText("");
        // An unknown severity (a newer vendor's) is shown as the most severe one this PBX knows: never played down.
        severity = SEVERITIES.contains(given) ? given : "critical";
        title = texts(node.path("title"));
        text = texts(node.path("text"));
        String link = node.path("url").asText(null);
        url = link != null && (link.startsWith("https://") || link.startsWith("http://")) ? link : null;
        withdrawn = node.path("withdrawn").asBoolean(false);
    }

    /** Whether the version is in an affected range. */
    boolean covers(Version version) {
        for (VersionRange range : ranges) {
            if (range.includes(version)) {
                return true;
            }
        }
        return false;
    }

    int rank() {
        return SEVERITIES.indexOf(severity);
    }

    private static Map<String, String> texts(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return Collections.unmodifiableMap(map);
    }
}
