package org.pbx.marketplace.server.internal.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.server.internal.crypto.JwsSigner;
import org.pbx.marketplace.server.internal.crypto.VendorKeys;
import org.pbx.marketplace.server.internal.store.Database;

/** The catalog is signed from one reading of catalog-source.json: modules, libraries and advisories alike. */
class CatalogPublisherTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Database db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    /** A source naming one free module and one advisory on it. */
    private static String source(String module) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode m = root.putArray("modules").addObject().put("id", module).put("commercial", false);
        m.putObject("name").put("en", module).put("ru", module);
        m.putArray("releases").addObject().put("version", "1.0.0").put("file", module + "-1.0.0.jar")
                .put("minHostVersion", "7.0.0").putArray("requires");
        ObjectNode a = root.putArray("advisories").addObject().put("id", "SA-" + module).put("moduleId", module)
                .put("severity", "high");
        a.putArray("affected").add("[1.0.0,1.0.1)");
        a.putObject("title").put("en", "Open relay").put("ru", "Открытый релей");
        a.putObject("text").put("en", "Update.").put("ru", "Обновите.");
        return root.toString();
    }

    private static Path sample(String name) throws Exception {
        return Path.of(CatalogPublisherTest.class.getResource("/demo-modules/" + name).toURI());
    }

    @Test
    void aSourceReplacedAfterItWasReadIsNotMixedIntoTheCatalog() throws Exception {
        Path modules = Files.createDirectories(dir.resolve("modules"));
        for (String jar : List.of("org.pbx.demo.callback-1.0.0.jar", "org.pbx.demo.weather-1.0.0.jar")) {
            Files.copy(sample(jar), modules.resolve(jar));
        }
        Path file = dir.resolve(CatalogSource.FILE);
        Files.writeString(file, source("org.pbx.demo.callback"));
        AtomicInteger reads = new AtomicInteger();
        // The vendor's next version lands right after the publisher's read: any second read sees it.
        CatalogSource source = new CatalogSource(file, modules, f -> {
            String text = Files.readString(f);
            if (reads.incrementAndGet() == 1) {
                Files.writeString(f, source("org.pbx.demo.weather"));
            }
            return text;
        });
        db = Database.openH2(dir, 2);
        CatalogPublisher publisher = new CatalogPublisher(db, source, new JwsSigner(VendorKeys.loadOrCreate(dir.resolve("keys"))),
                Clock.systemUTC(), Duration.ofDays(1));

        JsonNode catalog = payload(publisher.current().catalog());

        assertEquals(List.of("org.pbx.demo.callback"), ids(catalog.path("modules"), "id"));
        assertEquals(List.of("SA-org.pbx.demo.callback"), ids(catalog.path("advisories"), "id"),
                "the advisories of the same version of the source as its modules");
        assertEquals(1, reads.get(), "one read of the source per publication");
    }

    private static List<String> ids(JsonNode array, String field) {
        List<String> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.path(field).asText()));
        return ids;
    }

    private static JsonNode payload(String jws) throws Exception {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jws.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
