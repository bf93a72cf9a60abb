package org.pbx.marketplace.server.internal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** root show | renew | rotate | revoke: the vendor's trust root (docs/vendor-admin.md, docs/protocol.md §3.3). */
@Command(name = "root", description = "The trust root PBXs pin: its keys, rotation and revocation.")
final class RootCommands extends CommandGroup {

    @Command(name = "show", description = "Shows the newest root: version, expiry, keys of each role (GET /admin/root).")
    int show() throws Exception {
        print(tool.client().get("/root"));
        return 0;
    }

    @Command(name = "renew", description = "Publishes the next root version with the same keys and a fresh expiry"
            + " (POST /admin/root/renew). Do it well before the newest root expires.")
    int renew() throws Exception {
        print(tool.client().post("/root/renew", AdminClient.JSON.createObjectNode()));
        return 0;
    }

    @Command(name = "rotate", description = "Publishes the next root version in which a new key replaces the role's keys"
            + " (POST /admin/root/rotate); PBXs follow on their next check, the old key verifies nothing any more.")
    int rotate(@Option(names = "--role", required = true, paramLabel = "ROLE",
            description = "license, catalog or root") String role) throws Exception {
        print(tool.client().post("/root/rotate", AdminClient.JSON.createObjectNode().put("role", role)));
        return 0;
    }

    @Command(name = "revoke", description = "Publishes the next root version without the key (a leaked one, say)"
            + " (POST /admin/root/revoke); a role left without a key gets a new one.")
    int revoke(@Option(names = "--key", required = true, paramLabel = "KID", description = "the key id, ed25519-…")
               String kid) throws Exception {
        print(tool.client().post("/root/revoke", AdminClient.JSON.createObjectNode().put("keyId", kid)));
        return 0;
    }

    private void print(JsonNode root) {
        out().println("Root version " + root.path("version").asLong() + " of " + root.path("vendor").asText()
                + ", expires " + java.time.Instant.ofEpochSecond(root.path("expires").asLong()));
        root.path("roles").fields().forEachRemaining(role -> {
            StringBuilder ids = new StringBuilder();
            role.getValue().path("keyids").forEach(id -> ids.append(' ').append(id.asText()));
            out().println("  " + role.getKey() + ":" + ids + " (threshold " + role.getValue().path("threshold").asInt() + ")");
        });
    }
}
