package org.pbx.marketplace.server.internal.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.pbx.marketplace.server.internal.AtomicFiles;
import org.pbx.marketplace.server.internal.catalog.CatalogDocuments;
import org.pbx.marketplace.server.internal.catalog.CatalogPublisher.Signed;
import org.pbx.marketplace.server.internal.catalog.CatalogSource;
import org.pbx.marketplace.server.internal.catalog.EntryChecks;
import org.pbx.marketplace.server.internal.crypto.Codec;
import org.pbx.marketplace.server.internal.crypto.JwsSigner;
import org.pbx.marketplace.server.internal.crypto.TrustRoots;
import org.pbx.marketplace.server.internal.crypto.VendorKeys;
import org.pbx.marketplace.server.internal.http.Json;

/**
 * The vendor's signing tool: module jars plus catalog-source.json in, a signed catalog and
 * timestamp out (docs/protocol.md §4.3), through the same code the server signs with. For a vendor
 * who serves the catalog from static files or another server. Its public form is the standalone
 * jar's command {@code catalog} (dispatched by {@link Main}); this class is not an API.
 */
public final class CatalogTool {
    static final String USAGE = String.join("\n",
            "Usage: java -jar marketplace.server-<version>-standalone.jar catalog [options]",
            "Signs a catalog for static hosting (docs/protocol.md §8.5, docs/module-developers.md §5).",
            "  --keys DIR          the vendor key folder (vendor-ed25519.pk8 and .spki, as in the server's data/keys)",
            "  --source FILE       the catalog metadata, in the format of the server's catalog-source.json",
            "                      (its \"advisories\" are signed too, checked as the server checks them)",
            "  --modules DIR       the folder the releases' \"file\" names are relative to (default: modules/ next to --source)",
            "  --out DIR           where catalog.jws, timestamp.jws and keys.json are written",
            "  --version N         the catalog version, above the one already in --out (versions only grow)",
            "  --lifetime-days N   how long the pair is valid (default 1); sign again before it expires",
            "  --create-key        make a new key in --keys if there is none (clients must then pin its kid)",
            "  --products FILE     the vendor's products, as GET /admin/products answers (AdminTool product list --json);",
            "                      paid modules must name a product and feature in it. Without it they are not checked",
            "  --help              print this and exit",
            "Exit status: 0 written, 1 refused (the reason is printed), 2 wrong options.");

    private record Options(Path keys, Path source, Path modules, Path out, long version, Duration lifetime,
                           boolean createKey, Path products) {
    }

