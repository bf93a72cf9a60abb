package org.pbx.marketplace.impl.internal.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.osgi.service.log.Logger;
import org.pbx.marketplace.api.dto.ReasonDTO;

/**
 * The undo steps of one framework change, run newest first when the change fails. A step that
 * fails does not stop the others; each failure is logged with what it left behind and named on
 * the operation, and the install journal then stays, so the next start tries again.
 */
final class Rollback {

    interface Step {
        void run() throws Exception;
    }

    private final List<String> descriptions = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();

    /** @param what what the step undoes, as a log line would say it ("uninstall org.x 1.1.0") */
    void add(String what, Step step) {
        descriptions.add(what);
        steps.add(step);
    }

    /** Runs the steps newest first; answers what could not be undone (empty: the framework is as before). */
    List<String> run(Logger logger, String operation) {
        List<String> left = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            order.add(i);
        }
        Collections.reverse(order);
        for (int i : order) {
            try {
                steps.get(i).run();
            } catch (Exception e) {
                String what = descriptions.get(i) + " failed (" + e.getMessage() + ")";
                left.add(what);
                logger.error("Rolling back " + operation + ": " + what + "; the module stays as it is until the next start retries");
            }
        }
        return left;
    }

    /** The failure's reason, saying also what the rollback left (nothing added if it left nothing). */
    static ReasonDTO withLeftovers(ReasonDTO failure, List<String> left) {
        if (left.isEmpty()) {
            return failure;
        }
        ReasonDTO note = CatalogReason.ROLLBACK_LEFT.dto(String.join("; ", left));
        ReasonDTO dto = new ReasonDTO();
        dto.code = failure.code;
        dto.field = failure.field;
        dto.message = java.util.Map.of("en", failure.message.get("en") + " " + note.message.get("en"),
                "ru", failure.message.get("ru") + " " + note.message.get("ru"));
        return dto;
    }
}
