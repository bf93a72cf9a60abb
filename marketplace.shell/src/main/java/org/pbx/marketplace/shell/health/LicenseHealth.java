package org.pbx.marketplace.shell.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.apache.felix.hc.api.FormattingResultLog;
import org.pbx.marketplace.api.LicenseStatus;
import org.pbx.marketplace.api.dto.LicenseDTO;
import org.pbx.marketplace.api.dto.ModuleDTO;
import org.pbx.marketplace.api.dto.ProductDTO;
import org.pbx.marketplace.api.dto.ReasonDTO;

/**
 * The health rules, apart from OSGi so they can be tested on plain data: CRITICAL when an
 * installed paid module has lost its license; WARN in GRACE, PENDING, EXPIRED, REVOKED or INVALID
 * and when a product expires within the warning window; OK otherwise. Messages are English
 * (monitoring systems match on them) and never contain the key.
 */
final class LicenseHealth {

    private LicenseHealth() {
    }

    /**
     * @param license the license now
     * @param installedPaid the installed commercial modules
     * @param whyUnavailable the license's reason a feature is unavailable, null if it is available
     * @param now the time to judge expiry against
     * @param warnBefore how long before a product's expiry to warn
     */
    static FormattingResultLog judge(LicenseDTO license, List<ModuleDTO> installedPaid,
            Function<String, ReasonDTO> whyUnavailable, Instant now, Duration warnBefore) {
        FormattingResultLog log = new FormattingResultLog();
        statusEntry(log, license);
        for (ModuleDTO module : installedPaid) {
            ReasonDTO why = module.featureId == null ? null : whyUnavailable.apply(module.featureId);
            if (why != null) {
                log.critical("Paid module {} {} is installed but feature {} is not licensed: {}",
                        module.id, module.installedVersion, module.featureId, english(why));
            } else {
                log.info("Paid module {} {}: feature {} licensed", module.id, module.installedVersion, module.featureId);
            }
        }
        if (license.products != null && (license.status == LicenseStatus.ACTIVE || license.status == LicenseStatus.GRACE)) {
            for (ProductDTO product : license.products) {
                expiryEntry(log, product, now, warnBefore);
            }
        }
        return log;
    }

    private static void statusEntry(FormattingResultLog log, LicenseDTO license) {
        switch (license.status) {
            case ACTIVE:
                log.info("License ACTIVE; last check with the vendor at {}", Instant.ofEpochMilli(license.lastCheckAt));
                break;
            case UNREGISTERED:
                log.info("Not registered: free modules only");
                break;
            case GRACE:
                log.warn("License in GRACE: the vendor cannot be reached; it holds until {}. {}",
                        Instant.ofEpochMilli(license.offlineUntil), english(license.reason));
                break;
            default:
                log.warn("License {}: {}", license.status, english(license.reason));
        }
    }

    private static void expiryEntry(FormattingResultLog log, ProductDTO product, Instant now, Duration warnBefore) {
        if (product.expiresAt <= 0) {
            return;
        }
        Instant expires = Instant.ofEpochMilli(product.expiresAt);
        if (expires.isAfter(now) && !expires.isAfter(now.plus(warnBefore))) {
            log.warn("Product {} ({}) expires at {}, in {} days: renew it in the vendor's cabinet or apply a coupon",
                    product.id, product.trial ? "trial" : "paid", expires, Duration.between(now, expires).toDays());
        }
    }

    private static String english(ReasonDTO reason) {
        if (reason == null) {
            return "";
        }
        String text = reason.message == null ? null : reason.message.get("en");
        return (text == null ? "" : text) + " [" + reason.code + "]";
    }
}
