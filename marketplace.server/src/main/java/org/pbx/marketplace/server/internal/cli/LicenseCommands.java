package org.pbx.marketplace.server.internal.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** license revoke */
@Command(name = "license", description = "License keys.")
final class LicenseCommands extends CommandGroup {

    @Command(name = "revoke", description = "Revokes a license key: its next check gets a signed REVOKED refusal"
            + " (POST /admin/licenses/revoke).")
    int revoke(@Parameters(paramLabel = "KEY", description = "MKT-XXXXX-XXXXX-XXXXX-XXXXX") String key) throws Exception {
        tool.client().post("/licenses/revoke", AdminClient.JSON.createObjectNode().put("licenseKey", key));
        out().println("Revoked " + key.trim().substring(0, Math.min(9, key.trim().length())) + "…");
        return 0;
    }
}
