package org.pbx.marketplace.impl.internal.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.osgi.framework.Version;

/**
 * Which security fixes the automatic policy may install, decided on plain data: for an installed
 * module an advisory covers, the advisory's fixed release, and only when that release is in the
 * catalog, newer than the installed one, runs on this PBX, is covered by no advisory itself, needs
 * no module that is not installed and no license the PBX does not have. Never a feature release:
 * only a version an advisory names as its fix (the smallest that qualifies; a fix that is itself under
 * an advisory is passed over for that advisory's fix).
 */
final class FixPlanner {

    /** A fix to install: module, from, to, and the advisory it answers. */
    record Fix(String moduleId, Version installed, Version version, String advisoryId) {
    }

    /** A covered module with no fix to install automatically, and why (for the log). */
    record Skipped(String moduleId, Version installed, String why) {
    }

    record Plan(List<Fix> fixes, List<Skipped> skipped) {
    }

    private FixPlanner() {
    }

    /**
     * @param installed module id → installed version
     * @param licensed  whether a feature is licensed now
     */
    static Plan plan(CatalogDocument document, Map<String, Version> installed, Version host, Predicate<String> licensed) {
        List<Fix> fixes = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Map.Entry<String, Version> entry : installed.entrySet()) {
            String id = entry.getKey();
            Version current = entry.getValue();
            List<Advisory> covering = document.advisories.covering(id, current);
            if (covering.isEmpty()) {
                continue;
            }
            CatalogDocument.Module module = document.modules.get(id);
            TreeSet<Version> candidates = fixesOf(document, id, current);
            String why = candidates.isEmpty() ? "no fixed release yet" : null;
            Fix chosen = null;
            for (Version candidate : candidates) {
                String refusal = refusal(document, module, candidate, installed, host, licensed);
                if (refusal == null) {
                    String advisory = document.advisories.all().stream()
                            .filter(a -> a.moduleId.equals(id) && candidate.equals(a.fixedVersion)).findFirst().get().id;
                    chosen = new Fix(id, current, candidate, advisory);
                    break;
                }
                why = why == null ? refusal : why + "; " + refusal;
            }
            if (chosen != null) {
                fixes.add(chosen);
            } else {
                skipped.add(new Skipped(id, current, why));
            }
        }
        return new Plan(fixes, skipped);
    }

    /** The fixed versions of the advisories covering a version, and of those covering each fix in turn (a fix of the fix). */
    private static TreeSet<Version> fixesOf(CatalogDocument document, String moduleId, Version current) {
        TreeSet<Version> found = new TreeSet<>();
        java.util.Deque<Version> todo = new java.util.ArrayDeque<>(List.of(current));
        while (!todo.isEmpty()) {
            Version version = todo.pop();
            for (Advisory advisory : document.advisories.covering(moduleId, version)) {
                if (advisory.fixedVersion != null && advisory.fixedVersion.compareTo(version) > 0 && found.add(advisory.fixedVersion)) {
                    todo.push(advisory.fixedVersion);
                }
            }
        }
        return found;
    }

    private static String refusal(CatalogDocument document, CatalogDocument.Module module, Version candidate,
                                  Map<String, Version> installed, Version host, Predicate<String> licensed) {
        CatalogDocument.Release release = module == null ? null : module.release(candidate);
        if (release == null) {
            return candidate + " is not in the catalog";
        }
        String incompatible = release.incompatibility(host);
        if (incompatible != null) {
            return candidate + " needs PBX " + incompatible + " (this PBX is " + host + ")";
        }
        if (!document.advisories.covering(module.id, candidate).isEmpty()) {
            return candidate + " is covered by an advisory itself";
        }
        for (String required : release.requires) {
            if (!installed.containsKey(required)) {
                return candidate + " needs module " + required + ", which is not installed";
            }
        }
        if (module.commercial && (module.featureId == null || !licensed.test(module.featureId))) {
            return candidate + " needs a license for feature " + module.featureId;
        }
        return null;
    }
}
