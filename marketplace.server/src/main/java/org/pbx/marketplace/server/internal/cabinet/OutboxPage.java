package org.pbx.marketplace.server.internal.cabinet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.pbx.marketplace.server.internal.error.ApiException;
import org.pbx.marketplace.server.internal.error.ErrorCode;
import org.pbx.marketplace.server.internal.http.HttpResponse;
import org.pbx.marketplace.server.internal.license.CabinetService;
import org.pbx.marketplace.server.internal.store.OutboxStore.Counts;

/**
 * The vendor's view of the mail outbox: counts only, no addresses. There is no vendor login on
 * this server, so the page exists only with an admin token configured and answers 404 (as if it
 * did not exist) without it or with a wrong one.
 */
final class OutboxPage {
    private final CabinetService service;
    private final byte[] token;

    OutboxPage(CabinetService service, String adminToken) {
        this.service = service;
        this.token = adminToken == null ? null : adminToken.getBytes(StandardCharsets.UTF_8);
    }

    HttpResponse handle(CabinetRequest request, String lang) {
        String auth = request.raw().header("authorization");
        // Only in a header: a token in the URL ends up in access logs, browser history and Referer headers.
        String given = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : null;
        if (token == null || given == null
                || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(ErrorCode.E_NOT_FOUND);
        }
        Counts c = service.outboxCounts();
        StringBuilder body = new StringBuilder("<h2>").append(Html.esc(Texts.get("outbox", lang))).append("</h2>");
        body.append("<table>");
        row(body, Texts.get("outbox.queued", lang), c.queued(), "queued");
        row(body, Texts.get("outbox.failing", lang), c.failing(), "failing");
        row(body, Texts.get("outbox.failed", lang), c.failed(), "failed");
        row(body, Texts.get("outbox.sent", lang), c.sent(), "sent");
        body.append("</table>");
        if (c.lastError() != null) {
            body.append("<p>").append(Html.esc(Texts.get("outbox.lastError", lang))).append(": <code>")
                    .append(Html.esc(c.lastError())).append("</code></p>");
        }
        return HttpResponse.text(200, "text/html; charset=utf-8", Html.page(lang, "", body.toString()))
                .withHeader("Cache-Control", "no-store");
    }

    private static void row(StringBuilder out, String label, int count, String id) {
        out.append("<tr><th>").append(Html.esc(label)).append("</th><td id=\"").append(id).append("\">")
                .append(count).append("</td></tr>");
    }
}
