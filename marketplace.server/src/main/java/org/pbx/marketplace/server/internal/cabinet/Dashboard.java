package org.pbx.marketplace.server.internal.cabinet;

import static org.pbx.marketplace.server.internal.cabinet.Html.esc;

import org.pbx.marketplace.server.internal.license.CabinetService;
import org.pbx.marketplace.server.internal.license.Entitlements.FeatureGrant;
import org.pbx.marketplace.server.internal.license.Entitlements.ProductGrant;
import org.pbx.marketplace.server.internal.store.Rows.Binding;
import org.pbx.marketplace.server.internal.store.Rows.Owner;

/** The logged-in page: owner, products, features, bound installations and the coupon form. */
final class Dashboard {
    private final String lang;
    private final long now;

    Dashboard(String lang, long now) {
        this.lang = lang;
        this.now = now;
    }

    private String t(String key) {
        return esc(Texts.get(key, lang));
    }

    String render(CabinetService.View view, String licenseKey) {
        StringBuilder out = new StringBuilder();
        out.append("<p>").append(t("key")).append(": ")
                .append(licenseKey == null ? t("key.coupon") : "<code class=\"key\">" + esc(licenseKey) + "</code>")
                .append("<br>").append(t("status")).append(": ").append(t("status." + view.license().status()))
                .append("</p>");
        Owner o = view.license().owner();
        out.append("<h2>").append(t("owner")).append("</h2><table>");
        row(out, t("owner.company"), esc(o.companyName()));
        row(out, t("owner.contact"), esc(o.contactName()));
        row(out, t("owner.email"), esc(o.email()));
        row(out, t("owner.phone"), o.phone() == null ? t("none") : esc(o.phone()));
        row(out, t("owner.companyId"), o.companyId() == null ? t("none") : esc(o.companyId()));
        out.append("</table><h2>").append(t("products")).append("</h2><table>");
        for (ProductGrant p : view.entitlements().products()) {
            row(out, esc("ru".equals(lang) ? p.nameRu() : p.nameEn()) + " <small>(" + t(p.trial() ? "trial" : "paid")
                    + ")</small>", expiry(p.expiresAt()));
        }
        out.append("</table><h2>").append(t("features")).append("</h2><table>");
        for (FeatureGrant f : view.entitlements().features()) {
            String[] names = view.featureNames().get(f.id());
            String name = names == null ? "<code>" + esc(f.id()) + "</code>"
                    : esc("ru".equals(lang) ? names[1] : names[0]) + " <small><code>" + esc(f.id()) + "</code></small>";
            row(out, name,
                    esc(String.format(Texts.get("seats", lang), f.seatsUsed(), f.seats())) + "; " + expiry(f.expiresAt()));
        }
        out.append("</table><h2>").append(t("installations")).append("</h2>");
        if (view.bindings().isEmpty()) {
            out.append("<p>").append(t("installations.none")).append("</p>");
        } else {
            out.append("<table>");
            for (Binding b : view.bindings()) {
                row(out, installationName(b),
                        t("bound") + " " + Html.date(b.boundAt()) + "; " + t("seen") + " " + Html.date(b.lastSeen())
                                + " <form class=\"inline\" method=\"post\" action=\"release\">"
                                + "<input type=\"hidden\" name=\"installationId\" value=\"" + esc(b.installationId())
                                + "\"><button>" + t("release") + "</button></form>");
            }
            out.append("</table>");
        }
        out.append("<h2>").append(t("coupon")).append("</h2><form method=\"post\" action=\"coupon\">")
                .append("<input type=\"text\" name=\"coupon\" autocomplete=\"off\" spellcheck=\"false\"")
                .append(" placeholder=\"MKTC-XXXXX-XXXXX-XXXXX-XXXXX\"> <button>").append(t("coupon.button"))
                .append("</button></form>");
        if (licenseKey != null) {
            out.append("<h2>").append(t("offline")).append("</h2><p><a href=\"offline\">").append(t("offline.link"))
                    .append("</a></p>");
        }
        return out.toString();
    }

    /** By what the PBX reports of itself (host name, PBX version); the id, which is what the key binds, below. */
    private String installationName(Binding b) {
        String name = b.hostName() == null ? t("installation.unnamed") : esc(b.hostName());
        String version = b.pbxVersion() == null ? ""
                : " <small class=\"version\">" + esc(String.format(Texts.get("installation.version", lang), b.pbxVersion()))
                        + "</small>";
        return "<span class=\"installation\">" + name + "</span>" + version + "<br><small>" + t("installation.id")
                + " <code>" + esc(b.installationId()) + "</code></small>";
    }

    private String expiry(long expiresAt) {
        return expiresAt > now
                ? "<span class=\"ok\">" + t("expires") + " " + Html.date(expiresAt) + "</span>"
                : "<span class=\"old\">" + t("expired") + " " + Html.date(expiresAt) + "</span>";
    }

    private static void row(StringBuilder out, String label, String value) {
        out.append("<tr><th>").append(label).append("</th><td>").append(value).append("</td></tr>");
    }
}
