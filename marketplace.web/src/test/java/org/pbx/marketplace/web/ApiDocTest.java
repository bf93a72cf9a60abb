package org.pbx.marketplace.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HEAD;
import javax.ws.rs.OPTIONS;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;

import org.junit.jupiter.api.Test;
import org.pbx.marketplace.web.internal.MarketplaceApplication;

/**
 * docs/api.md documents the whole REST API: every resource method of the Marketplace application
 * has its row ("| VERB `/path` |"), and every row names a method that exists. Every class of this
 * bundle with a JAX-RS {@code @Path} is a resource of that application (each selects it).
 */
class ApiDocTest {

    private static final Pattern ROW = Pattern.compile("^\\| (GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) `(/[^`]*)` \\|");
    private static final List<Class<? extends Annotation>> VERBS = List.of(GET.class, POST.class, PUT.class,
            DELETE.class, PATCH.class, HEAD.class, OPTIONS.class);

    @Test
    void everyResourceMethodIsDocumentedAndNothingElse() throws Exception {
        Set<String> code = resourceMethods();
        assertTrue(code.contains("GET /modules/{id}"), "the scan found the catalog resource: " + code);
        Set<String> documented = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of(System.getProperty("api.doc", "../docs/api.md")))) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                documented.add(m.group(1) + " " + m.group(2));
            }
        }
        Set<String> missing = new TreeSet<>(code);
        missing.removeAll(documented);
        Set<String> stale = new TreeSet<>(documented);
        stale.removeAll(code);
        assertEquals(Set.of(), missing, "resource methods docs/api.md has no row for");
        assertEquals(Set.of(), stale, "rows of docs/api.md that name no resource method");
    }

    /** "VERB /path" of every resource method, paths relative to the application's base. */
    static Set<String> resourceMethods() throws Exception {
        Set<String> methods = new TreeSet<>();
        for (Class<?> type : classes()) {
            javax.ws.rs.Path base = type.getAnnotation(javax.ws.rs.Path.class);
            if (base == null) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                for (Class<? extends Annotation> verb : VERBS) {
                    if (method.isAnnotationPresent(verb)) {
                        javax.ws.rs.Path sub = method.getAnnotation(javax.ws.rs.Path.class);
                        methods.add(verb.getSimpleName() + " " + join(base.value(), sub == null ? "" : sub.value()));
                    }
                }
            }
        }
        return methods;
    }

    private static String join(String base, String sub) {
        String path = Stream.of(base, sub).flatMap(p -> Stream.of(p.split("/"))).filter(s -> !s.isEmpty())
                .collect(Collectors.joining("/"));
        return "/" + path;
    }

    private static List<Class<?>> classes() throws URISyntaxException, java.io.IOException {
        Path folder = Path.of(MarketplaceApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(MarketplaceApplication.class.getPackageName().replace('.', '/'));
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> load(MarketplaceApplication.class.getPackageName() + "." + n.replace(".class", "")))
                    .collect(Collectors.toList());
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ApiDocTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name, e);
        }
    }
}
