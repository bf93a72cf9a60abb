package org.pbx.marketplace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST /admin/licenses/revoke (docs/protocol.md §5.10): only with the admin token; the next
 * validation of the key gets a signed REVOKED refusal.
 */
class AdminApiTest {

    @TempDir
    Path data;

    @Test
    void revokesOnlyWithTheAdminToken() {
        try (Harness vendor = new Harness(data, new TestClock(), b -> b.adminToken("s3cret-admin-token"))) {
            TestInstallation pbx = new TestInstallation();
            String key = vendor.register(pbx, "admin-test@example.com", "Admin Test Co");
            byte[] body = ("{\"licenseKey\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8);

            assertEquals(404, vendor.send("POST", "/admin/licenses/revoke", body, Map.of()).status(), "no token");
            assertEquals(404, vendor.send("POST", "/admin/licenses/revoke", body,
                    Map.of("Authorization", "Bearer wrong")).status(), "wrong token");
            vendor.token(vendor.validate(pbx, key));

            Map<String, String> admin = Map.of("Authorization", "Bearer s3cret-admin-token");
            assertEquals(204, vendor.send("POST", "/admin/licenses/revoke", body, admin).status());
            assertEquals("REVOKED", vendor.refusal(vendor.validate(pbx, key)).get("reason").asText());
            assertEquals(404, vendor.send("POST", "/admin/licenses/revoke",
                    "{\"licenseKey\":\"MKT-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ\"}".getBytes(StandardCharsets.UTF_8), admin).status());
            assertEquals(405, vendor.send("GET", "/admin/licenses/revoke", new byte[0], admin).status());
        }
    }

    @Test
    void withoutAConfiguredTokenThePathDoesNotExist() {
        try (Harness vendor = Harness.start(data)) {
            assertEquals(404, vendor.send("POST", "/admin/licenses/revoke", "{}".getBytes(StandardCharsets.UTF_8),
                    Map.of("Authorization", "Bearer anything")).status());
        }
    }
}
