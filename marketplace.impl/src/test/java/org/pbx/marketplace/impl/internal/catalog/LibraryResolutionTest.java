package org.pbx.marketplace.impl.internal.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.AbstractMap;
import java.util.List;
import java.util.Map;

import org.apache.felix.resolver.Logger;
import org.apache.felix.resolver.ResolverImpl;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.pbx.marketplace.api.CatalogException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A plan's modules resolved against the catalog's libraries by the real Felix resolver, from the headers the
 * catalog carries: the library a module imports is chosen (the highest that fits), a library's own needs are
 * followed, and what nothing provides is refused in plain words.
 */
class LibraryResolutionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LibraryResolution resolution = new LibraryResolution(new ResolverImpl(new Logger(Logger.LOG_ERROR)), new Bundle[0]);

    @Test
    void theHighestLibraryThatFitsIsChosen() throws Exception {
        LibraryResolution.Plan plan = resolution.plan("m", plan("m", "com.google.gson;version=\"[2.10,3)\""),
                List.of(gson("2.10.1"), gson("2.11.0"), gson("3.0.0")));
        assertEquals(List.of("com.google.gson 2.11.0"), names(plan));
    }

    @Test
    void aLibrarysOwnRequirementsBringTheirLibraries() throws Exception {
        CatalogLibrary databind = library("com.example.databind", "1.0.0",
                Map.of("Export-Package", "com.example.databind;version=\"1.0.0\"", "Import-Package", "com.example.core;version=\"[1,2)\""));
        CatalogLibrary core = library("com.example.core", "1.2.0", Map.of("Export-Package", "com.example.core;version=\"1.2.0\""));
        LibraryResolution.Plan plan = resolution.plan("m", plan("m", "com.example.databind"), List.of(databind, core));
        assertEquals(List.of("com.example.core 1.2.0", "com.example.databind 1.0.0"), names(plan));
    }

    @Test
    void whatNothingProvidesIsSaidInPlainWords() {
        CatalogException refused = assertThrows(CatalogException.class, () -> resolution.plan("m",
                plan("m", "com.google.gson;version=\"[2.11,3)\""), List.of(gson("2.10.1"))));
        assertEquals("UNRESOLVED", refused.reason().code);
        assertEquals("Module \"m\" needs package com.google.gson 2.x (2.11.0 or later), which neither the PBX nor the catalog provides."
                + " Nothing was downloaded or changed; ask the module's vendor for a release that fits this PBX, or to publish"
                + " that library in the catalog.", refused.reason().message.get("en"));
        assertEquals("Модулю «m» требуется пакет com.google.gson 2.x (2.11.0 или новее) — этого нет ни в АТС, ни в каталоге."
                + " Ничего не скачано и не изменено; попросите поставщика модуля о выпуске для этой АТС или о публикации этой"
                + " библиотеки в каталоге.", refused.reason().message.get("ru"));
    }

    @Test
    void optionalImportsAndAnOlderCatalogNeedNothing() throws Exception {
        assertEquals(List.of(), names(resolution.plan("m", plan("m", "com.example.maybe;resolution:=optional"), List.of())));
        CatalogDocument.Release noHeaders = release("m", null);
        assertEquals(List.of(), names(resolution.plan("m", List.of(new AbstractMap.SimpleEntry<>(module("m"), noHeaders)), List.of())));
    }

    private static List<String> names(LibraryResolution.Plan plan) {
        return plan.install.stream().map(CatalogLibrary::toString).toList();
    }

    private static List<Map.Entry<CatalogDocument.Module, CatalogDocument.Release>> plan(String id, String imports) {
        return List.of(new AbstractMap.SimpleEntry<>(module(id), release(id, Map.of("Bundle-SymbolicName", id, "Import-Package", imports))));
    }

    private static CatalogDocument.Module module(String id) {
        ObjectNode node = JSON.createObjectNode().put("id", id);
        node.putArray("releases");
        return new CatalogDocument.Module(node);
    }

    private static CatalogDocument.Release release(String id, Map<String, String> headers) {
        ObjectNode node = JSON.createObjectNode().put("version", "1.0.0").put("size", 1).put("sha256", "a".repeat(64))
                .put("path", "/v1/modules/" + id + "/1.0.0/download");
        if (headers != null) {
            node.set("manifest", JSON.valueToTree(headers));
        }
        return new CatalogDocument.Release(node);
    }

    private static CatalogLibrary gson(String version) {
        return library("com.google.gson", version, Map.of("Export-Package",
                "com.google.gson;uses:=\"com.google.gson.reflect\";version=\"" + version + "\",com.google.gson.reflect;version=\"" + version + "\"",
                "Import-Package", "sun.misc;resolution:=optional,com.google.gson.reflect"));
    }

    private static CatalogLibrary library(String name, String version, Map<String, String> headers) {
        ObjectNode node = JSON.createObjectNode().put("symbolicName", name).put("version", version).put("size", 10)
                .put("sha256", "b".repeat(64)).put("path", "/v1/libraries/" + name + "/" + version + "/download");
        node.set("manifest", JSON.valueToTree(headers));
        return new CatalogLibrary(node);
    }
}
