package org.pbx.marketplace.server.internal.cabinet;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Escaping and the page frame; every owner-supplied value passes through esc(). */
public final class Html {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private static final String CSS = "body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;"
            + "padding:0 1rem;color:#222}h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:1.6rem}"
            + "table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem .5rem;"
            + "border-bottom:1px solid #ddd}.ok{color:#11772d}.old{color:#888}.err{background:#fde8e8;"
            + "border:1px solid #e0a0a0;padding:.6rem}.note{background:#e8f4fd;border:1px solid #9cc8e8;padding:.6rem}"
            + ".key{filter:blur(4px)}.key:hover{filter:none}input[type=text]{width:22rem;padding:.3rem}"
            + "button{padding:.3rem .8rem}nav{float:right}form.inline{display:inline}code{overflow-wrap:anywhere}"
            // Phones (issue 20): rows stack, the coupon field fits.
            + "@media (max-width:36rem){th,td{display:block;border:0;padding:.2rem 0}tr{display:block;"
            + "border-bottom:1px solid #ddd;padding:.3rem 0}input[type=text]{width:100%;box-sizing:border-box}}";

    /**
     * Every cabinet answer: nothing but this page's own style runs, forms post only here, and no other
     * site may frame it (no clickjacking of the Release or login buttons).
     */
    static final String CSP = "default-src 'none'; style-src 'sha256-" + java.util.Base64.getEncoder().encodeToString(
            sha256(CSS)) + "'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private Html() {
    }

    /** The cabinet's security headers on any of its answers, pages and errors alike. */
    public static org.pbx.marketplace.server.internal.http.HttpResponse secured(
            org.pbx.marketplace.server.internal.http.HttpResponse response) {
        return response.withHeader("Content-Security-Policy", CSP).withHeader("X-Frame-Options", "DENY")
                .withHeader("Referrer-Policy", "no-referrer");
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HTML-escapes text for element content and quoted attributes; null becomes "". */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    static String date(long epochSeconds) {
        return DATE.format(Instant.ofEpochSecond(epochSeconds));
    }

    static String page(String language, String nav, String body) {
        String other = "ru".equals(language) ? "en" : "ru";
        return "<!DOCTYPE html><html lang=\"" + language + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(Texts.get("title", language)) + "</title><style>" + CSS + "</style></head><body>"
                + "<nav><a href=\"./?lang=" + other + "\">" + other.toUpperCase() + "</a> " + nav + "</nav>"
                + "<h1>" + esc(Texts.get("title", language)) + "</h1>" + body + "</body></html>";
    }
}
