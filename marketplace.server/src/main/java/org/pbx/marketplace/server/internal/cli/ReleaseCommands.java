package org.pbx.marketplace.server.internal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Base64;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** release publish | list */
@Command(name = "release", description = "Module releases in the signed catalog.")
final class ReleaseCommands extends CommandGroup {

    @Command(name = "publish", description = "Publishes a module release: the jar and its catalog entry (POST /admin/releases)."
            + " Refused when the entry's product or feature does not exist or the jar is another bundle or version.")
    int publish(@Option(names = "--jar", required = true, paramLabel = "FILE", description = "the module bundle") File jar,
                @Option(names = "--entry", required = true, paramLabel = "FILE",
                        description = "the module's catalog entry (JSON, as in catalog-source.json) with exactly this one release")
                File entry) throws Exception {
        JsonNode parsed;
        try {
            parsed = AdminClient.JSON.readTree(entry);
        } catch (IOException e) {
            err().println("Refused: " + entry + " is not JSON: " + e.getMessage());
            return AdminTool.REFUSED;
        }
        ObjectNode body = AdminClient.JSON.createObjectNode();
        body.set("entry", parsed);
        body.put("jar", Base64.getUrlEncoder().withoutPadding().encodeToString(Files.readAllBytes(jar.toPath())));
        JsonNode result = tool.client().post("/releases", body);
        out().println((result.get("unchanged").asBoolean() ? "Already published: " : "Published ")
                + result.get("moduleId").asText() + " " + result.get("version").asText() + " (" + result.get("size").asLong()
                + " bytes, SHA-256 " + result.get("sha256").asText() + "); the catalog is signed again on its next request");
        return 0;
    }

    @Command(name = "list", description = "Lists the releases published through the admin API (GET /admin/releases).")
    int list() throws Exception {
        for (JsonNode r : tool.client().get("/releases").get("releases")) {
            out().println(r.get("moduleId").asText() + " " + r.get("version").asText() + "  " + r.get("size").asLong()
                    + " bytes  " + r.get("sha256").asText());
        }
        return 0;
    }
}
