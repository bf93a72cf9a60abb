package org.pbx.marketplace.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.api.ModuleCatalog;
import org.pbx.marketplace.api.dto.ModuleDTO;
import org.pbx.marketplace.api.dto.OperationDTO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Library bundles from the catalog, in a real Felix with the in-process vendor server: modules that import
 * Gson get it from the catalog's libraries section (resolved by the framework's resolver before any download),
 * share it, move to the highest version that serves them all, and lose it with the last module that needs it;
 * a module nothing can satisfy is refused before any download, in plain words.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class LibrariesIT extends MarketplaceTestSupport {

    private static final String A = "com.example.libs.a";
    private static final String B = "com.example.libs.b";
    private static final String C = "com.example.libs.c";
    private static final String NOWHERE = "com.example.libs.nowhere";
    private static final String GSON = "com.google.gson";

    @Inject
    ModuleCatalog catalog;

    /** Four free modules published by the demo vendor at start (pbx.vendor.devModules); Gson 2.10.1 with A. */
    @Override
    protected Option[] extraOptions() {
        try {
            Path dir = Files.createTempDirectory(Path.of(System.getProperty("marketplace.librariesdir")), "it-");
            Files.copy(Path.of(System.getProperty("marketplace.librariesdir"), "gson-2.10.1.jar"), dir.resolve("gson-2.10.1.jar"));
            Files.copy(Path.of(System.getProperty("marketplace.librariesdir"), "gson-2.11.0.jar"), dir.resolve("gson-2.11.0.jar"));
            List<String> entries = new ArrayList<>();
            entries.add(entry(dir, A, "com.google.gson;version=\"[2.10,3)\"", "[\"gson-2.10.1.jar\"]"));
            entries.add(entry(dir, B, "com.google.gson;version=\"[2.10,3)\"", "[]"));
            entries.add(entry(dir, C, "com.google.gson;version=\"[2.11,3)\"", "[]"));
            entries.add(entry(dir, NOWHERE, "com.example.nowhere;version=\"[1.0,2)\"", "[]"));
            return new Option[] {frameworkProperty("pbx.vendor.devModules").value(String.join(",", entries))};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A manifest-only module that imports the package, and its catalog entry; returns the entry's file. */
    private static String entry(Path dir, String id, String imports, String libraries) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", id);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Import-Package", imports);
        try (OutputStream out = Files.newOutputStream(dir.resolve(id + ".jar")); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        Path entry = dir.resolve(id + ".json");
        Files.writeString(entry, "{\"id\":\"" + id + "\",\"name\":{\"en\":\"" + id + "\",\"ru\":\"" + id + "\"},"
                + "\"releases\":[{\"version\":\"1.0.0\",\"file\":\"" + id + ".jar\"}],\"libraries\":" + libraries + "}",
                StandardCharsets.UTF_8);
        return entry.toString();
    }

    @Test
    public void modulesShareALibraryMoveToTheHighestAndLoseItWithTheLastModule() throws Exception {
        catalog.refresh();
        assertTrue("a library is never listed as a module",
                catalog.catalog(null).modules.stream().noneMatch(m -> m.id.equals(GSON)));

        // Before the install the REST listing names what A's release would bring from the catalog; C's range
        // [2.11,3) has no library yet, so it names none (the install refuses it, below).
        HttpResponse<String> listed = get("/api/marketplace/v1/modules");
        assertEquals(listed.body(), 200, listed.statusCode());
        assertEquals("[{\"symbolicName\":\"" + GSON + "\",\"version\":\"2.10.1\"}]", releaseLibraries(listed.body(), A));
        assertEquals("[]", releaseLibraries(listed.body(), C));

        assertSucceeded(catalog.install(A, null));
        assertEquals("A brought Gson 2.10.1 from the catalog", List.of("2.10.1"), gsonVersions());
        assertEquals("installed: libraries says what it is wired to", "null", releaseLibraries(get("/api/marketplace/v1/modules").body(), A));
        ModuleDTO a = catalog.module(A);
        assertEquals(1, a.libraries.size());
        assertEquals(GSON, a.libraries.get(0).symbolicName);
        assertEquals("2.10.1", a.libraries.get(0).version);

        assertSucceeded(catalog.install(B, null));
        assertEquals("B shares A's Gson", List.of("2.10.1"), gsonVersions());
        assertEquals(gson(), provider(B));

        // C needs Gson 2.11, which the catalog does not have yet: refused at once, nothing downloaded or changed.
        CatalogException refused = expectRefusal(CatalogException.class, () -> catalog.install(C, null));
        assertEquals("UNRESOLVED", refused.reason().code);
        assertEquals("Module \"" + C + "\" needs package com.google.gson 2.x (2.11.0 or later), which neither the PBX nor the catalog"
                + " provides. Nothing was downloaded or changed; ask the module's vendor for a release that fits this PBX, or to"
                + " publish that library in the catalog.", refused.reason().message.get("en"));
        assertTrue(refused.reason().message.get("ru"), refused.reason().message.get("ru")
                .startsWith("Модулю «" + C + "» требуется пакет com.google.gson 2.x (2.11.0 или новее) — этого нет ни в АТС, ни в каталоге."));
        assertNull(catalog.module(C).installedVersion);
        assertEquals(List.of("2.10.1"), gsonVersions());

        // The vendor adds Gson 2.11.0 to its catalog source (a jar in modules/, its file under "libraries").
        Path vendor = Path.of(context.getProperty("pbx.data"), "vendor-server");
        Path devDir = Path.of(context.getProperty("pbx.vendor.devModules").split(",")[0]).getParent();
        Files.copy(devDir.resolve("gson-2.11.0.jar"), vendor.resolve("modules").resolve("gson-2.11.0.jar"));
        Path source = vendor.resolve("catalog-source.json");
        Files.writeString(source, Files.readString(source).replaceFirst("\"libraries\"\\s*:\\s*\\[",
                "\"libraries\" : [ {\"file\" : \"gson-2.11.0.jar\"}, "));
        OperationDTO[] installC = new OperationDTO[1];
        await("the catalog to offer Gson 2.11.0", () -> {
            try {
                catalog.refresh();
                installC[0] = catalog.install(C, null);
                return true;
            } catch (CatalogException e) {
                return false;
            }
        });
        assertSucceeded(installC[0]);
        assertEquals("the highest compatible version is kept, the older one removed", List.of("2.11.0"), gsonVersions());
        for (String module : List.of(A, B, C)) {
            assertEquals(module + " wired to Gson 2.11.0", gson(), provider(module));
            assertEquals(Bundle.ACTIVE, installedBundle(module).getState());
        }

        assertSucceeded(catalog.uninstall(A));
        assertSucceeded(catalog.uninstall(B));
        assertEquals("C still needs it", List.of("2.11.0"), gsonVersions());
        assertSucceeded(catalog.uninstall(C));
        assertEquals("needed by no one: removed", List.of(), gsonVersions());
    }

    @Test
    public void aModuleNothingSatisfiesIsRefusedBeforeAnyDownload() throws Exception {
        catalog.refresh();
        int bundles = context.getBundles().length;
        // Thrown by install() itself, before an operation (and so a download) could start.
        CatalogException refused = expectRefusal(CatalogException.class, () -> catalog.install(NOWHERE, null));
        assertEquals("UNRESOLVED", refused.reason().code);
        assertTrue(refused.reason().message.get("en"), refused.reason().message.get("en").startsWith("Module \"" + NOWHERE
                + "\" needs package com.example.nowhere 1.x, which neither the PBX nor the catalog provides."));
        assertEquals(bundles, context.getBundles().length);
        assertFalse(installed(NOWHERE));
        // The REST API says the same as a client error, not a 500.
        java.net.http.HttpResponse<String> rest = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl()
                + "/api/marketplace/v1/modules/" + NOWHERE + "/install")).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
        assertTrue(rest.statusCode() + " " + rest.body(), rest.statusCode() >= 400 && rest.statusCode() < 500);
        assertTrue(rest.body(), rest.body().contains("UNRESOLVED"));
    }

    /** The module's releaseLibraries in a REST listing, as JSON text ("null" when null or absent). */
    private static String releaseLibraries(String listing, String id) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        for (JsonNode module : mapper.readTree(listing).path("modules")) {
            if (id.equals(module.path("id").asText())) {
                return mapper.writeValueAsString(module.path("releaseLibraries").isMissingNode() ? null : module.path("releaseLibraries"));
            }
        }
        throw new AssertionError(id + " is not in the listing " + listing);
    }

    private void assertSucceeded(OperationDTO started) {
        await("operation " + started.kind + " " + started.moduleId + " to finish",
                () -> !"RUNNING".equals(catalog.operation(started.id).state));
        OperationDTO done = catalog.operation(started.id);
        assertEquals(done.error == null ? "" : done.error.code + " " + done.error.technical, "SUCCEEDED", done.state);
    }

    private boolean installed(String id) {
        return context.getBundle("marketplace:module:" + id) != null;
    }

    private List<String> gsonVersions() {
        List<String> versions = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (GSON.equals(bundle.getSymbolicName())) {
                assertTrue(bundle.getLocation(), bundle.getLocation().startsWith("marketplace:library:"));
                versions.add(bundle.getVersion().toString());
            }
        }
        return versions.stream().sorted().collect(Collectors.toList());
    }

    private Bundle gson() {
        for (Bundle bundle : context.getBundles()) {
            if (GSON.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }

    private Bundle provider(String module) {
        for (BundleWire wire : installedBundle(module).adapt(BundleWiring.class).getRequiredWires("osgi.wiring.package")) {
            return wire.getProvider().getBundle();
        }
        return null;
    }
}
