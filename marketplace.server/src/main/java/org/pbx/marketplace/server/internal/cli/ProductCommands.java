package org.pbx.marketplace.server.internal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** product create | list | show | trial */
@Command(name = "product", description = "Products: what a license key holds and a coupon or trial adds.")
final class ProductCommands extends CommandGroup {

    @Command(name = "create", description = "Creates a product (POST /admin/products).")
    int create(@Option(names = "--id", required = true, description = "product id: a-z, 0-9, . _ -") String id,
               @Option(names = "--name-en", required = true) String nameEn,
               @Option(names = "--name-ru", required = true) String nameRu,
               @Option(names = "--kind", defaultValue = "license", description = "license or subscription (default ${DEFAULT-VALUE})") String kind,
               @Option(names = "--term-days", defaultValue = "365", description = "days a coupon adds unless it says otherwise (default ${DEFAULT-VALUE})") int termDays,
               @Option(names = "--trial-days", defaultValue = "0", description = "trial length; 0 = no trial (default ${DEFAULT-VALUE})") int trialDays)
            throws Exception {
        ObjectNode body = AdminClient.JSON.createObjectNode();
        body.put("id", id);
        body.putObject("name").put("en", nameEn).put("ru", nameRu);
        body.put("kind", kind);
        body.put("termDays", termDays);
        body.put("trialDays", trialDays);
        JsonNode product = tool.client().post("/products", body);
        out().println("Created product " + product.get("id").asText() + " (" + product.get("kind").asText() + ", term "
                + product.get("termDays").asInt() + " days, trial " + product.get("trialDays").asInt() + " days)");
        return 0;
    }

    @Command(name = "list", description = "Lists the products with their features (GET /admin/products).")
    int list(@Option(names = "--json", description = "the API's JSON (input of CatalogTool --products)") boolean json)
            throws Exception {
        JsonNode products = tool.client().get("/products");
        if (json) {
            AdminTool.printJson(out(), products);
            return 0;
        }
        out().printf("%-24s %-13s %6s %6s  %s%n", "PRODUCT", "KIND", "TERM", "TRIAL", "FEATURES (seats)");
        for (JsonNode p : products.get("products")) {
            StringBuilder features = new StringBuilder();
            for (JsonNode f : p.get("features")) {
                features.append(features.length() == 0 ? "" : ", ").append(f.get("id").asText())
                        .append(" (").append(f.get("seats").asInt()).append(')');
            }
            out().printf("%-24s %-13s %6d %6d  %s%n", p.get("id").asText(), p.get("kind").asText(),
                    p.get("termDays").asInt(), p.get("trialDays").asInt(), features);
        }
        return 0;
    }

    @Command(name = "show", description = "One product as JSON (GET /admin/products/ID).")
    int show(@Option(names = "--id", required = true) String id) throws Exception {
        AdminTool.printJson(out(), tool.client().get("/products/" + id));
        return 0;
    }

    @Command(name = "trial", description = "Sets the trial terms (POST /admin/products/ID/trial).")
    int trial(@Option(names = "--id", required = true) String id,
              @Option(names = "--days", required = true, description = "trial length; 0 = no trial") int days)
            throws Exception {
        ObjectNode body = AdminClient.JSON.createObjectNode().put("days", days);
        JsonNode product = tool.client().post("/products/" + id + "/trial", body);
        out().println("Product " + product.get("id").asText() + ": trial " + product.get("trialDays").asInt() + " days");
        return 0;
    }
}
