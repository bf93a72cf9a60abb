package org.pbx.marketplace.server.internal.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** feature add */
@Command(name = "feature", description = "Features: what a product grants; paid modules are gated on one.")
final class FeatureCommands extends CommandGroup {

    @Command(name = "add", description = "Lets a product grant a feature (POST /admin/products/ID/features).")
    int add(@Option(names = "--product", required = true) String product,
            @Option(names = "--id", required = true, description = "feature id: a-z, 0-9, . _ -") String id,
            @Option(names = "--name-en", required = true) String nameEn,
            @Option(names = "--name-ru", required = true) String nameRu,
            @Option(names = "--seats", defaultValue = "1", description = "seats the product grants (default ${DEFAULT-VALUE})") int seats)
            throws Exception {
        ObjectNode body = AdminClient.JSON.createObjectNode();
        body.put("id", id);
        body.putObject("name").put("en", nameEn).put("ru", nameRu);
        body.put("seats", seats);
        tool.client().post("/products/" + product + "/features", body);
        out().println("Product " + product + " grants feature " + id + " (" + seats + " seats)");
        return 0;
    }
}
