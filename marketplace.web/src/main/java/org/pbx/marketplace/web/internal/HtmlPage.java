package org.pbx.marketplace.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * A small page of the Marketplace's own (login required, a module page that is gone, the PBX's
 * root) that a browser shows instead of a JSON body or a framework's bare "No service was found.".
 * Self-contained: its style is inline, allowed by its hash, since the page may be shown before the
 * login that the Marketplace's stylesheet sits behind.
 */
final class HtmlPage {

    private static final String STYLE = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:40rem;"
            + "margin:2rem auto;padding:0 1rem;color:#1d2733;line-height:1.5}h1{font-size:1.35rem}"
            + "a.button{display:inline-block;padding:.5rem 1rem;border-radius:6px;background:#1f5fbf;color:#fff;"
            + "text-decoration:none}.hint{color:#5a6572;font-size:.9rem}";
    /** Nothing but the inline style: no script, no other resource. */
    static final String POLICY = "default-src 'none'; style-src 'sha256-" + sha256(STYLE) + "'; form-action 'self'; "
            + "frame-ancestors 'self'; base-uri 'none'";

    private HtmlPage() {
    }

    /** A browser navigating (it asks for HTML), not the page's own fetch calls or a script of the API. */
    static boolean wanted(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html") && request.getHeader("X-Requested-With") == null;
    }

    /**
     * Writes the page and commits the answer.
     *
     * @param link where the page's one button goes (null: none), with its text
     * @param hint a smaller last line (null: none)
     */
    static void write(HttpServletResponse response, int status, String lang, String title, List<String> paragraphs,
            String link, String linkText, String hint) throws IOException {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"").append(lang)
                .append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append("</title><style>").append(STYLE).append("</style></head><body>")
                .append("<h1>").append(esc(title)).append("</h1>");
        for (String paragraph : paragraphs) {
            html.append("<p>").append(esc(paragraph)).append("</p>");
        }
        if (link != null) {
            html.append("<p><a class=\"button\" href=\"").append(esc(link)).append("\">").append(esc(linkText)).append("</a></p>");
        }
        if (hint != null) {
            html.append("<p class=\"hint\">").append(esc(hint)).append("</p>");
        }
        byte[] body = html.append("</body></html>").toString().getBytes(StandardCharsets.UTF_8);
        response.setHeader("X-Content-Type-Options", SecurityHeaders.NOSNIFF);
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(status);
        response.setContentType("text/html;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        // Commit now: the whiteboard would otherwise turn an uncommitted refusal into its own error page.
        response.flushBuffer();
    }

    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '&': out.append("&amp;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&#39;"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
