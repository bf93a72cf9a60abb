package org.pbx.marketplace.impl.internal.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mockito.Mockito.mock;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.dto.LibraryDTO;
import org.pbx.marketplace.api.dto.ModuleDTO;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The libraries a module not installed would bring, read from the signed catalog: the highest library in each
 * import's range, the libraries' own needs followed, optional imports and packages no library exports left out.
 */
class ReleaseLibrariesTest {

    private static final String SHA = "0".repeat(64);

    private static CatalogDocument document() throws Exception {
        return new CatalogDocument(new ObjectMapper().readTree("{\"version\":1,\"modules\":["
                + module("com.example.notes", "com.google.gson;version=\\\"[2.10,3)\\\",javax.servlet;version=\\\"[3.1,5)\\\","
                        + "com.example.extra;resolution:=optional")
                + "," + module("com.example.old", "com.google.gson;version=\\\"[2.10,2.11)\\\"")
                + "," + module("com.example.plain", "javax.servlet;version=\\\"[3.1,5)\\\"")
                + "," + module("com.example.both", "com.example.pdf;version=\\\"[1,2)\\\"")
                + "],\"libraries\":["
                + library("com.google.gson", "2.10.1", "com.google.gson;version=\\\"2.10.1\\\"", null)
                + "," + library("com.google.gson", "2.11.0", "com.google.gson;version=\\\"2.11.0\\\"", null)
                + "," + library("com.example.pdf", "1.0.0", "com.example.pdf;version=\\\"1.0.0\\\"", "com.google.gson;version=\\\"[2,3)\\\"")
                + "," + library("com.example.extra", "1.0.0", "com.example.extra", null)
                + "]}"));
    }

    private static String module(String id, String imports) {
        return "{\"id\":\"" + id + "\",\"name\":{\"en\":\"" + id + "\"},\"releases\":[{\"version\":\"1.0.0\",\"size\":10,\"sha256\":\""
                + SHA + "\",\"path\":\"/v1/x\",\"manifest\":{\"Bundle-SymbolicName\":\"" + id + "\",\"Import-Package\":\"" + imports + "\"}}]}";
    }

    private static String library(String name, String version, String exports, String imports) {
        return "{\"symbolicName\":\"" + name + "\",\"version\":\"" + version + "\",\"size\":10,\"sha256\":\"" + SHA
                + "\",\"path\":\"/v1/libraries/" + name + "/" + version + "/download\",\"manifest\":{\"Export-Package\":\"" + exports + "\""
                + (imports == null ? "" : ",\"Import-Package\":\"" + imports + "\"") + "}}";
    }

    private static List<String> names(List<LibraryDTO> libraries) {
        return libraries.stream().map(l -> l.symbolicName + " " + l.version).toList();
    }

    @Test
    void theHighestLibraryInRangeAndItsOwnNeeds() throws Exception {
        CatalogDocument document = document();
        ReleaseLibraries libraries = new ReleaseLibraries(document.libraries);
        assertEquals(List.of("com.google.gson 2.11.0"), names(libraries.of(document.modules.get("com.example.notes").releases.get(0))),
                "the highest Gson in [2.10,3); the optional import and the PBX's javax.servlet bring nothing");
        assertEquals(List.of("com.google.gson 2.10.1"), names(libraries.of(document.modules.get("com.example.old").releases.get(0))));
        assertEquals(List.of(), names(libraries.of(document.modules.get("com.example.plain").releases.get(0))));
        assertEquals(List.of("com.example.pdf 1.0.0", "com.google.gson 2.11.0"),
                names(libraries.of(document.modules.get("com.example.both").releases.get(0))), "a library's own import followed");
    }

    @Test
    void listedForAModuleNotInstalledOnly() throws Exception {
        CatalogDocument document = document();
        ModuleListing listing = new ModuleListing(Version.parseVersion("7.2.0"), mock(LicenseService.class), ReleaseAdvisories.NONE,
                new ReleaseLibraries(document.libraries));
        ModuleDTO notInstalled = listing.describe(document.modules.get("com.example.notes"), null);
        assertEquals(List.of("com.google.gson 2.11.0"), names(notInstalled.releaseLibraries));
        Bundle installed = mock(Bundle.class);
        org.mockito.Mockito.when(installed.getVersion()).thenReturn(Version.parseVersion("1.0.0"));
        ModuleDTO dto = listing.describe(document.modules.get("com.example.notes"), installed);
        assertNull(dto.releaseLibraries, "installed: its libraries say what it is wired to");
    }
}
