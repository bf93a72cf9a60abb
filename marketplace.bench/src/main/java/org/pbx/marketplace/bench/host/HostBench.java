package org.pbx.marketplace.bench.host;

import static org.pbx.marketplace.bench.host.AdminHttp.API;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.pbx.marketplace.bench.Row;

/**
 * The figures that need the whole host: start time and heap against the host without the
 * product, the license REST call against a static file of the same bytes from the same Jetty,
 * and a 5 MiB module install against installBundle + start of the same file.
 */
public final class HostBench {

    private static final int ROUNDS = 3;
    private static final int INSTALLS = 5;
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final Duration LOAD = Duration.ofSeconds(6);
    private static final String BIG = "org.pbx.bench.big";
    private static final Pattern BUNDLE_ID = Pattern.compile("Bundle ID: (\\d+)");

    private HostBench() {
    }

    public static void run(List<Row> rows, Path target) throws Exception {
        Path host = HostJars.host(target);
        Path work = Files.createTempDirectory("marketplace-bench-host");
        Path baseline = HostJars.without(host, work.resolve("pbx-host-baseline.jar"), HostJars.PRODUCT);
        Path pbx = HostJars.without(host, work.resolve("pbx-host-product.jar"), HostJars.VENDOR);
        double[] baseTime = new double[ROUNDS];
        double[] baseHeap = new double[ROUNDS];
        double[] oursTime = new double[ROUNDS];
        double[] oursHeap = new double[ROUNDS];
        HostRun demo = null;
        // -Dbench.host.parts=install (or start,rest,install): the parts to run, e.g. to profile one; default all.
        List<String> parts = List.of(System.getProperty("bench.host.parts", "start,rest,install").split(","));
        try {
            for (int i = 0; parts.contains("start") && i < ROUNDS; i++) {
                try (HostRun base = HostRun.start(baseline, work.resolve("baseline-" + i))) {
                    // The baseline has no Marketplace page: its last part up is the Web Console.
                    baseTime[i] = base.awaitStatus("/system/console/bundles", false, 401);
                    baseHeap[i] = base.heapAfterGcMiB();
                }
                try (HostRun product = HostRun.start(pbx, work.resolve("product-" + i))) {
                    // The same end condition as the baseline's (the Web Console up), and the Marketplace page too:
                    // the clock stops when both answer.
                    product.awaitStatus("/marketplace/", true, 200);
                    oursTime[i] = product.awaitStatus("/system/console/bundles", false, 401);
                    oursHeap[i] = product.heapAfterGcMiB();
                }
            }
            // REST and install need the reference vendor server: the whole demo host.
            demo = HostRun.start(host, work.resolve("demo"));
            demo.awaitStatus("/marketplace/", true, 200);
            if (parts.contains("start")) {
                start(rows, oursTime, baseTime, oursHeap, baseHeap);
            }
            if (parts.contains("rest")) {
                rest(rows, demo, work);
            }
            if (parts.contains("install")) {
                install(rows, demo, work);
            }
        } finally {
            if (demo != null) {
                demo.close();
            }
        }
    }

    private static void start(List<Row> rows, double[] oursTime, double[] baseTime, double[] oursHeap, double[] baseHeap) {
        double t = median(oursTime);
        double tb = median(baseTime);
        rows.add(new Row("host start: java -jar → Web Console up (and, ours, the Marketplace page 200), without the vendor's server (median of " + ROUNDS + ")",
                String.format("%.0f ms", t), String.format("%.0f ms (the same host jar without the product's bundles: Marketplace, JAX-RS whiteboard, CXF, Jackson, JAXB)", tb),
                Row.ratio(t, tb), "≤ 1.25×", t / tb <= 1.25));
        double h = median(oursHeap);
        double hb = median(baseHeap);
        rows.add(new Row("host heap used after start and a full GC, without the vendor's server (median of " + ROUNDS + ")",
                String.format("%.1f MiB", h), String.format("%.1f MiB (host without the product)", hb),
                String.format("+%.1f MiB", h - hb), "≤ 30 MiB more", h - hb <= 30));
    }

