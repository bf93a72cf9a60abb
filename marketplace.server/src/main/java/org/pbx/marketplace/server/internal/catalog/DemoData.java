package org.pbx.marketplace.server.internal.catalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.pbx.marketplace.server.internal.AtomicFiles;
import org.pbx.marketplace.server.internal.http.Json;
import org.pbx.marketplace.server.internal.license.LicenseService;
import org.pbx.marketplace.server.internal.license.VendorAdmin;
import org.pbx.marketplace.server.internal.store.Database;
import org.pbx.marketplace.server.internal.store.MetaStore;
import org.pbx.marketplace.server.internal.store.ProductStore;
import org.pbx.marketplace.server.internal.store.Rows.Feature;
import org.pbx.marketplace.server.internal.store.Rows.Product;

/**
 * The demo vendor an empty data folder gets, so the host works with no network: products,
 * coupons (docs/protocol.md lists them), a catalog source and the sample module bundles.
 * Everything is marked demo; files a vendor already put there are never overwritten.
 */
public final class DemoData {

    /** The server's one logging API (README, "Logging"): the platform logger, in the host and standalone alike. */
    private static final System.Logger LOG = System.getLogger(DemoData.class.getName());

    public static final List<String[]> COUPONS = List.of(
            new String[] {"MKTC-DEMO1-RECPR-0365D-00001", "call-recording-pro", "365"},
            new String[] {"MKTC-DEMO2-CRMCO-0090D-00002", "crm-connector", "90"},
            new String[] {"MKTC-DEMO3-MARKT-0365D-00003", LicenseService.BASE_PRODUCT, "365"},
            new String[] {"MKTC-DEMO4-RECPR-0030D-00004", "call-recording-pro", "30"},
            new String[] {"MKTC-DEMO5-CRMCO-0030D-00005", "crm-connector", "30"});

    private DemoData() {
    }

    public static void seedIfEmpty(Database db, VendorAdmin admin, Path dataDir) {
        boolean seeded = db.tx(c -> {
            // Claimed first: of two nodes starting on one empty database, only one seeds.
            if (!MetaStore.putIfAbsent(c, "demo.seeded", "true")) {
                return false;
            }
            // A folder first started without demo data already has the base product.
            if (ProductStore.find(c, LicenseService.BASE_PRODUCT) == null) {
                ProductStore.insert(c, new Product(LicenseService.BASE_PRODUCT, "PBX Marketplace", "Маркетплейс АТС", 0,
                        List.of(new Feature("marketplace", 1))), true);
            }
            ProductStore.insert(c, new Product("call-recording-pro", "Call Recording Pro", "Запись разговоров Pro", 30,
                    List.of(new Feature("call-recording", 10))), true);
            ProductStore.insert(c, new Product("crm-connector", "CRM Connector", "Коннектор CRM", 30,
                    List.of(new Feature("crm-connector", 5))), true);
            // Names for the admin API's product list; older demo databases simply show the ids.
            for (String[] feature : new String[][] {{"marketplace", "Marketplace", "Маркетплейс"},
                    {"call-recording", "Call recording", "Запись разговоров"}, {"crm-connector", "CRM connector", "Коннектор CRM"}}) {
                ProductStore.nameFeature(c, feature[0], feature[1], feature[2]);
            }
            return true;
        });
        if (!seeded) {
            return;
        }
        for (String[] coupon : COUPONS) {
            admin.issueCoupon(coupon[0], coupon[1], Integer.parseInt(coupon[2]), true);
        }
        writeCatalog(dataDir);
    }

