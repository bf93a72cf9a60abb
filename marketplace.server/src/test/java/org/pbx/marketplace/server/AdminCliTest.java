package org.pbx.marketplace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.server.internal.cli.AdminTool;
import org.pbx.marketplace.testsupport.TestInstallation;

/**
 * The admin command line against a real server without demo data, as docs/vendor-admin.md uses
 * it: every command, and each refusal of a release publication, over the admin REST API.
 */
class AdminCliTest {
    private static final String TOKEN = "cli-test-admin-token-0123456789";

    @TempDir
    Path data;
    @TempDir
    Path files;

    record Run(int status, String out, String err) {
    }

    private Run admin(Harness vendor, String... args) {
        return admin(vendor, Map.of("VENDOR_ADMIN_TOKEN", TOKEN), args);
    }

    private Run admin(Harness vendor, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        all[0] = "--url";
        all[1] = vendor.server.baseUrl().toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int status = AdminTool.execute(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Harness server() {
        return new Harness(data, new TestClock(), b -> b.adminToken(TOKEN).demoData(false));
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path file = files.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    @Test
    void anEmptyServerHasNoProductsOfItsOwnNoCouponsAndNoModules() {
        try (Harness vendor = server()) {
            assertEquals(0, vendor.verifier.verify(vendor.get("/v1/catalog").body(), "pbx-catalog").get("modules").size());
            Run list = admin(vendor, "product", "list", "--json");
            assertEquals(0, list.status(), list.err());
            assertTrue(list.out().contains("\"id\" : \"pbx-marketplace\""), list.out());
            assertEquals(1, list.out().split("\"termDays\"").length - 1, "only the base product registration grants: "
                    + list.out());
            assertEquals(0, admin(vendor, "coupon", "list", "--json").out().split("\\[")[1].strip().indexOf(']'));
            assertFalse(Files.exists(data.resolve("catalog-source.json")));
        }
    }

    @Test
    void sellsAModuleWithCommandsOnly() throws Exception {
        try (Harness vendor = server()) {
            Run created = admin(vendor, "product", "create", "--id", "fax-pro", "--name-en", "Fax Pro",
                    "--name-ru", "Факс Pro", "--kind", "subscription", "--term-days", "30", "--trial-days", "14");
            assertEquals(0, created.status(), created.err());
            assertEquals(0, admin(vendor, "feature", "add", "--product", "fax-pro", "--id", "fax", "--name-en", "Fax",
                    "--name-ru", "Факс", "--seats", "3").status());
            Run listed = admin(vendor, "product", "list");
            assertTrue(listed.out().contains("fax-pro") && listed.out().contains("subscription")
                    && listed.out().contains("fax (3)"), listed.out());

            Run coupons = admin(vendor, "coupon", "create", "--product", "fax-pro", "--count", "3");
            assertEquals(0, coupons.status(), coupons.err());
            List<String> codes = coupons.out().lines().toList();
            assertEquals(3, codes.size());
            codes.forEach(c -> assertTrue(c.matches("MKTC(-[A-Z0-9]{5}){4}"), c));
            assertTrue(coupons.err().contains("30 days each"), "the product's term is the default: " + coupons.err());

            Path jar = write("fax.jar", TestBundles.jar("com.example.fax", "1.0.0", "v1"));
            Path entry = write("fax.json", TestBundles.entry("com.example.fax", "1.0.0", "fax-pro", "fax")
                    .getBytes(StandardCharsets.UTF_8));
            Run published = admin(vendor, "release", "publish", "--jar", jar.toString(), "--entry", entry.toString());
            assertEquals(0, published.status(), published.err());
            assertTrue(published.out().startsWith("Published com.example.fax 1.0.0"), published.out());
            JsonNode module = vendor.verifier.verify(vendor.get("/v1/catalog").body(), "pbx-catalog").get("modules").get(0);
            assertEquals("com.example.fax", module.get("id").asText());
            assertEquals("fax", module.get("featureId").asText());
            assertEquals(Files.size(jar), module.at("/releases/0/size").asLong());

            Run again = admin(vendor, "release", "publish", "--jar", jar.toString(), "--entry", entry.toString());
            assertEquals(0, again.status(), again.err());
            assertTrue(again.out().startsWith("Already published"), again.out());
            assertTrue(admin(vendor, "release", "list").out().contains("com.example.fax 1.0.0"));

            // A PBX spends a coupon; the list says who.
            TestInstallation pbx = new TestInstallation();
            String key = vendor.register(pbx, "buyer@example.com", "Buyer Ltd");
            JsonNode token = vendor.token(vendor.post("/v1/coupons/activate", pbx,
                    Harness.body("licenseKey", key, "coupon", codes.get(0), "nonce", TestInstallation.nonce())));
            assertTrue(token.get("features").toString().contains("\"fax\""), token.toString());
            Run used = admin(vendor, "coupon", "list", "--product", "fax-pro");
            assertTrue(used.out().contains("used") && used.out().contains("Buyer Ltd <buyer@example.com>"), used.out());

            Run revoked = admin(vendor, "coupon", "revoke", codes.get(0), codes.get(1));
            assertEquals(0, revoked.status(), revoked.err());
            assertTrue(revoked.out().startsWith("Revoked 1 coupons; 1 left"), revoked.out());
            JsonNode spent = vendor.post("/v1/coupons/activate", pbx, Harness.body("licenseKey", key, "coupon",
                    codes.get(1), "nonce", TestInstallation.nonce())).json();
            assertEquals("E_UNKNOWN_COUPON", spent.get("name").asText(), "a revoked coupon can't be activated");

            assertEquals(0, admin(vendor, "license", "revoke", key).status());
            assertEquals("REVOKED", vendor.refusal(vendor.validate(pbx, key)).get("reason").asText());
        }
    }

    @Test
    void publicationRefusesWrongEntriesAndChangedBytes() throws Exception {
        try (Harness vendor = server()) {
            admin(vendor, "product", "create", "--id", "fax-pro", "--name-en", "Fax Pro", "--name-ru", "Факс Pro");
            admin(vendor, "feature", "add", "--product", "fax-pro", "--id", "fax", "--name-en", "Fax", "--name-ru", "Факс");
            Path jar = write("fax.jar", TestBundles.jar("com.example.fax", "1.0.0", "v1"));
            String[][] wrong = {
                {TestBundles.entry("com.example.fax", "1.0.0", "no-such-product", "fax"), "E_ENTRY_UNKNOWN_PRODUCT 8005"},
                {TestBundles.entry("com.example.fax", "1.0.0", "fax-pro", "no-such-feature"), "E_ENTRY_UNKNOWN_FEATURE 8006"},
                {TestBundles.entry("com.example.fax", "1.0.1", "fax-pro", "fax"), "E_BUNDLE_MISMATCH 8007"},
                {TestBundles.entry("com.example.other", "1.0.0", "fax-pro", "fax"), "E_BUNDLE_MISMATCH 8007"},
                {"{\"id\": \"com.example.fax\", \"name\": {\"en\": \"Fax\", \"ru\": \"Факс\"}, \"releases\": []}",
                        "E_ENTRY_FORMAT 8004"}};
            for (String[] c : wrong) {
                Path entry = write("wrong.json", c[0].getBytes(StandardCharsets.UTF_8));
                Run run = admin(vendor, "release", "publish", "--jar", jar.toString(), "--entry", entry.toString());
                assertEquals(1, run.status(), c[1] + ": " + run.out() + run.err());
                assertTrue(run.err().contains(c[1]), run.err());
            }
            Run mismatch = admin(vendor, "release", "publish", "--jar", jar.toString(), "--entry",
                    write("v.json", TestBundles.entry("com.example.fax", "1.0.1", "fax-pro", "fax")
                            .getBytes(StandardCharsets.UTF_8)).toString());
            assertTrue(mismatch.err().contains("the jar's Bundle-Version is 1.0.0, the metadata says 1.0.1"), mismatch.err());
            assertFalse(Files.exists(data.resolve("catalog-source.json")), "nothing stored for a refused entry");
            try (var listing = Files.list(data.resolve("modules"))) {
                assertEquals(0, listing.count(), "no jar left behind");
            }

            Path entry = write("fax.json", TestBundles.entry("com.example.fax", "1.0.0", "fax-pro", "fax")
                    .getBytes(StandardCharsets.UTF_8));
            assertEquals(0, admin(vendor, "release", "publish", "--jar", jar.toString(), "--entry", entry.toString()).status());
            Path changed = write("fax2.jar", TestBundles.jar("com.example.fax", "1.0.0", "v2, other bytes"));
            Run refused = admin(vendor, "release", "publish", "--jar", changed.toString(), "--entry", entry.toString());
            assertEquals(1, refused.status());
            assertTrue(refused.err().contains("E_RELEASE_EXISTS 8008"), refused.err());
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(jar),
                    Files.readAllBytes(data.resolve("modules/com.example.fax-1.0.0.jar"))), "the bytes did not change");

            // Bytes changed behind the server's back are not signed either: the catalog stays as published.
            JsonNode signed = vendor.verifier.verify(vendor.get("/v1/catalog").body(), "pbx-catalog");
            Files.copy(changed, data.resolve("modules/com.example.fax-1.0.0.jar"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            vendor.clock.advance(java.time.Duration.ofHours(13));
            JsonNode after = vendor.verifier.verify(vendor.get("/v1/catalog").body(), "pbx-catalog");
            assertEquals(signed.get("version"), after.get("version"), "not re-signed with the changed bytes");
            assertEquals(signed.at("/modules/0/releases/0/sha256"), after.at("/modules/0/releases/0/sha256"));
        }
    }

    @Test
    void withoutTheTokenNothingIsSent() {
        try (Harness vendor = server()) {
            Run run = admin(vendor, Map.of(), "product", "list");
            assertEquals(3, run.status());
            assertTrue(run.err().contains("VENDOR_ADMIN_TOKEN"), run.err());
            Run wrong = admin(vendor, Map.of("VENDOR_ADMIN_TOKEN", "wrong"), "product", "list");
            assertEquals(1, wrong.status());
            assertTrue(wrong.err().contains("is not the server's admin token"), wrong.err());
            assertEquals(2, admin(vendor, "product", "create", "--id", "x").status(), "missing options");
        }
    }
}
