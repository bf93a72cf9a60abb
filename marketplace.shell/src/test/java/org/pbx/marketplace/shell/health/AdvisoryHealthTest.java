package org.pbx.marketplace.shell.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.Test;
import org.pbx.marketplace.api.dto.AdvisoryDTO;

/** The advisory health rules: OK without advisories, WARN under one, CRITICAL under a critical one, dismissed or not. */
class AdvisoryHealthTest {

    private static AdvisoryDTO advisory(String id, String severity, boolean dismissed) {
        AdvisoryDTO a = new AdvisoryDTO();
        a.id = id;
        a.moduleId = "com.example.fax";
        a.installedVersion = "1.0.0";
        a.severity = severity;
        a.fixedVersion = "1.0.1";
        a.fixAvailable = true;
        a.title = Map.of("en", "Open relay", "ru", "Открытый релей");
        a.dismissed = dismissed;
        return a;
    }

    private static Result judge(AdvisoryDTO... advisories) {
        return new Result(AdvisoryHealth.judge(List.of(advisories)));
    }

    @Test
    void severityDecidesTheStatus() {
        assertEquals(Result.Status.OK, judge().getStatus());
        assertEquals(Result.Status.WARN, judge(advisory("SA-1", "high", false)).getStatus());
        assertEquals(Result.Status.WARN, judge(advisory("SA-1", "low", true)).getStatus(), "dismissed still counts");
        Result critical = judge(advisory("SA-1", "low", false), advisory("SA-2", "critical", true));
        assertEquals(Result.Status.CRITICAL, critical.getStatus());
        StringBuilder messages = new StringBuilder();
        critical.forEach(entry -> messages.append(entry.getMessage()).append('\n'));
        String text = messages.toString();
        assertTrue(text.contains("SA-2") && text.contains("marketplace:update com.example.fax"), text);
    }
}
