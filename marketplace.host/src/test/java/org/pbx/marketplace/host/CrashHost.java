package org.pbx.marketplace.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.openqa.selenium.json.Json;
import org.pbx.marketplace.testsupport.HostProcess;
import org.pbx.marketplace.testsupport.AdminClient;

/**
 * One run of the host jar on a data folder, as HostCrashIT sees it: started and waited for until
 * the license and the catalog answer, asked what it has (key, module bundles, operations), killed.
 */
final class CrashHost implements AutoCloseable {

    static final String API = "/api/marketplace/v1";
    /** The demo catalog's modules; nothing else in the host has these symbolic names. */
    static final String MODULES = "org.pbx.demo.";
    /** The library HostCrashIT's module with a library brings from the catalog; the host itself has none of it. */
    static final String LIBRARY = "com.google.gson";

    final HostProcess process;
    final AdminClient admin;

    private CrashHost(HostProcess process, AdminClient admin) {
        this.process = process;
        this.admin = admin;
    }

    /**
     * How long a start may take: hundreds of starts on a 2-core machine shared with other builds
     * take from 7 s to over a minute; a start that hangs still fails.
     */
    static final Duration START = Duration.ofSeconds(Long.getLong("crash.startSeconds", 240));

    /**
     * Starts the host and waits (bounded) until the page, the license and the catalog answer.
     *
     * @param options more JVM options, e.g. {@code -Dpbx.vendor.devModules=...}
     */
    static CrashHost start(Path data, String... options) throws Exception {
        // C1 only and the serial collector: half the CPU per start; the host's code is the same.
        List<String> jvm = new java.util.ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        jvm.addAll(List.of(options));
        HostProcess process = HostProcess.start(data, START, jvm.toArray(String[]::new));
        try {
            process.await("the ready line", line -> line.contains("PBX host ready"));
            AdminClient admin = new AdminClient(process.port, data);
            // The catalog answers once it put back an install the host died in (the catalog service waits for that).
            admin.awaitStatus(API + "/license", 200, START);
            admin.awaitStatus(API + "/modules", 200, START);
            admin.awaitStatus("/system/console/bundles.json", 200, START);
            return new CrashHost(process, admin);
        } catch (Exception | AssertionError e) {
            Path dump = Files.createDirectories(Paths.get(System.getProperty("crash.dumps", "target/crash-dumps")))
                    .resolve("host-" + System.currentTimeMillis() + ".txt");
            Files.writeString(dump, process.threadDump());
            process.close();
            throw new AssertionError(e.getMessage() + "\nthe host's threads then: " + dump.toAbsolutePath(), e);
        }
    }

    void kill() throws InterruptedException {
        process.kill();
    }

    @Override
    public void close() {
        process.close();
    }

    /** The full license key, or null when not registered. */
    String key() throws Exception {
        HttpResponse<String> response = admin.send("GET", API + "/license/key", null);
        if (response.statusCode() == 404) {
            return null;
        }
        assertEquals(200, response.statusCode(), response.body());
        return (String) json(response).get("key");
    }

    /** The license holder's company, or null. */
    String company() throws Exception {
        Map<String, Object> owner = (Map<String, Object>) json(admin.send("GET", API + "/license", null)).get("owner");
        return owner == null ? null : (String) owner.get("companyName");
    }

    /**
     * The framework's view (Web Console) of the demo module bundles and of the library: "bsn version
     * state" each, in order; a second copy of a module shows as a second line.
     */
    List<String> moduleBundles() throws Exception {
        HttpResponse<String> response = admin.send("GET", "/system/console/bundles.json", null);
        assertEquals(200, response.statusCode(), response.body());
        List<Map<String, Object>> bundles = (List<Map<String, Object>>) json(response).get("data");
        return bundles.stream()
                .filter(b -> String.valueOf(b.get("symbolicName")).startsWith(MODULES) || LIBRARY.equals(b.get("symbolicName")))
                .map(b -> b.get("symbolicName") + " " + b.get("version") + " " + b.get("state"))
                .sorted().toList();
    }