    private static void rest(List<Row> rows, HostRun host, Path work) throws Exception {
        AdminHttp api = new AdminHttp(host);
        // A registered PBX: the answer an admin's page reads, with holder, products and features. The in-host vendor
        // server starts on its own thread and pins the demo trust root once up: until then registration is refused.
        host.awaitStatus("/vendor/v1/keys", false, 200);
        register(api);
        byte[] license = api.call("GET", API + "license", null);
        Path bundle = BenchBundles.staticFile(work.resolve("static-file.jar"), license);
        host.command("felix:start " + installed(host, bundle) + "\nfelix:frameworklevel", line -> line.contains("Level is"));
        host.awaitStatus(BenchBundles.STATIC_PATH, false, 200);
        Path empty = BenchBundles.emptyResource(work.resolve("empty-resource.jar"), license);
        host.command("felix:start " + installed(host, empty) + "\nfelix:frameworklevel", line -> line.contains("Level is"));
        host.awaitStatus(BenchBundles.EMPTY_REST_PATH, true, 200);
        String auth = host.authorization();
        RestLoad.run(host.port, API + "license", auth, -1, WARM_UP);
        RestLoad.run(host.port, BenchBundles.EMPTY_REST_PATH, auth, license.length, WARM_UP);
        RestLoad.run(host.port, BenchBundles.STATIC_PATH, null, license.length, WARM_UP);
        RestLoad.Result[] ours = new RestLoad.Result[2];
        RestLoad.Result[] jaxrs = new RestLoad.Result[2];
        RestLoad.Result[] file = new RestLoad.Result[2];
        for (int i = 0; i < 2; i++) {
            ours[i] = RestLoad.run(host.port, API + "license", auth, -1, LOAD);
            jaxrs[i] = RestLoad.run(host.port, BenchBundles.EMPTY_REST_PATH, auth, license.length, LOAD);
            file[i] = RestLoad.run(host.port, BenchBundles.STATIC_PATH, null, license.length, LOAD);
        }
        double rps = (ours[0].perSecond + ours[1].perSecond) / 2;
        double rpsJaxrs = (jaxrs[0].perSecond + jaxrs[1].perSecond) / 2;
        double rpsFile = (file[0].perSecond + file[1].perSecond) / 2;
        String load = license.length + " B, " + RestLoad.CONNECTIONS + " keep-alive connections, 2 × " + LOAD.toSeconds() + " s";
        rows.add(new Row("REST GET /api/marketplace/v1/license (" + load + ", admin login)",
                String.format("%,.0f req/s, p99 %.1f ms", rps, Math.max(ours[0].p99Ms, ours[1].p99Ms)),
                String.format("%,.0f req/s, p99 %.1f ms (the same bytes from an empty JAX-RS resource in an application of "
                        + "its own on the same login context: CXF and the login without our code)", rpsJaxrs,
                        Math.max(jaxrs[0].p99Ms, jaxrs[1].p99Ms)),
                Row.ratio(rps, rpsJaxrs), "≥ 0.5× req/s", rps / rpsJaxrs >= 0.5));
        rows.add(new Row("REST split: the empty JAX-RS resource above (admin login) against Jetty alone (" + load + ")",
                String.format("%,.0f req/s", rpsJaxrs),
                String.format("%,.0f req/s, p99 %.1f ms (the same bytes as a static file, same Jetty, no login)", rpsFile,
                        Math.max(file[0].p99Ms, file[1].p99Ms)),
                Row.ratio(rpsJaxrs, rpsFile), "— (what CXF and the login cost)", "—"));
    }

