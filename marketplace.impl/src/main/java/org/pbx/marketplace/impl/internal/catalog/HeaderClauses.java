package org.pbx.marketplace.impl.internal.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OSGi manifest header (Core §3.2.4) split into clauses: {@code path;path;attr=value;attr:Type=value;dir:=value},
 * clauses separated by commas, values possibly quoted. Only what a resolver needs of the catalog's headers.
 */
final class HeaderClauses {

    /** One clause: its paths (package names, a namespace, a symbolic name) and its parameters. */
    static final class Clause {
        final List<String> paths = new ArrayList<>();
        /** Attribute name (with ":Type" when typed) → value, unquoted. */
        final Map<String, String> attributes = new LinkedHashMap<>();
        final Map<String, String> directives = new LinkedHashMap<>();
    }

    private HeaderClauses() {
    }

    /** @throws IllegalArgumentException when the header is not well formed */
    static List<Clause> parse(String header) {
        List<Clause> clauses = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return clauses;
        }
        for (String text : split(header, ',')) {
            if (text.isBlank()) {
                continue;
            }
            Clause clause = new Clause();
            for (String part : split(text, ';')) {
                String piece = part.trim();
                int directive = indexOutsideQuotes(piece, ":=");
                int equals = indexOutsideQuotes(piece, "=");
                if (directive >= 0 && directive < equals) {
                    clause.directives.put(piece.substring(0, directive).trim(), unquote(piece.substring(directive + 2)));
                } else if (equals >= 0) {
                    clause.attributes.put(piece.substring(0, equals).trim(), unquote(piece.substring(equals + 1)));
                } else if (!piece.isEmpty()) {
                    if (!clause.attributes.isEmpty() || !clause.directives.isEmpty()) {
                        throw new IllegalArgumentException("a path after a parameter in \"" + text.trim() + "\"");
                    }
                    clause.paths.add(piece);
                }
            }
            if (clause.paths.isEmpty()) {
                throw new IllegalArgumentException("a clause without a name: \"" + text.trim() + "\"");
            }
            clauses.add(clause);
        }
        return clauses;
    }

    /** Splits at the separator outside double quotes. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < text.length()) {
                current.append(c);
                c = text.charAt(++i);
            } else if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        if (quoted) {
            throw new IllegalArgumentException("an unclosed quote in \"" + text + "\"");
        }
        parts.add(current.toString());
        return parts;
    }

    private static int indexOutsideQuotes(String text, String what) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && text.startsWith(what, i)) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String value) {
        String v = value.trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                c = v.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
