package org.pbx.marketplace.server.internal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** coupon create | list | revoke */
@Command(name = "coupon", description = "Coupons: single-use codes that add a product for some days.")
final class CouponCommands extends CommandGroup {

    @Command(name = "create", description = "Makes a batch of coupons and prints their codes, one per line (POST /admin/coupons)."
            + " The codes are shown only now: the server keeps their hashes.")
    int create(@Option(names = "--product", required = true) String product,
               @Option(names = "--count", defaultValue = "1", description = "how many, 1 to 1000 (default ${DEFAULT-VALUE})") int count,
               @Option(names = "--days", description = "days each adds (default: the product's term)") Integer days)
            throws Exception {
        ObjectNode body = AdminClient.JSON.createObjectNode();
        body.put("productId", product);
        body.put("count", count);
        if (days != null) {
            body.put("days", days);
        }
        JsonNode batch = tool.client().post("/coupons", body);
        for (JsonNode code : batch.get("coupons")) {
            out().println(code.asText());
        }
        err().println("Batch " + batch.get("batch").asText() + ": " + batch.get("coupons").size() + " coupons for "
                + batch.get("productId").asText() + ", " + batch.get("days").asInt() + " days each");
        return 0;
    }

    @Command(name = "list", description = "Lists coupons with who used them (GET /admin/coupons).")
    int list(@Option(names = "--batch") String batch, @Option(names = "--product") String product,
             @Option(names = "--json") boolean json) throws Exception {
        StringBuilder query = new StringBuilder();
        if (batch != null) {
            query.append("?batch=").append(URLEncoder.encode(batch, StandardCharsets.UTF_8));
        }
        if (product != null) {
            query.append(query.length() == 0 ? "?" : "&").append("productId=")
                    .append(URLEncoder.encode(product, StandardCharsets.UTF_8));
        }
        JsonNode coupons = tool.client().get("/coupons" + query);
        if (json) {
            AdminTool.printJson(out(), coupons);
            return 0;
        }
        out().printf("%-16s %-12s %-24s %5s %-8s %-20s %s%n", "ID", "BATCH", "PRODUCT", "DAYS", "STATUS", "USED AT", "USED BY");
        for (JsonNode c : coupons.get("coupons")) {
            JsonNode by = c.get("usedBy");
            out().printf("%-16s %-12s %-24s %5d %-8s %-20s %s%n", c.get("id").asText(), c.path("batch").asText("-"),
                    c.get("productId").asText(), c.get("days").asInt(), c.get("status").asText(),
                    c.get("usedAt").isNull() ? "-" : Instant.ofEpochSecond(c.get("usedAt").asLong()).toString(),
                    by.isNull() ? "-" : by.get("companyName").asText() + " <" + by.get("email").asText() + ">");
        }
        return 0;
    }

    @Command(name = "revoke", description = "Revokes unused coupons, by code or a whole batch (POST /admin/coupons/revoke).")
    int revoke(@Option(names = "--batch") String batch, @Parameters(arity = "0..*", paramLabel = "CODE") List<String> codes)
            throws Exception {
        ObjectNode body = AdminClient.JSON.createObjectNode();
        if (batch != null) {
            body.put("batch", batch);
        }
        if (codes != null) {
            codes.forEach(body.putArray("coupons")::add);
        }
        JsonNode result = tool.client().post("/coupons/revoke", body);
        out().println("Revoked " + result.get("revoked").asInt() + " coupons; " + result.get("notRevoked").asInt()
                + " left as they were (already used, already revoked or unknown)");
        return 0;
    }
}
