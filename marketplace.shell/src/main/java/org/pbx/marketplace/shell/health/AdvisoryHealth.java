package org.pbx.marketplace.shell.health;

import java.util.List;

import org.apache.felix.hc.api.FormattingResultLog;
import org.pbx.marketplace.api.dto.AdvisoryDTO;

/**
 * The advisory health rules, on plain data: CRITICAL for an installed module under a critical
 * advisory, WARN under any other, OK when none. A dismissed advisory still counts: dismissing hides
 * the page's banner, not the risk. Messages are English (monitoring systems match on them).
 */
final class AdvisoryHealth {

    private AdvisoryHealth() {
    }

    static FormattingResultLog judge(List<AdvisoryDTO> advisories) {
        FormattingResultLog log = new FormattingResultLog();
        if (advisories == null || advisories.isEmpty()) {
            log.info("No security advisory covers an installed module");
            return log;
        }
        for (AdvisoryDTO a : advisories) {
            String fix = a.fixedVersion == null ? "no fix yet" : "fixed in " + a.fixedVersion
                    + (a.fixAvailable ? " (marketplace:update " + a.moduleId + ")" : " (not installable on this PBX)");
            String title = a.title == null ? "" : a.title.getOrDefault("en", "");
            if ("critical".equals(a.severity)) {
                log.critical("Security advisory {} (critical) covers module {} {}: {}; {}{}", a.id, a.moduleId,
                        a.installedVersion, title, fix, a.dismissed ? " [dismissed on the page]" : "");
            } else {
                log.warn("Security advisory {} ({}) covers module {} {}: {}; {}{}", a.id, a.severity, a.moduleId,
                        a.installedVersion, title, fix, a.dismissed ? " [dismissed on the page]" : "");
            }
        }
        return log;
    }
}
