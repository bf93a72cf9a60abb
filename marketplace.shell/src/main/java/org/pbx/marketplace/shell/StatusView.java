package org.pbx.marketplace.shell;

import org.pbx.marketplace.api.LicenseStatus;
import org.pbx.marketplace.api.dto.FeatureDTO;
import org.pbx.marketplace.api.dto.LicenseDTO;
import org.pbx.marketplace.api.dto.ProductDTO;

/**
 * The license as the console shows it: where it stands, why and what to do, then products and
 * features as tables. Only the masked key ever appears here.
 */
final class StatusView {

    private StatusView() {
    }

    static String render(LicenseDTO license, Texts t) {
        StringBuilder out = new StringBuilder(t.get("status.title")).append('\n');
        line(out, t.get("status.status"), t.status(license.status));
        if (license.reason != null) {
            line(out, t.get("status.reason"), t.reason(license.reason));
        }
        String hint = hint(license, t);
        if (hint != null) {
            out.append("  ").append(hint).append('\n');
        }
        if (license.status == LicenseStatus.UNREGISTERED) {
            return out.toString();
        }
        line(out, t.get("status.key"), license.maskedKey);
        if (license.owner != null) {
            line(out, t.get("status.owner"), license.owner.companyName + " <" + license.owner.email + ">");
        }
        line(out, t.get("status.installation"), license.installationId);
        line(out, t.get("status.lastCheck"), t.time(license.lastCheckAt));
        line(out, t.get("status.nextCheck"), t.time(license.nextCheckAt));
        line(out, t.get("status.offlineUntil"), t.time(license.offlineUntil));
        if (license.cabinetUrl != null) {
            line(out, t.get("status.cabinet"), license.cabinetUrl);
        }
        if (license.products != null && !license.products.isEmpty()) {
            Table products = new Table(t.get("col.product"), t.get("col.name"), t.get("col.trial"), t.get("col.expires"));
            for (ProductDTO p : license.products) {
                products.row(p.id, t.name(p.names, p.name), t.yesNo(p.trial), t.time(p.expiresAt));
            }
            out.append('\n').append(t.get("status.products")).append('\n').append(products);
        }
        if (license.features != null && !license.features.isEmpty()) {
            // The id beside the name: modules and support speak of features by id.
            Table features = new Table(t.get("col.feature"), t.get("col.name"), t.get("col.available"), t.get("col.seats"),
                    t.get("col.expires"));
            for (FeatureDTO f : license.features) {
                String seats = f.seats == 0 ? t.get("none") : f.seatsUsed + "/" + f.seats;
                features.row(f.id, t.name(f.names, t.get("none")), t.yesNo(f.available), seats, t.time(f.expiresAt));
            }
            out.append('\n').append(t.get("status.features")).append('\n').append(features);
        }
        return out.toString();
    }

    /** What to do, for the statuses whose reason (if any) does not already say it. */
    private static String hint(LicenseDTO license, Texts t) {
        switch (license.status) {
            case UNREGISTERED:
                return t.get("status.unregistered");
            case PENDING:
                return license.reason == null ? t.get("status.pending") : null;
            case GRACE:
                return t.get("status.grace", t.time(license.offlineUntil));
            default:
                return null;
        }
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append("  ").append(label).append(": ").append(value == null ? "" : value).append('\n');
    }
}
