package org.pbx.marketplace.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Catalog entries shaped like the demo catalog's (§4.3): two languages, two releases each, every
 * fifth module commercial. One module in a hundred mentions "recording", what the search looks for.
 */
final class CatalogModules {

    private static final String[] CATEGORIES = {"telephony", "integration", "reporting", "security", "tools"};

    private CatalogModules() {
    }

    static ArrayNode of(int count) {
        ArrayNode modules = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < count; i++) {
            modules.add(module(i));
        }
        return modules;
    }

    private static ObjectNode module(int i) {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        String topic = i % 100 == 7 ? "Call recording" : "Module";
        m.put("id", "org.pbx.bench.m" + i);
        m.putObject("name").put("en", topic + " " + i).put("ru", "Модуль " + i);
        m.putObject("description").put("en", topic + " number " + i + " for the PBX: adds a feature admins asked for.")
                .put("ru", "Модуль номер " + i + " для АТС: добавляет возможность, о которой просили администраторы.");
        m.put("vendor", "Vendor " + (i % 20));
        m.put("category", CATEGORIES[i % CATEGORIES.length]);
        boolean commercial = i % 5 == 0;
        m.put("commercial", commercial);
        if (commercial) {
            m.put("featureId", i % 10 == 0 ? "call-recording" : "feature-" + i);
            m.put("productId", "product-" + i);
        }
        ArrayNode releases = m.putArray("releases");
        for (int minor = 0; minor < 2; minor++) {
            ObjectNode r = releases.addObject();
            r.put("version", "1." + minor + ".0");
            r.put("minHostVersion", "7.1.0");
            r.putNull("maxHostVersion");
            r.putObject("changelog").put("en", "Release 1." + minor).put("ru", "Выпуск 1." + minor);
            r.put("date", "2025-04-2" + minor);
            r.putArray("requires");
            r.put("size", 51_200 + i);
            r.put("sha256", String.format("%064x", i * 2L + minor));
            r.put("path", "/v1/modules/org.pbx.bench.m" + i + "/1." + minor + ".0/download");
        }
        return m;
    }
}
