package org.pbx.marketplace.impl.internal.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.Version;
import org.pbx.marketplace.api.dto.UpgradeCheckDTO;
import org.pbx.marketplace.api.dto.UpgradeCheckModuleDTO;

/**
 * "Check PBX version X": for every installed module, whether its release runs on X, or a newer
 * release does (the update to make, preferably one that also runs on this PBX, so it can be made
 * before the upgrade), or none does; computed from the releases' PBX version ranges only.
 */
final class UpgradeCheck {

    private final Map<String, CatalogDocument.Module> catalog;
    private final Version host;

    UpgradeCheck(Map<String, CatalogDocument.Module> catalog, Version host) {
        this.catalog = catalog;
        this.host = host;
    }

    /**
     * The target as the admin typed it, strictly: major[.minor[.micro]], digits only.
     *
     * @return null when it is not such a version
     */
    static Version parse(String pbxVersion) {
        String v = pbxVersion == null ? "" : pbxVersion.trim();
        if (!v.matches("[0-9]{1,9}(\\.[0-9]{1,9}){0,2}")) {
            return null;
        }
        return Version.parseVersion(v);
    }

    UpgradeCheckDTO check(Version target, String asGiven, Map<String, Version> installed, long catalogVersion, boolean stale) {
        UpgradeCheckDTO dto = new UpgradeCheckDTO();
        dto.pbxVersion = asGiven.trim();
        dto.hostVersion = host.toString();
        dto.catalogVersion = catalogVersion;
        dto.stale = stale;
        dto.modules = new ArrayList<>();
        for (Map.Entry<String, Version> entry : new TreeMap<>(installed).entrySet()) {
            dto.modules.add(module(entry.getKey(), entry.getValue(), target));
        }
        dto.text = Map.of("en", text(dto, "en"), "ru", text(dto, "ru"));
        return dto;
    }

    private UpgradeCheckModuleDTO module(String id, Version installed, Version target) {
        UpgradeCheckModuleDTO m = new UpgradeCheckModuleDTO();
        m.moduleId = id;
        m.installedVersion = installed.toString();
        CatalogDocument.Module module = catalog.get(id);
        if (module == null) {
            m.outcome = UpgradeCheckModuleDTO.UNKNOWN;
            m.reason = CatalogReason.UPGRADE_UNKNOWN.dto(installed);
            return m;
        }
        m.name = module.name;
        CatalogDocument.Release current = module.release(installed);
        if (current != null && current.incompatibility(target) == null) {
            m.outcome = UpgradeCheckModuleDTO.COMPATIBLE;
            m.reason = CatalogReason.UPGRADE_COMPATIBLE.dto(installed, target, range(current));
            return m;
        }
        CatalogDocument.Release both = null;
        CatalogDocument.Release targetOnly = null;
        for (CatalogDocument.Release r : module.releases) { // newest first
            if (r.version.compareTo(installed) <= 0 || r.incompatibility(target) != null) {
                continue;
            }
            if (both == null && r.incompatibility(host) == null) {
                both = r;
            }
            if (targetOnly == null) {
                targetOnly = r;
            }
        }
        CatalogDocument.Release update = both != null ? both : targetOnly;
        if (update != null) {
            m.outcome = UpgradeCheckModuleDTO.UPDATE_NEEDED;
            m.release = update.version.toString();
            m.reason = current == null ? CatalogReason.UPGRADE_NOT_LISTED_UPDATE.dto(installed, update.version, target, range(update))
                    : (update == both ? CatalogReason.UPGRADE_UPDATE_BEFORE : CatalogReason.UPGRADE_UPDATE_AFTER)
                    .dto(installed, range(current), target, update.version, range(update));
            return m;
        }
        m.outcome = UpgradeCheckModuleDTO.INCOMPATIBLE;
        m.reason = current == null ? CatalogReason.UPGRADE_NOT_LISTED.dto(installed)
                : CatalogReason.UPGRADE_INCOMPATIBLE.dto(installed, range(current), target);
        return m;
    }

    /** A release's PBX version range as the reasons say it. */
    static String range(CatalogDocument.Release r) {
        if (r.minHost == null && r.maxHost == null) {
            return "any";
        }
        return (r.minHost == null ? "" : "≥ " + r.minHost) + (r.minHost != null && r.maxHost != null ? ", " : "")
                + (r.maxHost == null ? "" : "≤ " + r.maxHost);
    }

    /** The report as text, one line per module; the same for the page's copy button and the shell. */
    static String text(UpgradeCheckDTO dto, String language) {
        boolean ru = "ru".equals(language);
        StringBuilder out = new StringBuilder(ru
                ? "Проверка перехода на АТС " + dto.pbxVersion + " (сейчас " + dto.hostVersion + ", каталог " + dto.catalogVersion + ")"
                : "Upgrade check for PBX " + dto.pbxVersion + " (now " + dto.hostVersion + ", catalog " + dto.catalogVersion + ")");
        out.append('\n');
        if (dto.stale) {
            out.append(ru ? "Каталог устарел: ответ может быть неточным.\n" : "The catalog is out of date: the answer may be too.\n");
        }
        if (dto.modules.isEmpty()) {
            out.append(ru ? "Модули не установлены.\n" : "No modules are installed.\n");
        }
        for (UpgradeCheckModuleDTO m : dto.modules) {
            out.append(m.moduleId).append(' ').append(m.installedVersion).append(": ").append(outcome(m, ru))
                    .append(" — ").append(m.reason.message.get(ru ? "ru" : "en")).append('\n');
        }
        return out.toString();
    }

    private static String outcome(UpgradeCheckModuleDTO m, boolean ru) {
        switch (m.outcome) {
            case UpgradeCheckModuleDTO.COMPATIBLE:
                return ru ? "совместим" : "compatible";
            case UpgradeCheckModuleDTO.UPDATE_NEEDED:
                return ru ? "совместим после обновления до " + m.release : "compatible after updating to " + m.release;
            case UpgradeCheckModuleDTO.INCOMPATIBLE:
                return ru ? "несовместим" : "incompatible";
            default:
                return ru ? "неизвестно" : "unknown";
        }
    }
}