    /** Registers, retrying (bounded) while the PBX has no trust root yet: the demo's is pinned right after the server starts. */
    private static void register(AdminHttp api) throws Exception {
        long deadline = System.nanoTime() + HostRun.TIMEOUT.toNanos();
        while (true) {
            try {
                api.call("POST", API + "registration",
                        "{\"companyName\":\"Romashka LLC\",\"email\":\"owner@example.com\",\"contactName\":\"Ivan Petrov\"}");
                return;
            } catch (java.io.IOException e) {
                if (!String.valueOf(e.getMessage()).contains("NO_TRUST_ROOT") || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    private static void install(List<Row> rows, HostRun host, Path work) throws Exception {
        AdminHttp api = new AdminHttp(host);
        Path jar = BenchBundles.module(work.resolve(BIG + "-1.0.0.jar"), BIG, "1.0.0", 5 << 20);
        // The in-host vendor server starts on a thread of its own (503 meanwhile): its data folder is there once it answers.
        host.awaitStatus("/vendor/v1/keys", false, 200);
        publish(host.data.resolve("vendor-server"), jar);
        api.call("POST", API + "catalog/refresh", null);
        api.call("GET", API + "modules/" + BIG, null);
        double[] ours = new double[INSTALLS];
        double[] base = new double[INSTALLS];
        double[] own = new double[INSTALLS];
        double[] fetch = new double[INSTALLS];
        // The product's VendorClient is a JDK HttpClient too; one client for all, as the product keeps one.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port + "/vendor/v1/modules/" + BIG
                + "/1.0.0/download")).build();
        for (int i = 0; i < INSTALLS; i++) {
            // Both sides on the bench's clock, from the request until the bench sees it done: ours the REST call
            // and the operation's poll (every 2 ms), the baseline the Gogo commands on the host's console.
            long asked = System.nanoTime();
            own[i] = api.operation(api.json("POST", API + "modules/" + BIG + "/install", "{}"));
            ours[i] = (System.nanoTime() - asked) / 1e6;
            api.operation(api.json("DELETE", API + "modules/" + BIG, null));
            long started = System.nanoTime();
            String id = installed(host, jar);
            // felix:start prints nothing; frameworklevel's line marks its end.
            host.command("felix:start " + id + "\nfelix:frameworklevel", line -> line.contains("Level is"));
            base[i] = (System.nanoTime() - started) / 1e6;
            host.command("felix:uninstall " + id + "\nfelix:frameworklevel", line -> line.contains("Level is"));
            // The split: the download alone, which the baseline's local file does not need.
            long asking = System.nanoTime();
            HttpResponse<byte[]> jarAnswer = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
            fetch[i] = (System.nanoTime() - asking) / 1e6;
            if (jarAnswer.statusCode() != 200 || jarAnswer.body().length != Files.size(jar)) {
                throw new IllegalStateException("GET " + get.uri() + " answered " + jarAnswer.statusCode() + " with "
                        + jarAnswer.body().length + " bytes");
            }
        }
        double o = median(ours);
        double b = median(base);
        rows.add(new Row(String.format("install a %.1f MiB module", Files.size(jar) / (double) (1 << 20)) + " from the reference server (median of "
                        + INSTALLS + ")",
                String.format("%.0f ms (request → seen SUCCEEDED: download, verify, keep, journal, install, start; "
                        + "the operation's own startedAt → finishedAt %.0f ms)", o, median(own)),
                String.format("%.0f ms (felix:install + felix:start of the same file, command → done, same clock)", b),
                Row.ratio(o, b), "≤ 2×", o / b <= 2));
        double f = median(fetch);
        rows.add(new Row("install split: the download alone (GET of the same jar from the in-host vendor server, JDK HttpClient, median of "
                        + INSTALLS + ") against the install row's baseline",
                String.format("%.0f ms", f),
                String.format("%.0f ms (felix:install + felix:start of the same file, as above)", b),
                Row.ratio(f, b), "— (what the download costs: the install row minus both is the rest of ours)", "—"));
    }

    /** felix:install (BundleContext.installBundle from the file); returns the bundle id. */
    private static String installed(HostRun host, Path jar) throws Exception {
        String line = host.command("felix:install " + jar.toUri(), l -> l.contains("Bundle ID"));
        Matcher id = BUNDLE_ID.matcher(line);
        if (!id.find()) {
            throw new IllegalStateException("felix:install printed " + line);
        }
        return id.group(1);
    }

    /** As a vendor publishes: the jar into modules/, its metadata into catalog-source.json. */
    private static void publish(Path vendor, Path jar) throws Exception {
        Files.copy(jar, vendor.resolve("modules").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Path source = vendor.resolve("catalog-source.json");
        JsonNode root = AdminHttp.mapper().readTree(source.toFile());
        ArrayNode modules = (ArrayNode) root.get("modules");
        ObjectNode big = null;
        for (JsonNode module : modules) {
            if ("org.pbx.demo.weather".equals(module.get("id").asText())) {
                big = module.deepCopy();
            }
        }
        if (big == null) {
            throw new IllegalStateException("no demo module to copy in " + source);
        }
        big.put("id", BIG);
        ((ObjectNode) big.get("name")).put("en", "Bench module (5 MiB)");
        ((ObjectNode) big.get("releases").get(0)).put("file", jar.getFileName().toString());
        modules.add(big);
        Path temp = source.resolveSibling(source.getFileName() + ".tmp");
        AdminHttp.mapper().writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), root);
        Files.move(temp, source, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
