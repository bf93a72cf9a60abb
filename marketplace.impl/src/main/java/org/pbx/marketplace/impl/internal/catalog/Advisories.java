package org.pbx.marketplace.impl.internal.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.osgi.framework.Version;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A verified catalog's advisories, immutable. {@link #covering(String, Version)} is the one question
 * the rest of the PBX asks ("which advisories cover module M version V"): the page, the shell, the
 * health check, the update policy, and the earlier releases offered for a downgrade.
 */
final class Advisories {

    static final Advisories NONE = new Advisories(List.of());

    private final List<Advisory> all;

    private Advisories(List<Advisory> all) {
        this.all = Collections.unmodifiableList(all);
    }

    /** @throws IllegalArgumentException when an advisory is not spelled as the protocol says (the whole catalog is refused) */
    static Advisories parse(JsonNode advisories) {
        if (!advisories.isArray() || advisories.isEmpty()) {
            return NONE;
        }
        List<Advisory> list = new ArrayList<>();
        advisories.forEach(a -> list.add(new Advisory(a)));
        return new Advisories(list);
    }

    List<Advisory> all() {
        return all;
    }

    /** The advisories whose affected ranges hold this version of this module, most severe first; empty when none. */
    List<Advisory> covering(String moduleId, Version version) {
        List<Advisory> found = new ArrayList<>();
        for (Advisory advisory : all) {
            if (advisory.moduleId.equals(moduleId) && advisory.covers(version)) {
                found.add(advisory);
            }
        }
        found.sort((a, b) -> Integer.compare(b.rank(), a.rank()));
        return found;
    }

    Advisory byId(String id) {
        return all.stream().filter(a -> a.id.equals(id)).findFirst().orElse(null);
    }
}
