package org.pbx.marketplace.server.internal.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pbx.marketplace.server.internal.http.Json;

/**
 * Security advisories of the catalog (docs/protocol.md §4.6): the {@code advisories} array of
 * catalog-source.json, checked the same way wherever it is published (admin API, server signing,
 * the vendor's CatalogTool), so a catalog never carries an advisory a PBX could not match.
 */
public final class Advisories {
    public static final Set<String> SEVERITIES = Set.of("low", "medium", "high", "critical");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
    /** OSGi's spelling: a qualifier only after major.minor.micro. */
    private static final String V = "[0-9]+(?:\\.[0-9]+(?:\\.[0-9]+(?:\\.[A-Za-z0-9_-]+)?)?)?";
    private static final Pattern VERSION = Pattern.compile(V);
    /** An OSGi version range: [a,b), (a,b], … or a bare version meaning "a and above". */
    private static final Pattern RANGE = Pattern.compile("([\\[(])\\s*(" + V + ")\\s*,\\s*(" + V + ")\\s*([\\])])|(" + V + ")");

    /** One thing wrong with an advisory: the field and what to fix. */
    public record Problem(String field, String message) {
        @Override
        public String toString() {
            return message;
        }
    }

    private Advisories() {
    }

    /** The advisories of a parsed catalog-source.json (an empty array when it has none). */
    static ArrayNode of(JsonNode source) {
        JsonNode advisories = source.path("advisories");
        return advisories.isArray() ? (ArrayNode) advisories.deepCopy() : Json.MAPPER.createArrayNode();
    }

    /** Every advisory checked against the catalog's modules; ids must be unique. */
    public static List<Problem> check(Iterable<JsonNode> advisories, Iterable<JsonNode> modules) {
        Set<String> moduleIds = new HashSet<>();
        modules.forEach(m -> moduleIds.add(m.path("id").asText()));
        List<Problem> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode advisory : advisories) {
            problems.addAll(check(advisory, moduleIds));
            if (!ids.add(advisory.path("id").asText())) {
                problems.add(new Problem("id", "advisory " + advisory.path("id").asText() + " is listed twice"));
            }
        }
        return problems;
    }

    /** One advisory's format and its module; the first problem of each field. */
    public static List<Problem> check(JsonNode advisory, Set<String> moduleIds) {
        List<Problem> problems = new ArrayList<>();
        if (!advisory.isObject()) {
            problems.add(new Problem("advisory", "an advisory is an object"));
            return problems;
        }
        String id = advisory.path("id").asText("");
        String name = "advisory " + (ID.matcher(id).matches() ? id : "\"" + shorten(id) + "\"");
        if (!advisory.path("id").isTextual() || !ID.matcher(id).matches()) {
            problems.add(new Problem("id", name + ": id is letters, digits, '.', '_' and '-', at most 100, e.g. PBXSA-2026-001"));
        }
        String module = advisory.path("moduleId").asText("");
        if (!moduleIds.contains(module)) {
            problems.add(new Problem("moduleId", name + ": moduleId \"" + shorten(module)
                    + "\" is no module of the catalog; publish its release first"));
        }
        JsonNode affected = advisory.path("affected");
        if (!affected.isArray() || affected.isEmpty()) {
            problems.add(new Problem("affected", name + ": affected is a list of OSGi version ranges, e.g. [\"[1.0.0,1.0.2)\"]"));
        } else {
            for (JsonNode range : affected) {
                if (!range.isTextual() || !validRange(range.asText())) {
                    problems.add(new Problem("affected", name + ": \"" + shorten(range.asText()) + "\" is not an OSGi version range"
                            + " such as [1.0.0,1.0.2) or 1.0.0 (that version and above)"));
                }
            }
        }
        JsonNode fixed = advisory.get("fixedVersion");
        if (fixed != null && !fixed.isNull() && (!fixed.isTextual() || !VERSION.matcher(fixed.asText()).matches())) {
            problems.add(new Problem("fixedVersion", name + ": fixedVersion is a version like 1.0.2, or left out when there is no fix"));
        } else if (fixed != null && fixed.isTextual() && affected.isArray()) {
            for (JsonNode range : affected) {
                if (range.isTextual() && validRange(range.asText()) && inRange(range.asText(), fixed.asText())) {
                    problems.add(new Problem("fixedVersion", name + ": fixedVersion " + fixed.asText()
                            + " is inside the affected range " + range.asText()));
                }
            }
        }
        if (!SEVERITIES.contains(advisory.path("severity").asText(""))) {
            problems.add(new Problem("severity", name + ": severity is low, medium, high or critical"));
        }
        for (String field : List.of("title", "text")) {
            JsonNode texts = advisory.path(field);
            if (!texts.path("en").isTextual() || !texts.path("ru").isTextual()
                    || texts.path("en").asText().isBlank() || texts.path("ru").asText().isBlank()) {
                problems.add(new Problem(field, name + ": " + field + " needs \"en\" and \"ru\" texts"));
            }
        }
        JsonNode url = advisory.get("url");
        if (url != null && !url.isNull() && (!url.isTextual() || !url.asText().matches("https?://[^\\s\"<>]{1,2000}"))) {
            problems.add(new Problem("url", name + ": url is an http(s) address of the advisory's page, or left out"));
        }
        JsonNode withdrawn = advisory.get("withdrawn");
        if (withdrawn != null && !withdrawn.isBoolean()) {
            problems.add(new Problem("withdrawn", name + ": withdrawn is true (the affected releases were pulled) or false"));
        }
        return problems;
    }

    /** The advisory with only the fields the protocol names, as it goes into the signed catalog. */
    public static ObjectNode published(JsonNode advisory) {
        ObjectNode out = Json.object();
        for (String field : List.of("id", "moduleId", "affected", "fixedVersion", "severity", "title", "text", "url", "withdrawn")) {
            JsonNode value = advisory.get(field);
            if (value != null && !value.isNull()) {
                out.set(field, value.deepCopy());
            }
        }
        return out;
    }

    static boolean validRange(String range) {
        Matcher m = RANGE.matcher(range.trim());
        return m.matches() && (m.group(5) != null || compare(m.group(2), m.group(3)) <= 0);
    }

    static boolean inRange(String range, String version) {
        Matcher m = RANGE.matcher(range.trim());
        if (!m.matches()) {
            return false;
        }
        if (m.group(5) != null) {
            return compare(version, m.group(5)) >= 0;
        }
        int low = compare(version, m.group(2));
        int high = compare(version, m.group(3));
        return (m.group(1).equals("[") ? low >= 0 : low > 0) && (m.group(4).equals("]") ? high <= 0 : high < 0);
    }

    /** OSGi version order: major, minor, micro numerically, the qualifier as text. */
    static int compare(String a, String b) {
        String[] x = a.split("\\.", 4);
        String[] y = b.split("\\.", 4);
        for (int i = 0; i < 3; i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return (x.length > 3 ? x[3] : "").compareTo(y.length > 3 ? y[3] : "");
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
