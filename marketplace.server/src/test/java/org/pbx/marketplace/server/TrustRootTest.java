package org.pbx.marketplace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.server.internal.cli.AdminTool;
import org.pbx.marketplace.server.internal.crypto.Codec;
import org.pbx.marketplace.server.internal.crypto.Ed25519;

/**
 * The vendor's trust roots (docs/protocol.md §4.4, docs/vendor-admin.md §7): version 1 on the first
 * start, separate license and catalog keys, and the admin commands that renew, rotate and revoke,
 * each publishing version N+1 signed by root N's key and its own.
 */
class TrustRootTest {
    private static final String TOKEN = "trust-root-test-admin-token-0123";

    @TempDir
    Path data;

    private String admin(Harness vendor, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        all[0] = "--url";
        all[1] = vendor.server.baseUrl().toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int status = AdminTool.execute(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("VENDOR_ADMIN_TOKEN", TOKEN));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private Harness server() {
        return new Harness(data, new TestClock(), b -> b.adminToken(TOKEN));
    }

    private static JsonNode signed(String document) throws Exception {
        JsonNode outer = Harness.JSON.readTree(document);
        return Harness.JSON.readTree(Base64.getUrlDecoder().decode(outer.get("signed").asText()));
    }

    /** Whether {@code document} carries a valid signature by key {@code kid} of {@code by}. */
    private static boolean signedBy(String document, JsonNode by, String kid) throws Exception {
        JsonNode outer = Harness.JSON.readTree(document);
        Ed25519.PublicKey key = Ed25519.publicKey(Codec.unb64(by.get("keys").get(kid).asText()));
        for (JsonNode sig : outer.get("signatures")) {
            if (sig.get("keyid").asText().equals(kid)
                    && key.verify(outer.get("signed").asText().getBytes(StandardCharsets.US_ASCII), Codec.unb64(sig.get("sig").asText()))) {
                return true;
            }
        }
        return false;
    }

    private static String kidOf(String jws) throws Exception {
        return Harness.JSON.readTree(Base64.getUrlDecoder().decode(jws.split("\\.")[0])).get("kid").asText();
    }

    private static String role(JsonNode root, String role) {
        return root.get("roles").get(role).get("keyids").get(0).asText();
    }

    @Test
    void theFirstStartMakesVersionOneWithSeparateKeysAndServesIt() throws Exception {
        try (Harness vendor = server()) {
            Harness.Resp first = vendor.get("/v1/root/1.json");
            assertEquals(200, first.status());
            assertEquals(Files.readString(data.resolve("keys/trust/roots/1.json")), first.text(), "served byte for byte");
            JsonNode root = signed(first.text());
            assertEquals("pbx-root", root.get("type").asText());
            assertEquals(1, root.get("version").asInt());
            assertTrue(root.get("expires").asLong() > vendor.clock.instant().getEpochSecond());
            assertNotEquals(role(root, "license"), role(root, "catalog"), "license and catalog keys are separate");
            assertNotEquals(role(root, "license"), role(root, "root"));
            assertTrue(signedBy(first.text(), root, role(root, "root")), "self-signed by its root key");
            assertEquals(404, vendor.get("/v1/root/2.json").status(), "the chain ends");
            assertEquals(404, vendor.get("/v1/root/0.json").status());
            assertEquals(role(root, "catalog"), kidOf(vendor.get("/v1/catalog").text()));
        }
    }

    @Test
    void rotateAndRevokePublishTheNextVersionsSignedByTheOldRootAndTheirOwn() throws Exception {
        try (Harness vendor = server()) {
            String v1 = vendor.get("/v1/root/1.json").text();
            JsonNode root1 = signed(v1);
            long catalogBefore = Harness.JSON.readTree(Base64.getUrlDecoder().decode(
                    vendor.get("/v1/catalog").text().split("\\.")[1])).get("version").asLong();

            String rotated = admin(vendor, "root", "rotate", "--role", "catalog");
            assertTrue(rotated.contains("Root version 2"), rotated);
            String v2 = vendor.get("/v1/root/2.json").text();
            JsonNode root2 = signed(v2);
            assertNotEquals(role(root1, "catalog"), role(root2, "catalog"));
            assertEquals(role(root1, "license"), role(root2, "license"));
            assertTrue(signedBy(v2, root1, role(root1, "root")));
            // The catalog is re-signed with the new key at once, with a higher version.
            String catalog = vendor.get("/v1/catalog").text();
            assertEquals(role(root2, "catalog"), kidOf(catalog));
            assertTrue(Harness.JSON.readTree(Base64.getUrlDecoder().decode(catalog.split("\\.")[1])).get("version").asLong()
                    > catalogBefore);

            admin(vendor, "root", "rotate", "--role", "root");
            String v3 = vendor.get("/v1/root/3.json").text();
            JsonNode root3 = signed(v3);
            assertNotEquals(role(root2, "root"), role(root3, "root"));
            assertTrue(signedBy(v3, root2, role(root2, "root")), "signed by the old root key");
            assertTrue(signedBy(v3, root3, role(root3, "root")), "and by its own");

            String license1 = role(root1, "license");
            String revoked = admin(vendor, "root", "revoke", "--key", license1);
            assertTrue(revoked.contains("Root version 4"), revoked);
            JsonNode root4 = signed(vendor.get("/v1/root/4.json").text());
            assertNotEquals(license1, role(root4, "license"), "a fresh license key replaces the revoked one");
            assertFalse(root4.get("keys").has(license1), "the revoked key is gone from the root");
            assertTrue(signedBy(vendor.get("/v1/root/4.json").text(), root3, role(root3, "root")));

            String renewed = admin(vendor, "root", "renew");
            assertTrue(renewed.contains("Root version 5"), renewed);
            assertTrue(admin(vendor, "root", "show").contains("license: " + role(root4, "license")));
        }
        // A restart serves the same chain and signs with the newest keys.
        try (Harness again = server()) {
            assertEquals(200, again.get("/v1/root/5.json").status());
            assertEquals(404, again.get("/v1/root/6.json").status());
            assertEquals(role(signed(again.get("/v1/root/5.json").text()), "catalog"), kidOf(again.get("/v1/catalog").text()));
        }
    }

    @Test
    void revokingAKeyThatIsNotInTheRootIsRefused() {
        try (Harness vendor = server()) {
            Harness.Resp refused = vendor.send("POST", "/admin/root/revoke", "{\"keyId\":\"ed25519-0000000000000000\"}"
                    .getBytes(StandardCharsets.UTF_8), Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"));
            assertEquals(400, refused.status());
            assertEquals(1003, refused.json().get("code").asInt());
            assertTrue(refused.json().get("detail").asText().contains("is not in root version 1"), refused.text());
            assertEquals(404, vendor.get("/v1/root/2.json").status());
        }
    }
}
