package org.pbx.marketplace.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.service.cm.ConfigurationAdmin;
import org.pbx.marketplace.api.ModuleCatalog;
import org.pbx.marketplace.api.dto.OperationDTO;
import org.pbx.marketplace.testsupport.ConsoleProcess;
import org.pbx.marketplace.testsupport.LoopbackPorts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The "done when": a new paid module is sold end to end with the documented commands of
 * docs/vendor-admin.md only. The standalone vendor server runs as its own process on an empty data
 * folder (no demo data); the admin tool runs as a process too, with the token in its environment;
 * the PBX is the real runtime, pointed at that server through Config Admin, driven over its REST API.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class SellModuleIT extends MarketplaceTestSupport {

    /** The product alone: the vendor is the standalone server. */
    @Override
    protected boolean inProcessVendor() {
        return false;
    }

    private static final String TOKEN = "sell-module-it-admin-token-42";
    private static final String MODULE = "com.example.fax";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ConfigurationAdmin configAdmin;

    @Inject
    ModuleCatalog catalog;

    private record Run(int status, String out, String err) {
    }

    @Test
    public void aNewPaidModuleIsSoldWithDocumentedCommandsOnly() throws Exception {
        Path work = Files.createTempDirectory("sell-module");
        int port = LoopbackPorts.free();
        String url = "http://127.0.0.1:" + port;
        ConsoleProcess vendor = startVendor(work.resolve("vendor-data"), port);
        try {
            assertEquals("an empty server has only the base product", 1,
                    JSON.readTree(admin(url, "product", "list", "--json").out).get("products").size());

            // 1. Product, feature, coupon: the documented commands.
            ok(admin(url, "product", "create", "--id", "fax-pro", "--name-en", "Fax Pro", "--name-ru", "Факс Pro",
                    "--kind", "license", "--term-days", "365", "--trial-days", "14"));
            ok(admin(url, "feature", "add", "--product", "fax-pro", "--id", "fax", "--name-en", "Fax",
                    "--name-ru", "Факс", "--seats", "2"));
            Run coupons = ok(admin(url, "coupon", "create", "--product", "fax-pro", "--count", "2"));
            List<String> codes = coupons.out.lines().toList();
            assertEquals(coupons.toString(), 2, codes.size());

            // 2. A wrong entry is refused at publication; the right one is published.
            Path jar = moduleJar(work.resolve("com.example.fax-1.0.0.jar"), "1.0.0");
            Run wrongVersion = admin(url, "release", "publish", "--jar", jar.toString(),
                    "--entry", entry(work.resolve("wrong-version.json"), "1.0.1", "fax-pro").toString());
            assertEquals(wrongVersion.toString(), 1, wrongVersion.status);
            assertTrue(wrongVersion.err, wrongVersion.err.contains("E_BUNDLE_MISMATCH")
                    && wrongVersion.err.contains("Bundle-Version is 1.0.0"));
            Run wrongProduct = admin(url, "release", "publish", "--jar", jar.toString(),
                    "--entry", entry(work.resolve("wrong-product.json"), "1.0.0", "fax-basic").toString());
            assertEquals(wrongProduct.toString(), 1, wrongProduct.status);
            assertTrue(wrongProduct.err, wrongProduct.err.contains("E_ENTRY_UNKNOWN_PRODUCT"));
            // The PBX sees the server's catalog before the module is there (and so a version to grow from).
            pointThePbxAt(url, work.resolve("vendor-data"));
            ok(admin(url, "release", "publish", "--jar", jar.toString(),
                    "--entry", entry(work.resolve("fax.json"), "1.0.0", "fax-pro").toString()));

            // 3. A PBX registers, installs the module (the installer starts the product's trial), the gated
            //    component comes up; then the coupon turns the trial into a paid license.
            HttpResponse<String> registered = post("/api/marketplace/v1/registration", "{\"companyName\": \"Fax Buyer Ltd\","
                    + " \"email\": \"fax@example.com\", \"contactName\": \"Ivan Petrov\", \"language\": \"en\"}");
            assertEquals(registered.body(), 201, registered.statusCode());
            catalog.refresh();
            OperationDTO install = awaitDone(catalog.install(MODULE, null));
            assertEquals(install.error == null ? "" : install.error.code + " " + install.error.message.get("en"),
                    "SUCCEEDED", install.state);
            awaitService(Runnable.class, "(fax.module=true)");
            JsonNode product = product(license(), "fax-pro");
            assertTrue("a trial: " + product, product.path("trial").asBoolean());

            HttpResponse<String> coupon = post("/api/marketplace/v1/license/coupons", "{\"coupon\": \"" + codes.get(0) + "\"}");
            assertEquals(coupon.body(), 200, coupon.statusCode());
            assertEquals("paid now", false, product(JSON.readTree(coupon.body()), "fax-pro").path("trial").asBoolean());
            assertTrue(context.getServiceReferences(Runnable.class, "(fax.module=true)").size() == 1);
            Run used = ok(admin(url, "coupon", "list", "--product", "fax-pro"));
            assertTrue(used.out, used.out.contains("Fax Buyer Ltd <fax@example.com>"));

            // 4. Gated on the new feature indeed: the vendor revokes the key, the component goes away.
            String key = JSON.readTree(get("/api/marketplace/v1/license/key").body()).path("key").asText();
            ok(admin(url, "license", "revoke", key));
            HttpResponse<String> refreshed = post("/api/marketplace/v1/license/refresh", "{}");
            assertEquals(refreshed.body(), "REVOKED", JSON.readTree(refreshed.body()).path("status").asText());
            await("the fax component to go with the license", () -> {
                try {
                    return context.getServiceReferences(Runnable.class, "(fax.module=true)").isEmpty();
                } catch (org.osgi.framework.InvalidSyntaxException e) {
                    throw new AssertionError(e);
                }
            });
        } finally {
            vendor.close();
        }
    }

    // ---- the vendor's side, as processes

    private static String vendorJar() {
        String jar = System.getProperty("marketplace.vendorjar");
        assertTrue("the standalone vendor jar " + jar + " (mvn verify copies it)", jar != null && Files.isRegularFile(Path.of(jar)));
        return jar;
    }

    private static String java() {
        return ConsoleProcess.java();
    }

    /** java -jar marketplace.server-…-standalone.jar --bind 127.0.0.1 --port P --data DIR, until its ready line. */
    private static ConsoleProcess startVendor(Path data, int port) throws Exception {
        ConsoleProcess process = ConsoleProcess.start(List.of(java(), "-jar", vendorJar(), "--bind", "127.0.0.1",
                "--port", String.valueOf(port), "--data", data.toString()), Map.of("VENDOR_ADMIN_TOKEN", TOKEN), TIMEOUT);
        try {
            process.await("the vendor server's ready line", line -> line.startsWith("Vendor server ready at"));
        } catch (AssertionError e) {
            process.close();
            throw e;
        }
        String log = process.tail(Integer.MAX_VALUE);
        assertTrue("an empty server says how to create products: " + log, log.contains("docs/vendor-admin.md"));
        return process;
    }

    /** java -jar marketplace.server-…-standalone.jar admin --url URL …, as docs/vendor-admin.md says. */
    private static Run admin(String url, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", vendorJar(),
                "admin", "--url", url));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("VENDOR_ADMIN_TOKEN", TOKEN);
        Process process = builder.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String out = read(process.getInputStream());
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("admin " + String.join(" ", args) + " did not end within " + TIMEOUT);
        }
        return new Run(process.exitValue(), out, err.get());
    }

    private static Run ok(Run run) {
        assertEquals(run.toString(), 0, run.status);
        return run;
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The catalog entry of docs/vendor-admin.md, one release. */
    private static Path entry(Path file, String version, String productId) throws IOException {
        Files.writeString(file, "{\"id\": \"" + MODULE + "\", \"name\": {\"en\": \"Fax\", \"ru\": \"Факс\"},"
                + " \"description\": {\"en\": \"Sends and receives faxes.\", \"ru\": \"Отправляет и принимает факсы.\"},"
                + " \"vendor\": \"Example Telecom\", \"category\": \"telephony\", \"commercial\": true,"
                + " \"featureId\": \"fax\", \"productId\": \"" + productId + "\","
                + " \"releases\": [{\"version\": \"" + version + "\", \"minHostVersion\": \"7.0.0\", \"maxHostVersion\": null,"
                + " \"date\": \"2026-12-01\", \"changelog\": {\"en\": \"First release.\", \"ru\": \"Первый выпуск.\"},"
                + " \"requires\": []}]}");
        return file;
    }

    /** A real bundle: one DS component (com.example.fax.FaxSender) gated on the feature "fax". */
    private static Path moduleJar(Path file, String version) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", MODULE);
        main.putValue("Bundle-Version", version);
        main.putValue("Bundle-Name", "Fax (SellModuleIT)");
        main.putValue("Service-Component", "OSGI-INF/com.example.fax.FaxSender.xml");
        main.putValue("Require-Capability", "osgi.extender;filter:=\"(&(osgi.extender=osgi.component)(version>=1.5.0)(!(version>=2.0.0)))\"");
        String component = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.5.0\" name=\"com.example.fax.FaxSender\" immediate=\"true\">\n"
                + "  <property name=\"osgi.ds.satisfying.condition.target\" value=\"(osgi.condition.id=marketplace.feature.fax)\"/>\n"
                + "  <property name=\"fax.module\" type=\"Boolean\" value=\"true\"/>\n"
                + "  <service><provide interface=\"java.lang.Runnable\"/></service>\n"
                + "  <implementation class=\"com.example.fax.FaxSender\"/>\n"
                + "</scr:component>\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest);
             InputStream clazz = com.example.fax.FaxSender.class.getResourceAsStream("FaxSender.class")) {
            jar.putNextEntry(new JarEntry("OSGI-INF/com.example.fax.FaxSender.xml"));
            jar.write(component.getBytes(StandardCharsets.UTF_8));
            jar.putNextEntry(new JarEntry("com/example/fax/FaxSender.class"));
            jar.write(clazz.readAllBytes());
        }
        Files.write(file, bytes.toByteArray());
        return file;
    }

    // ---- the PBX's side

    /**
     * As a PBX maker would: the license client's serverUrl, and the vendor's trust root version 1 as the vendor
     * hands it over (keys/trust/roots/1.json of its data folder, or "root show"), shipped as the trust root file.
     * Nothing is learned from the server.
     */
    private void pointThePbxAt(String url, Path vendorData) throws Exception {
        Path root = vendorData.resolve("keys/trust/roots/1.json");
        assertTrue("the vendor's first trust root " + root, Files.isRegularFile(root));
        Dictionary<String, Object> trust = new Hashtable<>();
        trust.put("rootFile", root.toString());
        configAdmin.getConfiguration("org.pbx.marketplace.trust", "?").update(trust);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("serverUrl", url);
        configAdmin.getConfiguration("org.pbx.marketplace.license", "?").update(props);
        await("the license client to use " + url, () -> {
            try {
                return (url + "/cabinet/").equals(license().path("cabinetUrl").asText());
            } catch (IOException e) {
                return false;
            }
        });
    }

    private JsonNode license() throws IOException {
        return JSON.readTree(get("/api/marketplace/v1/license").body());
    }

    private static JsonNode product(JsonNode license, String id) {
        for (JsonNode p : license.path("products")) {
            if (id.equals(p.path("id").asText())) {
                return p;
            }
        }
        throw new AssertionError("no product " + id + " in " + license);
    }

    private HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Content-Type", "application/json")
                .header("Accept-Language", "en").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private OperationDTO awaitDone(OperationDTO started) {
        await("operation " + started.kind + " " + started.moduleId + " to finish",
                () -> !"RUNNING".equals(catalog.operation(started.id).state));
        return catalog.operation(started.id);
    }
}
