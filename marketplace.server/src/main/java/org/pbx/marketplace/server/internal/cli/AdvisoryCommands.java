package org.pbx.marketplace.server.internal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** advisory publish | list */
@Command(name = "advisory", description = "Security advisories in the signed catalog (a withdrawn release is one too).")
final class AdvisoryCommands extends CommandGroup {

    @Command(name = "publish", description = "Publishes a security advisory (POST /admin/advisories); one with the same id is replaced."
            + " Refused when its module is not in the catalog, a range is no OSGi version range, the fixed version is inside one,"
            + " or a severity, title or text (en and ru) is missing.")
    int publish(@Option(names = "--file", required = true, paramLabel = "FILE",
            description = "the advisory (JSON: id, moduleId, affected, fixedVersion, severity, title, text, url, withdrawn)")
                File file) throws Exception {
        JsonNode parsed;
        try {
            parsed = AdminClient.JSON.readTree(file);
        } catch (IOException e) {
            err().println("Refused: " + file + " is not JSON: " + e.getMessage());
            return AdminTool.REFUSED;
        }
        JsonNode result = tool.client().post("/advisories", parsed);
        out().println((result.get("unchanged").asBoolean() ? "Already published: " : "Published advisory ")
                + result.get("id").asText() + " for " + result.get("moduleId").asText()
                + "; the catalog is signed again on its next request");
        return 0;
    }

    @Command(name = "list", description = "Lists the advisories of the catalog source (GET /admin/advisories).")
    int list() throws Exception {
        for (JsonNode a : tool.client().get("/advisories").get("advisories")) {
            out().println(a.get("id").asText() + "  " + a.get("moduleId").asText() + " " + a.get("affected")
                    + "  " + a.get("severity").asText() + (a.hasNonNull("fixedVersion") ? "  fixed in " + a.get("fixedVersion").asText() : "")
                    + (a.path("withdrawn").asBoolean() ? "  withdrawn" : "") + "  " + a.path("title").path("en").asText());
        }
        return 0;
    }
}