    private static void writeCatalog(Path dataDir) {
        Path source = dataDir.resolve(CatalogSource.FILE);
        if (Files.exists(source)) {
            return;
        }
        ObjectNode root = Json.object();
        root.put("demo", true);
        ArrayNode modules = root.putArray("modules");
        ObjectNode callback = module(modules, "org.pbx.demo.callback", "Callback widget", "Виджет обратного звонка",
                "A web button that asks the PBX to call the visitor back.",
                "Кнопка на сайте, по которой АТС перезванивает посетителю.", "telephony", null, null);
        // Its first release stops at PBX 7.x: the upgrade check for 8.0.0 then shows "after updating to 1.1.0".
        release(callback, dataDir, "1.0.0", "7.0.0", "7.99.99", "2025-01-15", "First release.", "Первый выпуск.");
        release(callback, dataDir, "1.1.0", "7.2.0", null, "2025-03-01",
                "Works with PBX 7.2 queues.", "Работает с очередями АТС 7.2.");
        ObjectNode weather = module(modules, "org.pbx.demo.weather", "Weather widget", "Виджет погоды",
                "Shows the local weather on the operator panel.", "Показывает погоду на панели оператора.",
                "widgets", null, null);
        release(weather, dataDir, "1.0.0", "7.0.0", null, "2025-02-01", "First release.", "Первый выпуск.");
        ObjectNode recording = module(modules, "org.pbx.demo.recording", "Call Recording Pro", "Запись разговоров Pro",
                "Records calls with retention rules and search.", "Записывает разговоры, хранит и ищет записи.",
                "recording", "call-recording", "call-recording-pro");
        release(recording, dataDir, "1.0.0", "7.0.0", "7.99.99", "2025-02-10", "First release.", "Первый выпуск.");
        ObjectNode crm = module(modules, "org.pbx.demo.crm", "CRM Connector", "Коннектор CRM",
                "Shows the caller's CRM card and logs calls to the CRM.",
                "Показывает карточку звонящего из CRM и записывает звонки в CRM.", "integration", "crm-connector",
                "crm-connector");
        ObjectNode crmRelease = release(crm, dataDir, "2.0.0", "7.1.0", null, "2025-04-20", "First release.",
                "Первый выпуск.");
        ((ArrayNode) crmRelease.get("requires")).add("org.pbx.demo.callback");
        // An advisory on an older release a PBX can still install (install org.pbx.demo.callback -v 1.0.0), so it can be seen.
        ObjectNode advisory = root.putArray("advisories").addObject();
        advisory.put("id", "PBXSA-DEMO-001");
        advisory.put("moduleId", "org.pbx.demo.callback");
        advisory.putArray("affected").add("[1.0.0,1.1.0)");
        advisory.put("fixedVersion", "1.1.0");
        advisory.put("severity", "high");
        advisory.putObject("title").put("en", "Callback widget 1.0 accepts callback requests from any site")
                .put("ru", "Виджет обратного звонка 1.0 принимает запросы с любого сайта");
        advisory.putObject("text").put("en", "Any web page can make the PBX call a number of its choice. Update to 1.1.0.")
                .put("ru", "Любая веб-страница может заставить АТС позвонить на выбранный ею номер. Обновите до 1.1.0.");
        advisory.put("url", "https://vendor.example/advisories/PBXSA-DEMO-001");
        advisory.put("demo", true);
        try {
            Files.createDirectories(dataDir);
            AtomicFiles.write(source, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** featureId and productId (the product whose trial grants the feature) are null for a free module. */
    private static ObjectNode module(ArrayNode modules, String id, String nameEn, String nameRu, String descEn,
                                     String descRu, String category, String featureId, String productId) {
        ObjectNode m = modules.addObject();
        m.put("id", id);
        m.putObject("name").put("en", nameEn).put("ru", nameRu);
        m.putObject("description").put("en", descEn).put("ru", descRu);
        m.put("vendor", "PBX Marketplace (demo)");
        m.put("category", category);
        m.put("commercial", featureId != null);
        if (featureId != null) {
            m.put("featureId", featureId);
            m.put("productId", productId);
            // As long as the demo products' trials (30 days): the PBX says it before a trial starts.
            m.put("trialDays", 30);
        }
        m.put("demo", true);
        m.putArray("releases");
        return m;
    }

    private static ObjectNode release(ObjectNode module, Path dataDir, String version,
                                      String minHost, String maxHost, String date, String logEn, String logRu) {
        String id = module.get("id").asText();
        String file = id + "-" + version + ".jar";
        ObjectNode r = ((ArrayNode) module.get("releases")).addObject();
        r.put("version", version);
        r.put("minHostVersion", minHost);
        r.put("maxHostVersion", maxHost);
        r.put("file", file);
        r.putObject("changelog").put("en", logEn).put("ru", logRu);
        r.put("date", date);
        r.putArray("requires");
        copyDemoJar(file, dataDir.resolve("modules").resolve(file));
        return r;
    }

    /**
     * The sample module jars (marketplace.samples) are copied into this jar at build time under
     * demo-modules/. Without them (a build that skipped that step) the release is left out of the
     * catalog, as for any missing file, rather than served as something that is not the module.
     */
    private static void copyDemoJar(String name, Path file) {
        if (Files.exists(file)) {
            return;
        }
        try (InputStream in = DemoData.class.getResourceAsStream("/demo-modules/" + name)) {
            if (in == null) {
                LOG.log(System.Logger.Level.WARNING, "vendor demo data: demo-modules/" + name + " is not in this build, left out");
                return;
            }
            // A half-copied jar must never look like a release: it only gets its name when complete.
            AtomicFiles.copy(in, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
