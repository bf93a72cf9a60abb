package org.pbx.marketplace.server.internal.cabinet;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.pbx.marketplace.server.internal.http.HttpRequest;

/** Reads what the cabinet needs from a request: form fields, cookies and the page language. */
final class CabinetRequest {
    static final String SESSION_COOKIE = "pbx_cabinet";
    static final String LANG_COOKIE = "pbx_cabinet_lang";

    private final HttpRequest request;

    CabinetRequest(HttpRequest request) {
        this.request = request;
    }

    HttpRequest raw() {
        return request;
    }

    Map<String, String> form() {
        return decode(new String(request.body(), StandardCharsets.UTF_8));
    }

    Map<String, String> query() {
        return decode(request.rawQuery() == null ? "" : request.rawQuery());
    }

    String cookie(String name) {
        String header = request.header("cookie");
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equals(name)) {
                return part.substring(eq + 1).trim();
            }
        }
        return null;
    }

    /** ?lang= first, then the remembered choice, then the browser's preference; English otherwise. */
    String language() {
        String asked = query().get("lang");
        if ("ru".equals(asked) || "en".equals(asked)) {
            return asked;
        }
        String remembered = cookie(LANG_COOKIE);
        if ("ru".equals(remembered) || "en".equals(remembered)) {
            return remembered;
        }
        return fromAcceptLanguage(request.header("accept-language"));
    }

    static String fromAcceptLanguage(String header) {
        if (header == null) {
            return "en";
        }
        String best = "en";
        double bestQ = -1;
        for (String item : header.split(",")) {
            String[] parts = item.trim().split(";");
            String tag = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            String lang = tag.startsWith("ru") ? "ru" : tag.startsWith("en") ? "en" : null;
            if (lang != null && q > bestQ) {
                best = lang;
                bestQ = q;
            }
        }
        return best;
    }

    private static Map<String, String> decode(String encoded) {
        Map<String, String> values = new HashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                values.putIfAbsent(key, value);
            } catch (IllegalArgumentException e) {
                // A malformed pair is ignored like an absent one.
            }
        }
        return values;
    }
}