    /**
     * The framework's module bundles, once they are the old or the new set, each ACTIVE once: bundles
     * the framework restarts may still be STARTING right after the restart; a half-done install never
     * gets there, and the wait (30 s) fails with what it saw last.
     */
    List<String> awaitModuleBundles(Map<String, String> before, Map<String, String> after) throws Exception {
        long deadline = System.nanoTime() + HostProcess.TIMEOUT.toNanos() / 2;
        List<String> bundles;
        while (!settled(bundles = moduleBundles(), before, after)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the module bundles are " + bundles + "; expected each of " + before
                        + " or each of " + after + " once, Active");
            }
            Thread.sleep(50);
        }
        return bundles;
    }

    private static boolean settled(List<String> bundles, Map<String, String> before, Map<String, String> after) {
        Map<String, String> versions = versions(bundles);
        return versions.size() == bundles.size() && bundles.stream().allMatch(b -> b.endsWith(" Active"))
                && (versions.equals(before) || versions.equals(after));
    }

    /** Module id to version, from the lines of {@link #moduleBundles()}. */
    static Map<String, String> versions(List<String> bundles) {
        Map<String, String> versions = new TreeMap<>();
        for (String bundle : bundles) {
            String[] parts = bundle.split(" ");
            versions.put(parts[0], parts[1]);
        }
        return versions;
    }

    /** The same without the library: module id to version, as the catalog should report them. */
    static Map<String, String> moduleVersions(List<String> bundles) {
        Map<String, String> versions = versions(bundles);
        versions.remove(LIBRARY);
        return versions;
    }

    /** The libraries the catalog reports for an installed module, as "name version" (null when not installed). */
    List<String> libraries(String moduleId) throws Exception {
        HttpResponse<String> response = admin.send("GET", API + "/modules/" + moduleId, null);
        assertEquals(200, response.statusCode(), response.body());
        List<Map<String, Object>> libraries = (List<Map<String, Object>>) json(response).get("libraries");
        return libraries == null ? null : libraries.stream().map(l -> l.get("symbolicName") + " " + l.get("version")).sorted().toList();
    }

    /** A module's bundle id in the framework (Web Console), for the host's console commands. */
    long bundleId(String symbolicName) throws Exception {
        List<Map<String, Object>> bundles = (List<Map<String, Object>>) json(admin.send("GET", "/system/console/bundles.json", null)).get("data");
        return bundles.stream().filter(b -> symbolicName.equals(b.get("symbolicName")))
                .map(b -> ((Number) b.get("id")).longValue()).findFirst()
                .orElseThrow(() -> new AssertionError("no bundle " + symbolicName));
    }

    /** The installed versions the catalog reports for the demo modules, by id. */
    Map<String, String> catalogInstalled() throws Exception {
        Map<String, String> installed = new TreeMap<>();
        List<Map<String, Object>> modules = (List<Map<String, Object>>) json(admin.send("GET", API + "/modules", null)).get("modules");
        for (Map<String, Object> module : modules) {
            if (module.get("installedVersion") != null) {
                installed.put((String) module.get("id"), (String) module.get("installedVersion"));
            }
        }
        return installed;
    }

    /** An operation's state, or "UNKNOWN" when the host does not know the id (404). */
    String operationState(String id) throws Exception {
        HttpResponse<String> response = admin.send("GET", API + "/operations/" + id, null);
        if (response.statusCode() == 404) {
            return "UNKNOWN";
        }
        assertEquals(200, response.statusCode(), response.body());
        return (String) json(response).get("state");
    }

    /** Starts an operation and follows it (bounded) to its end; fails unless it succeeded. */
    void operate(String method, String path, String body) throws Exception {
        HttpResponse<String> started = admin.send(method, API + path, body);
        assertEquals(202, started.statusCode(), method + " " + path + ": " + started.body());
        String id = (String) json(started).get("id");
        long deadline = System.nanoTime() + HostProcess.TIMEOUT.toNanos();
        String state;
        while ("RUNNING".equals(state = operationState(id))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(method + " " + path + " still RUNNING after " + HostProcess.TIMEOUT.getSeconds() + " s");
            }
            Thread.sleep(5);
        }
        assertEquals("SUCCEEDED", state, method + " " + path + ": " + admin.send("GET", API + "/operations/" + id, null).body());
    }

    /**
     * The host fetches the catalog as it starts; when its own vendor server did not answer yet it
     * retries later. Do what the admin does: "Refresh catalog" until the demo modules are listed.
     */
    void awaitDemoCatalog() throws Exception {
        long deadline = System.nanoTime() + HostProcess.TIMEOUT.toNanos();
        HttpResponse<String> catalog;
        while (((List<?>) json(catalog = admin.send("GET", API + "/modules", null)).get("modules")).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the demo catalog did not arrive; the last answer: " + catalog.body());
            }
            admin.send("POST", API + "/catalog/refresh", null);
            Thread.sleep(200);
        }
    }

    static Map<String, Object> json(HttpResponse<String> response) {
        return new Json().toType(response.body(), Map.class);
    }
}