    private CatalogTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, Clock.systemUTC()));
    }

    /** @return the exit status; nothing is written unless everything checks out */
    public static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(USAGE);
            return 0;
        }
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            if (options.products() == null) {
                err.println("warning: no --products: the products and features paid modules name are not checked");
            }
            Signed signed = sign(options, clock);
            write(options.out().resolve("catalog.jws"), signed.catalog());
            // The timestamp last: it must never name a catalog that is not there yet.
            write(options.out().resolve("timestamp.jws"), signed.timestamp());
            out.println("Signed catalog version " + signed.version() + ", valid until "
                    + Instant.ofEpochSecond(signed.iat()).plus(options.lifetime()) + ", in " + options.out());
            return 0;
        } catch (Refused e) {
            err.println("catalog not signed: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("catalog not signed: " + e);
            return 1;
        }
    }

    private static Signed sign(Options options, Clock clock) throws IOException {
        // The catalog key of the vendor's newest trust root (made with version 1 beside a new vendor key).
        TrustRoots trust = TrustRoots.loadOrCreate(options.keys(), keys(options), clock);
        if (!Files.isRegularFile(options.source())) {
            throw new Refused("no metadata file " + options.source());
        }
        CatalogSource.Content content = new CatalogSource(options.source(), options.modules()).read();
        List<String> problems = new ArrayList<>();
        content.missing().forEach(m -> problems.add(m + ": file missing"));
        // The same check the server makes when it publishes a release or signs its catalog.
        List<EntryChecks.Problem> checked = options.products() == null ? EntryChecks.jars(content.releases())
                : EntryChecks.all(content, grants(options.products()));
        checked.forEach(p -> problems.add(p.message()));
        com.fasterxml.jackson.databind.node.ArrayNode advisories = content.advisories(); // the same reading as the modules
        org.pbx.marketplace.server.internal.catalog.Advisories.check(advisories, content.modules())
                .forEach(p -> problems.add(p.message()));
        if (!problems.isEmpty()) {
            throw new Refused(String.join("\n  ", problems));
        }
        long published = publishedVersion(options.out().resolve("timestamp.jws"));
        if (options.version() <= published) {
            throw new Refused("version " + options.version() + " is not above version " + published
                    + " already in " + options.out() + "; clients refuse a catalog version that does not grow");
        }
        Files.createDirectories(options.out());
        write(options.out().resolve("keys.json"), Json.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsString(trust.published()));
        return CatalogDocuments.sign(new JwsSigner(() -> trust.signer(TrustRoots.CATALOG)), content.modules(), advisories, content.libraries(), options.version(),
                clock.instant().getEpochSecond(), options.lifetime());
    }

    /** product id → feature ids, from the JSON GET /admin/products answers. */
    private static Map<String, Set<String>> grants(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new Refused("no products file " + file);
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new Refused(file + " is not JSON: " + e.getMessage());
        }
        if (!root.path("products").isArray()) {
            throw new Refused(file + " has no \"products\" list; write it with AdminTool product list --json");
        }
        Map<String, Set<String>> grants = new TreeMap<>();
        for (JsonNode product : root.get("products")) {
            Set<String> features = grants.computeIfAbsent(product.path("id").asText(), k -> new TreeSet<>());
            product.path("features").forEach(f -> features.add(f.path("id").asText()));
        }
        return grants;
    }

    // A missing key is never replaced silently: a new key means every client must pin a new kid.
    private static VendorKeys keys(Options options) {
        boolean present = Files.isRegularFile(options.keys().resolve("vendor-ed25519.pk8"))
                && Files.isRegularFile(options.keys().resolve("vendor-ed25519.spki"));
        if (!present && !options.createKey()) {
            throw new Refused("no vendor key in " + options.keys()
                    + " (vendor-ed25519.pk8 and vendor-ed25519.spki); pass --create-key to make a new one");
        }
        return VendorKeys.loadOrCreate(options.keys());
    }

    // Our own earlier output: only its version is read, to keep versions growing.
    private static long publishedVersion(Path timestamp) throws IOException {
        if (!Files.isRegularFile(timestamp)) {
            return 0;
        }
        String[] parts = Files.readString(timestamp, StandardCharsets.US_ASCII).trim().split("\\.");
        JsonNode payload = parts.length == 3 ? Json.MAPPER.readTree(Codec.unb64(parts[1])) : null;
        if (payload == null || !payload.path("version").canConvertToLong()) {
            throw new Refused(timestamp + " is not a catalog timestamp; move it away to start over");
        }
        return payload.get("version").asLong();
    }

    private static void write(Path file, String text) throws IOException {
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8), false);
    }

    static Options parse(String[] args) {
        Path keys = null;
        Path source = null;
        Path modules = null;
        Path out = null;
        Path products = null;
        Long version = null;
        long days = 1;
        boolean createKey = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--create-key")) {
                createKey = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--keys" -> keys = Path.of(value);
                case "--source" -> source = Path.of(value);
                case "--modules" -> modules = Path.of(value);
                case "--out" -> out = Path.of(value);
                case "--products" -> products = Path.of(value);
                case "--version" -> version = positive(option, value);
                case "--lifetime-days" -> days = positive(option, value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (keys == null || source == null || out == null || version == null) {
            throw new IllegalArgumentException("--keys, --source, --out and --version are required");
        }
        if (modules == null) {
            Path parent = source.toAbsolutePath().getParent();
            modules = parent.resolve("modules");
        }
        return new Options(keys, source, modules, out, version, Duration.ofDays(days), createKey, products);
    }

    private static long positive(String option, String value) {
        try {
            long number = Long.parseLong(value);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below like a number out of range.
        }
        throw new IllegalArgumentException(option + " needs a whole number of at least 1, not " + value);
    }

    /** A reason not to sign, for the vendor to read. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }
}
