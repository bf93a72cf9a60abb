package org.pbx.marketplace.server.internal.cabinet;

import static org.pbx.marketplace.server.internal.cabinet.Html.esc;

import org.pbx.marketplace.server.internal.license.CabinetService;
import org.pbx.marketplace.server.internal.license.Entitlements.ProductGrant;

/** What a coupon login sees: the coupon (its code shortened), its product on the license, nothing of the owner. */
final class CouponPage {
    private final String lang;
    private final long now;

    CouponPage(String lang, long now) {
        this.lang = lang;
        this.now = now;
    }

    private String t(String key) {
        return esc(Texts.get(key, lang));
    }

    String render(CabinetService.CouponView view, String coupon) {
        StringBuilder out = new StringBuilder();
        out.append("<p class=\"note\">").append(t("coupon.view")).append("</p><table>");
        row(out, t("coupon.code"), "<code>" + esc(masked(coupon)) + "</code>");
        row(out, t("status"), t("status." + view.status()));
        row(out, t("coupon.days"), Integer.toString(view.days()));
        for (ProductGrant p : view.products()) {
            String expiry = p.expiresAt() > now
                    ? "<span class=\"ok\">" + t("expires") + " " + Html.date(p.expiresAt()) + "</span>"
                    : "<span class=\"old\">" + t("expired") + " " + Html.date(p.expiresAt()) + "</span>";
            row(out, esc("ru".equals(lang) ? p.nameRu() : p.nameEn()), expiry);
        }
        return out.append("</table>").toString();
    }

    /** Only the last group: the page may be seen over a shoulder, the code is still a login. */
    static String masked(String coupon) {
        int last = coupon.lastIndexOf('-');
        return "MKTC-…" + (last < 0 ? "" : coupon.substring(last));
    }

    private static void row(StringBuilder out, String label, String value) {
        out.append("<tr><th>").append(label).append("</th><td>").append(value).append("</td></tr>");
    }
}
