package org.pbx.marketplace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.server.internal.catalog.Advisories;

/** Security advisories (docs/protocol.md §4.6): their checks, their publication and their place in the signed catalog. */
class AdvisoriesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ADMIN = Map.of("Authorization", "Bearer s3cret-admin-token");

    @TempDir
    Path data;

    private static String advisory(String id, String module, String affected, String fixed, String severity) {
        return "{\"id\": \"" + id + "\", \"moduleId\": \"" + module + "\", \"affected\": " + affected
                + (fixed == null ? "" : ", \"fixedVersion\": \"" + fixed + "\"") + ", \"severity\": \"" + severity + "\","
                + " \"title\": {\"en\": \"Open relay\", \"ru\": \"Открытый релей\"},"
                + " \"text\": {\"en\": \"Update.\", \"ru\": \"Обновите.\"}, \"url\": \"https://vendor.example/sa/1\"}";
    }

    private static List<String> fields(String advisory) throws Exception {
        return Advisories.check(JSON.readTree(advisory), Set.of("org.pbx.demo.callback")).stream()
                .map(Advisories.Problem::field).collect(Collectors.toList());
    }

    @Test
    void eachWrongFieldIsNamed() throws Exception {
        assertEquals(List.of(), fields(advisory("SA-1", "org.pbx.demo.callback", "[\"[1.0.0,1.1.0)\", \"2.0.0\"]", "1.1.0", "high")));
        assertEquals(List.of(), fields(advisory("SA-1", "org.pbx.demo.callback", "[\"[1.0.0,1.0.0]\"]", null, "low")), "no fix yet");
        assertEquals(List.of("id"), fields(advisory("../x", "org.pbx.demo.callback", "[\"1.0.0\"]", null, "low")));
        assertEquals(List.of("moduleId"), fields(advisory("SA-1", "no.such", "[\"1.0.0\"]", null, "low")));
        assertEquals(List.of("affected"), fields(advisory("SA-1", "org.pbx.demo.callback", "[]", null, "low")));
        assertEquals(List.of("affected"), fields(advisory("SA-1", "org.pbx.demo.callback", "[\"1.x\"]", null, "low")));
        assertEquals(List.of("affected"), fields(advisory("SA-1", "org.pbx.demo.callback", "[\"[2.0.0,1.0.0)\"]", null, "low")));
        assertEquals(List.of("fixedVersion"), fields(advisory("SA-1", "org.pbx.demo.callback", "[\"[1.0.0,1.1.0]\"]", "1.1.0", "low")),
                "a fix inside the affected range is no fix");
        assertEquals(List.of("fixedVersion"), fields(advisory("SA-1", "org.pbx.demo.callback", "[\"1.0.0\"]", "one", "low")));
        assertEquals(List.of("severity"), fields(advisory("SA-1", "org.pbx.demo.callback", "[\"1.0.0\"]", null, "urgent")));
        assertEquals(List.of("title", "text", "url"), fields("{\"id\": \"SA-1\", \"moduleId\": \"org.pbx.demo.callback\","
                + " \"affected\": [\"1.0.0\"], \"severity\": \"low\", \"title\": {\"en\": \"T\"}, \"text\": \"x\", \"url\": \"javascript:alert(1)\"}"));
    }

    @Test
    void publishedAdvisoriesAreSignedIntoTheCatalogAndBadOnesRefused() throws Exception {
        try (Harness vendor = new Harness(data, new TestClock(), b -> b.adminToken("s3cret-admin-token"))) {
            JsonNode demo = vendor.verifier.verify(vendor.get("/v1/catalog").body(), "pbx-catalog");
            assertEquals("PBXSA-DEMO-001", demo.get("advisories").get(0).get("id").asText(), "the demo advisory");
            assertFalse(demo.get("advisories").get(0).has("demo"), "only the protocol's fields are signed");
            Harness.Resp refused = vendor.send("POST", "/admin/advisories", advisory("SA-2", "no.such.module", "[\"1.0.0\"]", null,
                    "critical").getBytes(StandardCharsets.UTF_8), ADMIN);
            assertEquals(400, refused.status(), refused.text());
            assertEquals("advisory.moduleId", refused.json().get("field").asText());
            assertTrue(refused.json().get("detail").asText().contains("no module of the catalog"), refused.text());
            String good = advisory("SA-2", "org.pbx.demo.weather", "[\"[1.0.0,1.0.0]\"]", null, "critical");
            assertEquals(201, vendor.send("POST", "/admin/advisories", good.getBytes(StandardCharsets.UTF_8), ADMIN).status());
            assertEquals(200, vendor.send("POST", "/admin/advisories", good.getBytes(StandardCharsets.UTF_8), ADMIN).status(),
                    "the same advisory again: unchanged");
            JsonNode after = vendor.verifier.verify(vendor.get("/v1/catalog").body(), "pbx-catalog");
            assertTrue(after.get("version").asLong() > demo.get("version").asLong(), "re-signed with a higher version");
            assertEquals("SA-2", after.get("advisories").get(1).get("id").asText());
            assertEquals("critical", after.get("advisories").get(1).get("severity").asText());
            assertEquals(2, vendor.send("GET", "/admin/advisories", new byte[0], ADMIN).json().get("advisories").size());
        }
    }

    /** An advisory edited into the source by hand is checked too: the last good catalog stays served. */
    @Test
    void aSourceWithABadAdvisoryIsNotSigned() throws Exception {
        try (Harness vendor = Harness.start(data)) {
            JsonNode before = vendor.verifier.verify(vendor.get("/v1/catalog").body(), "pbx-catalog");
            Path source = data.resolve("catalog-source.json");
            Files.writeString(source, Files.readString(source).replace("\"severity\" : \"high\"", "\"severity\" : \"dire\""));
            JsonNode after = vendor.verifier.verify(vendor.get("/v1/catalog").body(), "pbx-catalog");
            assertEquals(before.get("version"), after.get("version"), "not re-signed");
            assertEquals("high", after.get("advisories").get(0).get("severity").asText());
        }
    }
}
